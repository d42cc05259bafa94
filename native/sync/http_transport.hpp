#pragma once
// Sends the sync engine's requests with cpp-httplib (HTTP, or HTTPS with the system's CA certificates). One
// transport per server; it keeps its connection alive between requests. Not thread-safe: one per sending thread.

#include <memory>
#include <string>
#include <variant>

#include "core/sync/http_types.hpp"

namespace httplib {
class Client;
}

namespace wb::native {

struct TransportFailure {
  std::string detail;  // "connection refused", "read timeout", ...: no response came
};

class HttpTransport {
 public:
  // `base_url`: "http://127.0.0.1:8080" or "https://gov.example.cn". Throws wb::Error for an unusable URL.
  struct Timeouts {
    int connect_ms = 5000;
    int read_ms = 30000;
  };
  explicit HttpTransport(const std::string& base_url) : HttpTransport(base_url, Timeouts{}) {}
  HttpTransport(const std::string& base_url, Timeouts timeouts);
  ~HttpTransport();
  std::variant<sync::Response, TransportFailure> send(const sync::Request& request);

 private:
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace wb::native
