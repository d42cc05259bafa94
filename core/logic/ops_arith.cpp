// Arithmetic with JavaScript coercions: +, -, *, /, %, max, min.
//  - "+" adds parseFloat() of each argument ({"+": "3"} casts text to a number; {"+": []} is 0);
//  - "*" multiplies parseFloat() of each argument, but like json-logic-js returns a single argument unchanged;
//  - "-", "/", "%", max and min use ToNumber ("" and null are 0, [] is 0, "a" is NaN);
//  - NaN and infinities stay what they are in JavaScript within the evaluation and become null in the result.

#include <cmath>
#include <limits>

#include "core/logic/coercion.hpp"
#include "core/logic/evaluator.hpp"

namespace wb::logic::detail {

Value op_add(const Node& n, Evaluator& ev, const Scope& s) {
  double sum = 0;
  for (const auto& a : n.args) sum += parse_float(ev.eval(a, s).get());
  return Value(make_number(sum));
}

Value op_mul(const Node& n, Evaluator& ev, const Scope& s) {
  if (n.args.size() == 1) return ev.eval(n.args[0], s);
  double product = parse_float(ev.eval(n.args[0], s).get());
  for (std::size_t i = 1; i < n.args.size(); ++i) product *= parse_float(ev.eval(n.args[i], s).get());
  return Value(make_number(product));
}

Value op_sub(const Node& n, Evaluator& ev, const Scope& s) {
  double a = to_number(ev.eval(n.args[0], s).get());
  if (n.args.size() == 1) return Value(make_number(-a));
  double b = to_number(ev.eval(n.args[1], s).get());
  return Value(make_number(a - b));
}

Value op_div(const Node& n, Evaluator& ev, const Scope& s) {
  double a = to_number(ev.eval(n.args[0], s).get());
  double b = to_number(ev.eval(n.args[1], s).get());
  return Value(make_number(a / b));
}

Value op_mod(const Node& n, Evaluator& ev, const Scope& s) {
  double a = to_number(ev.eval(n.args[0], s).get());
  double b = to_number(ev.eval(n.args[1], s).get());
  return Value(make_number(std::fmod(a, b)));  // JavaScript's % is the truncated remainder, as fmod
}

namespace {

// Math.max / Math.min: NaN if any argument is NaN; -Infinity / Infinity without arguments.
Value extreme(const Node& n, Evaluator& ev, const Scope& s, bool want_max) {
  double best = want_max ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  bool nan = false;
  for (const auto& a : n.args) {
    double d = to_number(ev.eval(a, s).get());
    if (std::isnan(d)) nan = true;
    else if (want_max ? (d > best || (d == 0 && best == 0 && !std::signbit(d))) : (d < best || (d == 0 && best == 0 && std::signbit(d))))
      best = d;
  }
  return Value(make_number(nan ? std::numeric_limits<double>::quiet_NaN() : best));
}

}  // namespace

Value op_max(const Node& n, Evaluator& ev, const Scope& s) { return extreme(n, ev, s, true); }
Value op_min(const Node& n, Evaluator& ev, const Scope& s) { return extreme(n, ev, s, false); }

}  // namespace wb::logic::detail
