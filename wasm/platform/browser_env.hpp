#pragma once
// The browser's platform services for the core: the clock (Date.now()) and a cryptographically strong random
// source (crypto.getRandomValues, through Emscripten's getentropy).

#include <cstdint>

#include "core/common/environment.hpp"
#include "core/logic/logic.hpp"

namespace wb::wasm {

class BrowserClock : public Clock {
 public:
  std::int64_t now_ms() const override;
};

class BrowserRandom : public RandomSource {
 public:
  void fill(std::uint8_t* out, size_t size) override;
};

// The calendar day in China Standard Time (UTC+8, no daylight saving), as protocol v1 and the server count days:
// so a rule about `today` or an age gives the same verdict on the client as on the server.
logic::Date china_today(const Clock& clock);

}  // namespace wb::wasm
