// Text operations: cat and substr. Positions and lengths count UTF-16 code units, as JavaScript strings do (a
// Chinese character of the Basic Multilingual Plane is one unit, a character beyond it two).

#include <algorithm>
#include <cmath>

#include "core/logic/coercion.hpp"
#include "core/logic/evaluator.hpp"

namespace wb::logic::detail {

// Array.prototype.join(""): String() of each argument, null and undefined as "".
Value op_cat(const Node& n, Evaluator& ev, const Scope& s) {
  std::string out;
  for (const auto& a : n.args) {
    Value v = ev.eval(a, s);
    append_join_element(out, v.get());
  }
  if (!ev.charge(out.size() / 4)) return Value();
  return Value(json(std::move(out)));
}

namespace {

// String.prototype.substr(start, length).
std::string js_substr(const std::string& text, const json& start, const json* length) {
  double size = static_cast<double>(utf16_length(text));
  double from = to_integer_or_infinity(to_number(start));
  if (from < 0) from = std::max(size + from, 0.0);
  else from = std::min(from, size);
  double count = length == nullptr ? size : to_integer_or_infinity(to_number(*length));
  count = std::min(std::max(count, 0.0), size - from);
  if (count <= 0) return std::string();
  return utf16_slice(text, static_cast<std::size_t>(from), static_cast<std::size_t>(count));
}

// JavaScript's `number + value` where value is what json-logic-js adds to a length (text concatenates).
json plus(double number, const json& v) {
  if (v.is_string() || v.is_array() || v.is_object()) return json(number_to_js_string(number) + to_js_string(v));
  return make_number(number + to_number(v));
}

}  // namespace

// {"substr": [text, start, length]}: a negative start counts from the end; a negative length leaves that many
// units off the end (as PHP does; json-logic-js emulates it).
Value op_substr(const Node& n, Evaluator& ev, const Scope& s) {
  Value source = ev.eval(n.args[0], s);
  Value start = n.args.size() > 1 ? ev.eval(n.args[1], s) : Value();
  Value end = n.args.size() > 2 ? ev.eval(n.args[2], s) : Value();
  std::string text = to_js_string(source.get());
  if (!ev.charge(text.size() / 4)) return Value();
  if (js_lt(end.get(), json(0))) {
    std::string temp = js_substr(text, start.get(), nullptr);
    json length = plus(static_cast<double>(utf16_length(temp)), end.get());
    return Value(json(js_substr(temp, json(0), &length)));
  }
  return Value(json(js_substr(text, start.get(), end.is_undefined() ? nullptr : &end.get())));
}

}  // namespace wb::logic::detail
