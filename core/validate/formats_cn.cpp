// Wangban's formats for Chinese identifiers.
#include "core/validate/formats.hpp"

namespace wb::validate {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Province-level codes of GB/T 2260 (plus 71 Taiwan, 81/82 Hong Kong/Macao, 83 residence permits for Taiwan
// residents) — the first two digits of a resident ID.
bool known_province(int p) {
  switch (p) {
    case 11: case 12: case 13: case 14: case 15:
    case 21: case 22: case 23:
    case 31: case 32: case 33: case 34: case 35: case 36: case 37:
    case 41: case 42: case 43: case 44: case 45: case 46:
    case 50: case 51: case 52: case 53: case 54:
    case 61: case 62: case 63: case 64: case 65:
    case 71: case 81: case 82: case 83:
      return true;
    default:
      return false;
  }
}

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

}  // namespace

char cn_resident_id_check_char(std::string_view s) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  if (s.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (!digit(s[i])) return '\0';
    sum += (s[i] - '0') * kWeights[i];
  }
  return kCheck[sum % 11];
}

bool is_cn_resident_id(std::string_view s) {
  if (s.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i)
    if (!digit(s[i])) return false;
  if (!digit(s[17]) && s[17] != 'X') return false;
  if (!known_province(num(s.substr(0, 2)))) return false;
  int y = num(s.substr(6, 4)), m = num(s.substr(10, 2)), d = num(s.substr(12, 2));
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  return cn_resident_id_check_char(s.substr(0, 17)) == s[17];
}

char cn_uscc_check_char(std::string_view s) {
  static constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (s.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    auto v = kUsccAlphabet.find(s[i]);
    if (v == std::string_view::npos) return '\0';
    sum += static_cast<int>(v) * kWeights[i];
  }
  int c = (31 - sum % 31) % 31;
  return kUsccAlphabet[static_cast<size_t>(c)];
}

bool is_cn_uscc(std::string_view s) {
  if (s.size() != 18) return false;
  for (char c : s)
    if (kUsccAlphabet.find(c) == std::string_view::npos) return false;
  for (size_t i = 2; i < 8; ++i)  // administrative division code
    if (!digit(s[i])) return false;
  return cn_uscc_check_char(s.substr(0, 17)) == s[17];
}

bool is_cn_mobile(std::string_view s) {
  if (s.size() != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9') return false;
  for (char c : s)
    if (!digit(c)) return false;
  return true;
}

bool is_cn_postcode(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s)
    if (!digit(c)) return false;
  return true;
}

}  // namespace wb::validate
