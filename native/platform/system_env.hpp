#pragma once
// The real clock and random source for native programs.

#include "core/common/environment.hpp"
#include "core/logic/logic.hpp"

namespace wb::native {

class SystemClock : public Clock {
 public:
  std::int64_t now_ms() const override;
};

class SystemRandom : public RandomSource {
 public:
  void fill(std::uint8_t* out, size_t size) override;  // getrandom(2): the kernel's CSPRNG
};

// Today's date in the machine's local time zone (what "today" means for the person at the counter).
logic::Date local_today(const Clock& clock);

}  // namespace wb::native
