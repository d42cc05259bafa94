// Control flow, boolean logic and comparisons: if/?:, and, or, !, !!, ==, ===, !=, !==, >, >=, <, <=.

#include "core/logic/coercion.hpp"
#include "core/logic/evaluator.hpp"

namespace wb::logic::detail {
namespace {

Value boolean(bool b) { return Value(json(b)); }

}  // namespace

// {"if": [c1, v1, c2, v2, ..., else]}: the value after the first truthy condition, else the last odd argument,
// else null. Only the branches taken are evaluated.
Value op_if(const Node& n, Evaluator& ev, const Scope& s) {
  std::size_t i = 0;
  for (; i + 1 < n.args.size(); i += 2) {
    if (truthy(ev.eval(n.args[i], s))) return ev.eval(n.args[i + 1], s);
  }
  if (i < n.args.size()) return ev.eval(n.args[i], s);
  return Value(json());
}

// The first falsy argument, or the last one (short-circuit).
Value op_and(const Node& n, Evaluator& ev, const Scope& s) {
  Value current;
  for (const auto& a : n.args) {
    current = ev.eval(a, s);
    if (!truthy(current)) return current;
  }
  return current;
}

// The first truthy argument, or the last one (short-circuit).
Value op_or(const Node& n, Evaluator& ev, const Scope& s) {
  Value current;
  for (const auto& a : n.args) {
    current = ev.eval(a, s);
    if (truthy(current)) return current;
  }
  return current;
}

Value op_not(const Node& n, Evaluator& ev, const Scope& s) { return boolean(!truthy(ev.eval(n.args[0], s))); }
Value op_not_not(const Node& n, Evaluator& ev, const Scope& s) { return boolean(truthy(ev.eval(n.args[0], s))); }

Value op_eq(const Node& n, Evaluator& ev, const Scope& s) {
  Value a = ev.eval(n.args[0], s);
  Value b = ev.eval(n.args[1], s);
  return boolean(loose_equal(a, b));
}
Value op_ne(const Node& n, Evaluator& ev, const Scope& s) {
  Value a = ev.eval(n.args[0], s);
  Value b = ev.eval(n.args[1], s);
  return boolean(!loose_equal(a, b));
}
Value op_strict_eq(const Node& n, Evaluator& ev, const Scope& s) {
  Value a = ev.eval(n.args[0], s);
  Value b = ev.eval(n.args[1], s);
  return boolean(strict_equal(a, b));
}
Value op_strict_ne(const Node& n, Evaluator& ev, const Scope& s) {
  Value a = ev.eval(n.args[0], s);
  Value b = ev.eval(n.args[1], s);
  return boolean(!strict_equal(a, b));
}

Value op_gt(const Node& n, Evaluator& ev, const Scope& s) {
  Value a = ev.eval(n.args[0], s);
  Value b = ev.eval(n.args[1], s);
  return boolean(js_gt(a.get(), b.get()));
}
Value op_ge(const Node& n, Evaluator& ev, const Scope& s) {
  Value a = ev.eval(n.args[0], s);
  Value b = ev.eval(n.args[1], s);
  return boolean(js_ge(a.get(), b.get()));
}

// {"<": [a, b]} or the "between" form {"<": [a, b, c]}: a < b && b < c (all three are evaluated, as in
// json-logic-js).
Value op_lt(const Node& n, Evaluator& ev, const Scope& s) {
  Value a = ev.eval(n.args[0], s);
  Value b = ev.eval(n.args[1], s);
  if (n.args.size() == 2) return boolean(js_lt(a.get(), b.get()));
  Value c = ev.eval(n.args[2], s);
  if (c.is_undefined()) return boolean(js_lt(a.get(), b.get()));
  return boolean(js_lt(a.get(), b.get()) && js_lt(b.get(), c.get()));
}
Value op_le(const Node& n, Evaluator& ev, const Scope& s) {
  Value a = ev.eval(n.args[0], s);
  Value b = ev.eval(n.args[1], s);
  if (n.args.size() == 2) return boolean(js_le(a.get(), b.get()));
  Value c = ev.eval(n.args[2], s);
  if (c.is_undefined()) return boolean(js_le(a.get(), b.get()));
  return boolean(js_le(a.get(), b.get()) && js_le(b.get(), c.get()));
}

}  // namespace wb::logic::detail
