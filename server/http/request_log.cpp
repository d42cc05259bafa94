#include "server/http/request_log.hpp"

#include <chrono>
#include <ctime>
#include <ostream>

namespace wb::server {
namespace {

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

void RequestLog::request(const std::string& method, const std::string& route, int status, std::int64_t micros,
                         const std::string& account_id) {
  if (!out_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  *out_ << timestamp() << ' ' << method << ' ' << route << ' ' << status << ' ' << micros / 1000 << '.'
        << (micros % 1000) / 100 << "ms" << (account_id.empty() ? "" : " " + account_id) << '\n';
  out_->flush();
}

void RequestLog::message(const std::string& text) {
  if (!out_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  *out_ << timestamp() << ' ' << text << '\n';
  out_->flush();
}

}  // namespace wb::server
