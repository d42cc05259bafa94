#pragma once
// One line per request: time, method, route template, status, duration, internal account id. Route templates
// rather than raw paths, no query strings, no bodies, no headers: nothing personal reaches the log.

#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>

namespace wb::server {

class RequestLog {
 public:
  explicit RequestLog(std::ostream* out) : out_(out) {}
  void request(const std::string& method, const std::string& route, int status, std::int64_t micros,
               const std::string& account_id);
  void message(const std::string& text);  // operational messages (start, stop); callers pass no personal data

 private:
  std::mutex mutex_;
  std::ostream* out_;
};

}  // namespace wb::server
