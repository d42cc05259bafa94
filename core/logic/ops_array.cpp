// Array operations: map, filter, reduce, all, none, some (their logic runs once per element, with the element as
// the data), merge and in. Work is bounded by the size of the input arrays and the evaluator's budget.

#include "core/logic/coercion.hpp"
#include "core/logic/evaluator.hpp"

namespace wb::logic::detail {
namespace {

Scope element_scope(const json& element) { return Scope{&element, nullptr, nullptr, false}; }

json as_element(Value v) {
  json e = std::move(v).take();
  if (e.is_discarded()) e = nullptr;  // JSON has no undefined: an array holds null instead
  return e;
}

}  // namespace

Value op_map(const Node& n, Evaluator& ev, const Scope& s) {
  Value list = ev.eval(n.args[0], s);
  Elements arr(list);
  json out = json::array();
  if (!arr.is_array()) return Value(std::move(out));
  auto& items = out.get_ref<json::array_t&>();
  items.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (!ev.charge(1)) break;
    items.push_back(as_element(ev.eval(n.args[1], element_scope(arr[i]))));
  }
  return Value(std::move(out));
}

// The elements for which the logic is truthy. Over an array that lives elsewhere (the data), the result is a view
// of those elements (no copies, and they keep their identity as in JavaScript); over an array built by an
// operation, the chosen elements are moved out of it.
Value op_filter(const Node& n, Evaluator& ev, const Scope& s) {
  Value list = ev.eval(n.args[0], s);
  if (list.borrowed()) {
    Elements arr(list);
    if (!arr.is_array()) return Value(json::array());
    std::vector<const json*> chosen;
    for (std::size_t i = 0; i < arr.size(); ++i) {
      if (!ev.charge(1)) break;
      if (truthy(ev.eval(n.args[1], element_scope(arr[i])))) chosen.push_back(&arr[i]);
    }
    return Value::view(std::move(chosen));
  }
  json owned = std::move(list).take();
  json out = json::array();
  if (!owned.is_array()) return Value(std::move(out));
  for (auto& e : owned.get_ref<json::array_t&>()) {
    if (!ev.charge(1)) break;
    if (truthy(ev.eval(n.args[1], element_scope(e)))) out.get_ref<json::array_t&>().push_back(std::move(e));
  }
  return Value(std::move(out));
}

// {"reduce": [array, logic, initial]}: logic sees {"current": element, "accumulator": so far}; initial defaults
// to null; a non-array gives the initial value.
Value op_reduce(const Node& n, Evaluator& ev, const Scope& s) {
  Value list = ev.eval(n.args[0], s);
  Value acc = n.args.size() > 2 ? ev.eval(n.args[2], s) : Value(json());
  Elements arr(list);
  if (!arr.is_array()) return acc;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (!ev.charge(1)) break;
    Scope frame{nullptr, &arr[i], &acc.get(), true};
    Value next = ev.eval(n.args[1], frame);
    // A result that may point into storage this loop owns (the old accumulator, or the array when an operation
    // built it) is copied before that storage goes away.
    if (next.borrowed() && (!acc.borrowed() || !list.borrowed())) next = Value(std::move(next).take());
    acc = std::move(next);
  }
  return acc;
}

Value op_all(const Node& n, Evaluator& ev, const Scope& s) {
  Value list = ev.eval(n.args[0], s);
  Elements arr(list);
  if (!arr.is_array() || arr.empty()) return Value(json(false));  // all of nothing is false in JsonLogic
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (!truthy(ev.eval(n.args[1], element_scope(arr[i])))) return Value(json(false));
    if (ev.stopped()) break;
  }
  return Value(json(true));
}

Value op_none(const Node& n, Evaluator& ev, const Scope& s) {
  Value list = ev.eval(n.args[0], s);
  Elements arr(list);
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (truthy(ev.eval(n.args[1], element_scope(arr[i])))) return Value(json(false));
    if (ev.stopped()) break;
  }
  return Value(json(true));
}

Value op_some(const Node& n, Evaluator& ev, const Scope& s) {
  Value list = ev.eval(n.args[0], s);
  Elements arr(list);
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (truthy(ev.eval(n.args[1], element_scope(arr[i])))) return Value(json(true));
    if (ev.stopped()) break;
  }
  return Value(json(false));
}

// One array from the arguments: arrays are flattened one level, anything else is an element.
Value op_merge(const Node& n, Evaluator& ev, const Scope& s) {
  json out = json::array();
  auto& items = out.get_ref<json::array_t&>();
  for (const auto& a : n.args) {
    Value v = ev.eval(a, s);
    Elements arr(v);
    if (arr.is_array()) {
      if (!ev.charge(arr.size())) break;
      if (v.borrowed()) {
        for (std::size_t i = 0; i < arr.size(); ++i) items.push_back(arr[i]);
      } else {
        json owned = std::move(v).take();
        for (auto& e : owned.get_ref<json::array_t&>()) items.push_back(std::move(e));
      }
    } else {
      ev.charge(1);
      items.push_back(as_element(std::move(v)));
    }
  }
  return Value(std::move(out));
}

// {"in": [needle, haystack]}: a substring test when haystack is text (needle as String()), an element test
// (===) when it is an array, false otherwise.
Value op_in(const Node& n, Evaluator& ev, const Scope& s) {
  Value needle = ev.eval(n.args[0], s);
  Value hay = ev.eval(n.args[1], s);
  Elements arr(hay);
  if (arr.is_array()) {
    ev.charge(arr.size());
    // Arrays and objects are === only to themselves (identity), which strict_equal decides by address.
    for (std::size_t i = 0; i < arr.size(); ++i)
      if (strict_equal(needle, Value::ref(arr[i]))) return Value(json(true));
    return Value(json(false));
  }
  const json& h = hay.get();
  if (h.is_string()) {
    const auto& text = h.get_ref<const json::string_t&>();
    if (text.empty()) return Value(json(false));  // "" is falsy: json-logic-js gives false before searching
    if (needle.get().is_string())
      return Value(json(text.find(needle.get().get_ref<const json::string_t&>()) != std::string::npos));
    return Value(json(text.find(to_js_string(needle.get())) != std::string::npos));
  }
  return Value(json(false));
}

}  // namespace wb::logic::detail
