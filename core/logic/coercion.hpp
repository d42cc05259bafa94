#pragma once
// Internal: JavaScript's coercions and comparisons over JSON values, as json-logic-js relies on them
// (ECMAScript ToNumber, ToString, parseFloat, ==, ===, <). Arrays and objects convert through ToPrimitive:
// an array becomes its elements joined with "," (null elements as ""), an object becomes "[object Object]".

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/logic/value.hpp"

namespace wb::logic::detail {

// JsonLogic truthiness: JavaScript's, except that an empty array is falsy.
bool truthy(const json& v);
inline bool truthy(const Value& v) { return v.is_view() ? !v.view_elements().empty() : truthy(v.get()); }

double to_number(const json& v);          // ToNumber (undefined -> NaN, null -> 0, "" -> 0, " 12 " -> 12)
double string_to_number(std::string_view s);
double parse_float(const json& v);        // parseFloat(ToString(v)): the longest numeric prefix, else NaN
double to_integer_or_infinity(double d);  // NaN -> 0, otherwise truncated

std::string to_js_string(const json& v);            // String(v)
void append_js_string(std::string& out, const json& v);  // String(v), appended
void append_join_element(std::string& out, const json& v);  // as Array.prototype.join: null/undefined -> ""
std::string number_to_js_string(double d);
// The shortest decimal digits of a finite, non-zero |d| and its exponent: |d| = 0.<digits> * 10^n.
void shortest_digits(double d, std::string& digits, int& n);          // Number.prototype.toString(): 1 -> "1", 1e21 -> "1e+21"

// A JavaScript number as JSON: integral values below 2^53 become integers (2.0 -> 2), -0 and non-finite values
// stay doubles
// (normalize_result() maps them to 0 and null).
json make_number(double d);
// A number read from JSON as a double (the only number type of JavaScript).
inline double number_of(const json& v) {
  switch (v.type()) {
    case json::value_t::number_integer: return static_cast<double>(v.get_ref<const json::number_integer_t&>());
    case json::value_t::number_unsigned: return static_cast<double>(v.get_ref<const json::number_unsigned_t&>());
    default: return v.get_ref<const json::number_float_t&>();
  }
}

bool strict_equal(const Value& a, const Value& b);  // ===
bool loose_equal(const Value& a, const Value& b);   // ==

// The Abstract Relational Comparison a < b: 1 true, 0 false, -1 undefined (a NaN was involved).
int js_less(const json& a, const json& b);
inline bool js_lt(const json& a, const json& b) { return js_less(a, b) == 1; }
inline bool js_gt(const json& a, const json& b) { return js_less(b, a) == 1; }
inline bool js_le(const json& a, const json& b) { return js_less(b, a) == 0; }
inline bool js_ge(const json& a, const json& b) { return js_less(a, b) == 0; }

// UTF-16 views of UTF-8 text (JavaScript strings count UTF-16 code units).
std::size_t utf16_length(std::string_view s);
// The code units [start, start + count) of s, re-encoded as UTF-8; a surrogate pair cut in half leaves U+FFFD.
std::string utf16_slice(std::string_view s, std::size_t start, std::size_t count);

// NaN/infinities -> null, -0 -> 0, undefined -> null, recursively in arrays (objects come only from the data).
void normalize_result(json& v);

}  // namespace wb::logic::detail
