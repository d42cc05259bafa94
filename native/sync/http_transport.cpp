#include "native/sync/http_transport.hpp"

#include <httplib.h>

#include "core/common/errors.hpp"

namespace wb::native {

HttpTransport::HttpTransport(const std::string& base_url, Timeouts timeouts) {
  if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0)
    throw Error(ErrorCode::InvalidArgument, {{"detail", "the server URL must start with http:// or https://"}});
  client_ = std::make_unique<httplib::Client>(base_url);
  if (!client_->is_valid()) throw Error(ErrorCode::InvalidArgument, {{"detail", "unusable server URL"}});
  client_->set_connection_timeout(timeouts.connect_ms / 1000, (timeouts.connect_ms % 1000) * 1000);
  client_->set_read_timeout(timeouts.read_ms / 1000, (timeouts.read_ms % 1000) * 1000);
  client_->set_write_timeout(timeouts.read_ms / 1000, (timeouts.read_ms % 1000) * 1000);
  client_->set_keep_alive(true);
  // Requests and answers are small writes on a kept-alive connection: with Nagle's algorithm each one waited for
  // the peer's delayed ACK (about 40 ms on Linux), which capped a drain at a dozen submissions a second.
  client_->set_tcp_nodelay(true);
}

HttpTransport::~HttpTransport() = default;

std::variant<sync::Response, TransportFailure> HttpTransport::send(const sync::Request& req) {
  httplib::Headers headers;
  for (const auto& [k, v] : req.headers) headers.emplace(k, v);
  httplib::Result result{nullptr, httplib::Error::Unknown};
  const char* type = req.content_type.empty() ? "application/octet-stream" : req.content_type.c_str();
  if (req.method == "GET") result = client_->Get(req.path.c_str(), headers);
  else if (req.method == "HEAD") result = client_->Head(req.path.c_str(), headers);
  else if (req.method == "POST") result = client_->Post(req.path.c_str(), headers, req.body, type);
  else if (req.method == "PATCH") result = client_->Patch(req.path.c_str(), headers, req.body, type);
  else if (req.method == "PUT") result = client_->Put(req.path.c_str(), headers, req.body, type);
  else if (req.method == "DELETE") result = client_->Delete(req.path.c_str(), headers, req.body, type);
  else return TransportFailure{"unsupported method " + req.method};
  if (!result) return TransportFailure{httplib::to_string(result.error())};
  sync::Response r;
  r.status = result->status;
  r.body = result->body;
  for (const auto& [k, v] : result->headers) r.headers.emplace_back(k, v);
  return r;
}

}  // namespace wb::native
