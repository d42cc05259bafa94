#include "core/logic/coercion.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace wb::logic::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Decodes one UTF-8 code point at s[i] (input is valid UTF-8: nlohmann validates parsed text; invalid bytes are
// taken one by one as U+FFFD).
char32_t decode(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
  if (extra == 0) {
    ++i;
    return b;
  }
  if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k <= extra; ++k) {
    auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

// ECMAScript WhiteSpace and LineTerminator (what Number(" 1 ") and parseFloat skip), incl. the ideographic space.
bool is_js_space(char32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x20 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 ||
         c == 0xFEFF;
}

std::string_view trim_start(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    if (!is_js_space(decode(s, j))) break;
    i = j;
  }
  return s.substr(i);
}

std::string_view trim(std::string_view s) {
  s = trim_start(s);
  // Trailing: walk code points forward, remembering where the last non-space ended.
  std::size_t end = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = decode(s, i);
    if (!is_js_space(c)) end = i;
  }
  return s.substr(0, end);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the longest StrDecimalLiteral prefix without sign and without "Infinity" (0 when none).
std::size_t decimal_prefix(std::string_view s) {
  std::size_t i = 0;
  std::size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) ++j, ++frac_digits;
    if (int_digits + frac_digits == 0) return 0;
    i = j;
  } else if (int_digits == 0) {
    return 0;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    std::size_t exp_digits = 0;
    while (j < s.size() && is_digit(s[j])) ++j, ++exp_digits;
    if (exp_digits > 0) i = j;
  }
  return i;
}

double strtod_of(std::string_view s) {
  std::string copy(s);
  return std::strtod(copy.c_str(), nullptr);
}

// 0x / 0o / 0b literals (no sign allowed, as in JavaScript).
double radix_literal(std::string_view digits, int radix) {
  if (digits.empty()) return kNaN;
  double v = 0;
  for (char c : digits) {
    int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
    if (d >= radix) return kNaN;
    v = v * radix + d;
  }
  return v;
}

int utf16_units(char32_t cp) { return cp >= 0x10000 ? 2 : 1; }

// The UTF-16 code units of a code point: hi and (for supplementary planes) lo.
void utf16_of(char32_t cp, char16_t& hi, char16_t& lo) {
  if (cp >= 0x10000) {
    char32_t v = cp - 0x10000;
    hi = static_cast<char16_t>(0xD800 + (v >> 10));
    lo = static_cast<char16_t>(0xDC00 + (v & 0x3FF));
  } else {
    hi = static_cast<char16_t>(cp);
    lo = 0;
  }
}

// JavaScript string comparison: by UTF-16 code units.
bool utf16_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    // Fast path: equal bytes.
    if (a[i] == b[j]) {
      ++i, ++j;
      continue;
    }
    // Back up to the start of the code points that differ (continuation bytes are 10xxxxxx).
    while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i, --j;
    char32_t ca = decode(a, i), cb = decode(b, j);
    if (ca == cb) continue;
    char16_t ah, al, bh, bl;
    utf16_of(ca, ah, al);
    utf16_of(cb, bh, bl);
    if (ah != bh) return ah < bh;
    return al < bl;
  }
  return i == a.size() && j < b.size();
}

}  // namespace

bool truthy(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
    case json::value_t::discarded: return false;
    case json::value_t::boolean: return v.get_ref<const json::boolean_t&>();
    case json::value_t::number_integer: return v.get_ref<const json::number_integer_t&>() != 0;
    case json::value_t::number_unsigned: return v.get_ref<const json::number_unsigned_t&>() != 0;
    case json::value_t::number_float: {
      double d = v.get_ref<const json::number_float_t&>();
      return d != 0 && !std::isnan(d);
    }
    case json::value_t::string: return !v.get_ref<const json::string_t&>().empty();
    case json::value_t::array: return !v.empty();
    default: return true;  // objects
  }
}

double string_to_number(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0') {
    char p = s[1];
    if (p == 'x' || p == 'X') return radix_literal(s.substr(2), 16);
    if (p == 'o' || p == 'O') return radix_literal(s.substr(2), 8);
    if (p == 'b' || p == 'B') return radix_literal(s.substr(2), 2);
  }
  std::string_view body = s;
  bool negative = false;
  if (body[0] == '+' || body[0] == '-') {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "Infinity") return negative ? -kInf : kInf;
  if (body.empty() || decimal_prefix(body) != body.size()) return kNaN;
  return strtod_of(s);
}

double parse_float_text(std::string_view text) {
  std::string_view s = trim_start(text);
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body.substr(0, 8) == "Infinity") return negative ? -kInf : kInf;
  std::size_t n = decimal_prefix(body);
  if (n == 0) return kNaN;
  return strtod_of(s.substr(0, n + (s.size() - body.size())));
}

double to_number(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return 0;
    case json::value_t::boolean: return v.get_ref<const json::boolean_t&>() ? 1 : 0;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return number_of(v);
    case json::value_t::string: return string_to_number(v.get_ref<const json::string_t&>());
    case json::value_t::array: {
      // ToPrimitive: the joined text, then ToNumber. Short-circuit the common shapes.
      if (v.empty()) return 0;
      if (v.size() == 1 && !v[0].is_array()) {
        const json& e = v[0];
        if (e.is_null()) return 0;
        if (e.is_number()) return number_of(e);
        if (e.is_string()) return string_to_number(e.get_ref<const json::string_t&>());
      }
      return string_to_number(to_js_string(v));
    }
    default: return kNaN;  // objects ("[object Object]") and undefined
  }
}

double parse_float(const json& v) {
  if (v.is_number()) return number_of(v);
  if (v.is_string()) return parse_float_text(v.get_ref<const json::string_t&>());
  return parse_float_text(to_js_string(v));
}

double to_integer_or_infinity(double d) {
  if (std::isnan(d)) return 0;
  return std::trunc(d);
}

void shortest_digits(double d, std::string& digits, int& n) {
  // The shortest digits that read back as d (printf rounds correctly), as JavaScript requires.
  // When a representation of at most 15 significant digits reads back, the correctly rounded 15-digit one is it,
  // padded with zeros (the 15-digit grid is far coarser than the rounding error); else try 16, then 17.
  char buf[40];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  // buf: [-]d[.ddd]e(+|-)xx
  digits.clear();
  int exponent = 0;
  const char* p = buf;
  if (*p == '-') ++p;
  for (; *p && *p != 'e'; ++p)
    if (is_digit(*p)) digits += *p;
  if (*p == 'e') exponent = std::atoi(p + 1);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  n = exponent + 1;
}

std::string number_to_js_string(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return "0";
  if (d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) return std::to_string(static_cast<std::int64_t>(d));
  std::string digits;
  int n = 0;
  shortest_digits(d, digits, n);
  bool negative = d < 0;
  int k = static_cast<int>(digits.size());
  std::string out = negative ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += n - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

void append_js_string(std::string& out, const json& v) {
  switch (v.type()) {
    case json::value_t::null: out += "null"; return;
    case json::value_t::discarded: out += "undefined"; return;
    case json::value_t::boolean: out += v.get_ref<const json::boolean_t&>() ? "true" : "false"; return;
    case json::value_t::number_integer: {
      auto i = v.get_ref<const json::number_integer_t&>();
      if (i > -(std::int64_t{1} << 53) && i < (std::int64_t{1} << 53))
        out += std::to_string(i);
      else
        out += number_to_js_string(static_cast<double>(i));
      return;
    }
    case json::value_t::number_unsigned: {
      auto u = v.get_ref<const json::number_unsigned_t&>();
      if (u < (std::uint64_t{1} << 53))
        out += std::to_string(u);
      else
        out += number_to_js_string(static_cast<double>(u));
      return;
    }
    case json::value_t::number_float: out += number_to_js_string(v.get_ref<const json::number_float_t&>()); return;
    case json::value_t::string: out += v.get_ref<const json::string_t&>(); return;
    case json::value_t::array: {
      bool first = true;
      for (const auto& e : v) {
        if (!first) out += ',';
        first = false;
        append_join_element(out, e);
      }
      return;
    }
    default: out += "[object Object]"; return;
  }
}

void append_join_element(std::string& out, const json& v) {
  if (v.is_null() || v.is_discarded()) return;
  append_js_string(out, v);
}

std::string to_js_string(const json& v) {
  if (v.is_string()) return v.get_ref<const json::string_t&>();
  std::string out;
  append_js_string(out, v);
  return out;
}

json make_number(double d) {
  if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0 && !(d == 0 && std::signbit(d)))
    return json(static_cast<std::int64_t>(d));
  return json(d);
}

namespace {

enum class JsType { Undefined, Null, Boolean, Number, String, Object };

JsType js_type(const json& v) {
  switch (v.type()) {
    case json::value_t::discarded: return JsType::Undefined;
    case json::value_t::null: return JsType::Null;
    case json::value_t::boolean: return JsType::Boolean;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return JsType::Number;
    case json::value_t::string: return JsType::String;
    default: return JsType::Object;  // arrays, objects (binary never occurs)
  }
}

bool same_type_equal(JsType t, const Value& a, const Value& b) {
  const json& x = a.get();
  const json& y = b.get();
  switch (t) {
    case JsType::Undefined:
    case JsType::Null: return true;
    case JsType::Boolean: return x.get_ref<const json::boolean_t&>() == y.get_ref<const json::boolean_t&>();
    case JsType::Number: {
      if (x.is_number_integer() && y.is_number_integer() && !x.is_number_unsigned() && !y.is_number_unsigned())
        return x.get_ref<const json::number_integer_t&>() == y.get_ref<const json::number_integer_t&>();
      return number_of(x) == number_of(y);
    }
    case JsType::String: return x.get_ref<const json::string_t&>() == y.get_ref<const json::string_t&>();
    case JsType::Object: return a.ref() != nullptr && a.ref() == b.ref();  // identity
  }
  return false;
}

bool loose_equal_json(const json& x, const json& y);

}  // namespace

bool strict_equal(const Value& a, const Value& b) {
  JsType ta = js_type(a.get());
  if (ta != js_type(b.get())) return false;
  return same_type_equal(ta, a, b);
}

bool loose_equal(const Value& a, const Value& b) {
  JsType ta = js_type(a.get());
  JsType tb = js_type(b.get());
  if (ta == tb) return same_type_equal(ta, a, b);
  return loose_equal_json(a.get(), b.get());
}

namespace {

// Abstract Equality for values of different JavaScript types.
bool loose_equal_json(const json& x, const json& y) {
  JsType tx = js_type(x);
  JsType ty = js_type(y);
  bool x_nullish = tx == JsType::Null || tx == JsType::Undefined;
  bool y_nullish = ty == JsType::Null || ty == JsType::Undefined;
  if (x_nullish || y_nullish) return x_nullish && y_nullish;
  // Booleans become numbers; objects (arrays) become their primitive (a string); then numbers and strings meet
  // as numbers, two strings as strings.
  auto primitive = [](const json& v, JsType t) -> json {
    if (t == JsType::Boolean) return json(v.get_ref<const json::boolean_t&>() ? 1 : 0);
    if (t == JsType::Object) return json(to_js_string(v));
    return v;
  };
  if (tx == JsType::Object && ty == JsType::Object) return false;  // identity, handled by the caller
  json px = primitive(x, tx);
  json py = primitive(y, ty);
  // An object compared with a boolean: the boolean becomes a number first, then the object its primitive.
  if (px.is_string() && py.is_string()) return px.get_ref<const json::string_t&>() == py.get_ref<const json::string_t&>();
  return to_number(px) == to_number(py);
}

}  // namespace

int js_less(const json& a, const json& b) {
  // Fast path: two numbers.
  if (a.is_number() && b.is_number()) {
    double x = number_of(a), y = number_of(b);
    if (std::isnan(x) || std::isnan(y)) return -1;
    return x < y ? 1 : 0;
  }
  // ToPrimitive (hint number): arrays and objects become strings.
  const json* pa = &a;
  const json* pb = &b;
  json sa, sb;
  if (a.is_array() || a.is_object()) {
    sa = to_js_string(a);
    pa = &sa;
  }
  if (b.is_array() || b.is_object()) {
    sb = to_js_string(b);
    pb = &sb;
  }
  if (pa->is_string() && pb->is_string())
    return utf16_less(pa->get_ref<const json::string_t&>(), pb->get_ref<const json::string_t&>()) ? 1 : 0;
  double x = to_number(*pa), y = to_number(*pb);
  if (std::isnan(x) || std::isnan(y)) return -1;
  return x < y ? 1 : 0;
}

std::size_t utf16_length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++n, ++i;
      continue;
    }
    n += static_cast<std::size_t>(utf16_units(decode(s, i)));
  }
  return n;
}

std::string utf16_slice(std::string_view s, std::size_t start, std::size_t count) {
  std::string out;
  std::size_t end = start + count;
  std::size_t pos = 0;  // in code units
  for (std::size_t i = 0; i < s.size() && pos < end;) {
    std::size_t at = i;
    char32_t cp = decode(s, i);
    std::size_t units = static_cast<std::size_t>(utf16_units(cp));
    std::size_t cp_end = pos + units;
    if (pos >= start && cp_end <= end) {
      out.append(s.substr(at, i - at));
    } else if (cp_end > start && pos < end) {
      out += "\xEF\xBF\xBD";  // half of a surrogate pair: what UTF-8 encoding of a lone surrogate gives
    }
    pos = cp_end;
  }
  return out;
}

void normalize_result(json& v) {
  switch (v.type()) {
    case json::value_t::discarded: v = nullptr; return;
    case json::value_t::number_float: {
      double d = v.get_ref<const json::number_float_t&>();
      if (!std::isfinite(d))
        v = nullptr;
      else if (d == std::trunc(d) && std::fabs(d) < 9007199254740992.0)
        v = static_cast<std::int64_t>(d);  // JSON.stringify(2.0) is "2"; -0 is "0"
      return;
    }
    case json::value_t::array:
      for (auto& e : v) normalize_result(e);
      return;
    default: return;
  }
}

}  // namespace wb::logic::detail
