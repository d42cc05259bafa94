#pragma once
// The requests the sync engine asks a platform driver to send, and what the driver reports back. Plain data: the
// engine never performs I/O (native/ sends them with cpp-httplib, the browser with fetch()).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wb::sync {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::uint64_t id = 0;     // correlates the driver's report with this request
  std::string method;       // GET, HEAD, POST, PATCH
  std::string path;         // from the server's root: "/v1/submissions", "/v1/changes?cursor=12"
  Headers headers;          // including Authorization when the call needs a token
  std::string body;
  std::string content_type; // "" when there is no body
};

struct Response {
  int status = 0;
  Headers headers;
  std::string body;
  // Case-insensitive header lookup.
  std::optional<std::string> header(std::string_view name) const;
};

}  // namespace wb::sync
