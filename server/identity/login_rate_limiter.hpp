#pragma once
// Limits failed sign-ins: per account login and per client address, within a sliding window. Memory is bounded:
// entries whose failures have all left the window are dropped.

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace wb::server {

struct RateLimit {
  int max_failures = 5;
  std::int64_t window_ms = 15 * 60 * 1000;
};

class LoginRateLimiter {
 public:
  LoginRateLimiter(RateLimit per_login, RateLimit per_client) : per_login_(per_login), per_client_(per_client) {}

  // Milliseconds until another attempt is allowed, or nullopt when one is allowed now.
  std::optional<std::int64_t> blocked_for(const std::string& login, const std::string& client, std::int64_t now);
  void record_failure(const std::string& login, const std::string& client, std::int64_t now);
  void record_success(const std::string& login);

 private:
  using Failures = std::unordered_map<std::string, std::deque<std::int64_t>>;
  static std::optional<std::int64_t> check(Failures& map, const std::string& key, const RateLimit& limit,
                                           std::int64_t now);
  void prune(Failures& map, const RateLimit& limit, std::int64_t now);

  std::mutex mutex_;
  RateLimit per_login_, per_client_;
  Failures by_login_, by_client_;
  std::int64_t last_prune_ = 0;
};

}  // namespace wb::server
