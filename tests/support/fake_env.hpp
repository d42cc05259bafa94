#pragma once
// Deterministic platform services for tests: a clock that only moves when told, a seeded random source. Both are
// safe to share with a server's request threads.

#include <atomic>
#include <cstdint>
#include <mutex>

#include "core/common/environment.hpp"

namespace wb::test {

class FakeClock : public Clock {
 public:
  explicit FakeClock(std::int64_t start_ms = 1'764'000'000'000) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_.load(); }
  void advance(std::int64_t ms) { now_ += ms; }
  void set(std::int64_t ms) { now_ = ms; }

 private:
  std::atomic<std::int64_t> now_;
};

class SeededRandom : public RandomSource {
 public:
  explicit SeededRandom(std::uint64_t seed = 1) : state_(seed ? seed : 1) {}
  void reseed(std::uint64_t seed) {
    std::lock_guard<std::mutex> lock(mutex_);
    state_ = seed ? seed : 1;
  }
  void fill(std::uint8_t* out, size_t size) override {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < size; ++i) {
      state_ ^= state_ << 13;
      state_ ^= state_ >> 7;
      state_ ^= state_ << 17;
      out[i] = static_cast<std::uint8_t>(state_ >> 24);
    }
  }

 private:
  std::mutex mutex_;
  std::uint64_t state_;
};

struct FakeEnv {
  FakeClock clock;
  SeededRandom random;
  Environment env() { return Environment{&clock, &random}; }
};

}  // namespace wb::test
