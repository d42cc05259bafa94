#include "wasm/platform/browser_env.hpp"

#include <emscripten/html5.h>
#include <unistd.h>

#include <ctime>
#include <stdexcept>

namespace wb::wasm {

std::int64_t BrowserClock::now_ms() const { return static_cast<std::int64_t>(emscripten_date_now()); }

void BrowserRandom::fill(std::uint8_t* out, size_t size) {
  while (size > 0) {
    size_t n = size < 256 ? size : 256;  // getentropy's limit per call
    if (getentropy(out, n) != 0) throw std::runtime_error("no random source");
    out += n;
    size -= n;
  }
}

logic::Date china_today(const Clock& clock) {
  std::time_t t = static_cast<std::time_t>((clock.now_ms() + 8LL * 3600 * 1000) / 1000);
  std::tm day{};
  gmtime_r(&t, &day);
  return logic::Date{day.tm_year + 1900, day.tm_mon + 1, day.tm_mday};
}

}  // namespace wb::wasm
