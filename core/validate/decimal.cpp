#include "core/validate/decimal.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace wb::validate {

namespace {

// Parses decimal text into sign, normalized digits (no leading zeros, trailing zeros moved into the exponent; "0"
// for zero) and exponent. `digits` must have room for s.size() characters. False when s is not a number.
bool parse_decimal(std::string_view s, bool& negative, char* digits, size_t& ndigits, int& exponent) {
  negative = false;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  size_t n = 0;
  int exp = 0;
  bool any = false, dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits[n++] = c;
      any = true;
      if (dot) --exp;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!any) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    long e = 0;
    bool edigits = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      e = std::min(e * 10 + (s[i] - '0'), 100000L);
      edigits = true;
    }
    if (!edigits) return false;
    exp += static_cast<int>(neg ? -e : e);
  }
  if (i != s.size()) return false;
  // Normalize: strip leading zeros, move trailing zeros into the exponent.
  size_t lead = 0;
  while (lead < n && digits[lead] == '0') ++lead;
  if (lead == n) {
    digits[0] = '0';
    ndigits = 1;
    exponent = 0;
    return true;
  }
  if (lead > 0) {
    std::memmove(digits, digits + lead, n - lead);
    n -= lead;
  }
  while (n > 1 && digits[n - 1] == '0') {
    --n;
    ++exp;
  }
  ndigits = n;
  exponent = exp;
  return true;
}

// The decimal text of a JSON number: the integer's digits, or the shortest round-trip text of the double
// (nlohmann's Grisu2, as json::dump prints it). Returns the end of the text in buf (64 bytes).
char* number_text(const nlohmann::json& number, char* buf) {
  char* const last = buf + 64;
  if (number.is_number_unsigned()) return std::to_chars(buf, last, number.get<std::uint64_t>()).ptr;
  if (number.is_number_integer()) return std::to_chars(buf, last, number.get<std::int64_t>()).ptr;
  return nlohmann::detail::to_chars(buf, last, number.get<double>());
}

}  // namespace

bool decimal_from_text(std::string_view s, Decimal& out) {
  out = Decimal{};
  std::string digits(s.size() + 1, '\0');
  size_t n = 0;
  int exp = 0;
  if (!parse_decimal(s, out.negative, digits.data(), n, exp)) return false;
  digits.resize(n);
  out.digits = std::move(digits);
  out.exponent = exp;
  return true;
}

bool is_multiple_of_small(const nlohmann::json& x, const Decimal& m, std::uint64_t modulus) {
  char text[64];
  char* end = number_text(x, text);
  char digits[64];
  size_t n = 0;
  bool negative = false;
  int exponent = 0;
  if (!parse_decimal(std::string_view(text, static_cast<size_t>(end - text)), negative, digits, n, exponent))
    return is_multiple_of(decimal_of(x), m);  // not a finite number: whatever the general path says
  if (n == 1 && digits[0] == '0') return true;
  // As in is_multiple_of: x = X × 10^a, m = M × 10^b; need X × 10^(a-b) ≡ 0 (mod M), a ≥ b.
  int d = exponent - m.exponent;
  if (d < 0) return false;
  std::uint64_t r = 0;
  for (size_t i = 0; i < n; ++i) r = (r * 10 + static_cast<std::uint64_t>(digits[i] - '0')) % modulus;
  for (int k = 0; k < d && r != 0; ++k) r = (r * 10) % modulus;
  return r == 0;
}

Decimal decimal_of(const nlohmann::json& number) {
  Decimal d;
  char buf[64];
  char* end = number_text(number, buf);
  decimal_from_text(std::string_view(buf, static_cast<size_t>(end - buf)), d);
  return d;
}

namespace {

// digits (as text) mod m, for m < 2^60.
std::uint64_t mod_of(const std::string& digits, std::uint64_t m) {
  std::uint64_t r = 0;
  for (char c : digits) r = (r * 10 + static_cast<std::uint64_t>(c - '0')) % m;
  return r;
}

// Big-number text arithmetic for divisors beyond 64 bits (rare): remainder of (X · 10^zeros) by M is zero?
bool text_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

std::string text_sub(const std::string& a, const std::string& b) {  // a >= b
  std::string r = a;
  int borrow = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    int ai = r[r.size() - 1 - i] - '0';
    int bi = i < b.size() ? b[b.size() - 1 - i] - '0' : 0;
    int v = ai - bi - borrow;
    borrow = v < 0;
    r[r.size() - 1 - i] = static_cast<char>('0' + (v + 10) % 10);
  }
  size_t nz = r.find_first_not_of('0');
  return nz == std::string::npos ? "0" : r.substr(nz);
}

bool big_mod_is_zero(const std::string& x, int zeros, const std::string& m) {
  std::string r = "0";
  auto push = [&](char c) {
    r = r == "0" ? std::string(1, c) : r + c;
    while (!text_less(r, m)) r = text_sub(r, m);
  };
  for (char c : x) push(c);
  for (int k = 0; k < zeros && r != "0"; ++k) push('0');
  return r == "0";
}

}  // namespace

bool is_multiple_of(const Decimal& x, const Decimal& m) {
  if (x.digits == "0") return true;
  if (m.digits == "0") return false;
  // x = X × 10^a, m = M × 10^b. x/m = (X/M) × 10^(a-b).
  int d = x.exponent - m.exponent;
  if (d >= 0) {
    // Need X × 10^d ≡ 0 (mod M).
    if (m.digits.size() > 17) return big_mod_is_zero(x.digits, std::min(d, 100000), m.digits);
    std::uint64_t M = std::stoull(m.digits);
    std::uint64_t r = mod_of(x.digits, M);
    for (int k = 0; k < d && r != 0; ++k) r = (r * 10) % M;
    return r == 0;
  }
  // Need X ≡ 0 (mod M × 10^-d): X must end with -d zeros (it has none after normalization unless d == 0) ...
  // X is normalized (no trailing zeros), so 10^-d divides X only when -d == 0.
  return false;
}

}  // namespace wb::validate
