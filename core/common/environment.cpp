#include "core/common/environment.hpp"

#include <algorithm>

namespace wb {

std::string uuid_v4(RandomSource& random) {
  std::uint8_t b[16];
  random.fill(b, sizeof b);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += kHex[b[i] >> 4];
    s += kHex[b[i] & 15];
  }
  return s;
}

std::int64_t backoff_delay_ms(int attempt, RandomSource& random, std::int64_t retry_after_ms, std::int64_t base_ms,
                              std::int64_t cap_ms) {
  std::int64_t ceiling = base_ms;
  for (int i = 0; i < attempt && ceiling < cap_ms; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, cap_ms);
  std::uint8_t b[8];
  random.fill(b, sizeof b);
  std::uint64_t r = 0;
  for (auto x : b) r = (r << 8) | x;
  auto delay = static_cast<std::int64_t>(r % static_cast<std::uint64_t>(ceiling + 1));
  return std::max(delay, retry_after_ms);
}

}  // namespace wb
