#include "native/platform/system_env.hpp"

#if defined(__APPLE__)
#include <stdlib.h>  // arc4random_buf: the kernel's CSPRNG on Apple platforms (no getrandom there)
#else
#include <sys/random.h>
#endif

#include <cerrno>
#include <chrono>
#include <ctime>
#include <stdexcept>

namespace wb::native {

std::int64_t SystemClock::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void SystemRandom::fill(std::uint8_t* out, size_t size) {
#if defined(__APPLE__)
  arc4random_buf(out, size);
#else
  size_t done = 0;
  while (done < size) {
    ssize_t n = getrandom(out + done, size - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed");
    }
    done += static_cast<size_t>(n);
  }
#endif
}

logic::Date local_today(const Clock& clock) {
  std::time_t t = static_cast<std::time_t>(clock.now_ms() / 1000);
  std::tm local{};
  localtime_r(&t, &local);
  return logic::Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace wb::native
