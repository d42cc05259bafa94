#include "server/identity/login_rate_limiter.hpp"

#include <algorithm>

namespace wb::server {

std::optional<std::int64_t> LoginRateLimiter::check(Failures& map, const std::string& key, const RateLimit& limit,
                                                    std::int64_t now) {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  auto& times = it->second;
  while (!times.empty() && times.front() <= now - limit.window_ms) times.pop_front();
  if (static_cast<int>(times.size()) < limit.max_failures) return std::nullopt;
  // Blocked until the oldest failure that keeps the count at the limit leaves the window.
  auto oldest = times[times.size() - static_cast<size_t>(limit.max_failures)];
  return std::max<std::int64_t>(1, oldest + limit.window_ms - now);
}

std::optional<std::int64_t> LoginRateLimiter::blocked_for(const std::string& login, const std::string& client,
                                                          std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto a = check(by_login_, login, per_login_, now);
  auto b = check(by_client_, client, per_client_, now);
  if (a && b) return std::max(*a, *b);
  return a ? a : b;
}

void LoginRateLimiter::record_failure(const std::string& login, const std::string& client, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_login_[login].push_back(now);
  by_client_[client].push_back(now);
  if (now - last_prune_ > 60'000) {
    prune(by_login_, per_login_, now);
    prune(by_client_, per_client_, now);
    last_prune_ = now;
  }
}

void LoginRateLimiter::record_success(const std::string& login) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_login_.erase(login);
}

void LoginRateLimiter::prune(Failures& map, const RateLimit& limit, std::int64_t now) {
  for (auto it = map.begin(); it != map.end();) {
    auto& times = it->second;
    while (!times.empty() && times.front() <= now - limit.window_ms) times.pop_front();
    it = times.empty() ? map.erase(it) : std::next(it);
  }
}

}  // namespace wb::server
