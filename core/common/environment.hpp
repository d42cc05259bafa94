#pragma once
// What the core needs from the world, passed in explicitly (never globals): the time and a random source.
// native/ and wasm/ provide real ones; tests provide deterministic ones.

#include <cstddef>
#include <cstdint>
#include <string>

namespace wb {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() const = 0;  // milliseconds since the Unix epoch, UTC
};

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual void fill(std::uint8_t* out, size_t size) = 0;  // cryptographically strong on real platforms
};

struct Environment {
  Clock* clock = nullptr;
  RandomSource* random = nullptr;
};

// RFC 4122 version 4 UUID from the random source ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lowercase).
std::string uuid_v4(RandomSource& random);

// Full-jitter exponential backoff: a uniform delay in [0, min(cap, base * 2^attempt)] milliseconds, and never
// less than the server's Retry-After when it gave one.
std::int64_t backoff_delay_ms(int attempt, RandomSource& random, std::int64_t retry_after_ms = 0,
                              std::int64_t base_ms = 1000, std::int64_t cap_ms = 15 * 60 * 1000);

}  // namespace wb
