#pragma once
// Routes of protocol v1, registered with their OpenAPI path templates ("/v1/cases/{caseId}"), so the route list
// can be checked against docs/openapi.yaml. Every handler runs inside one wrapper that: parses nothing it is not
// asked to, turns ApiError / wb::Error into the error shape, never leaks an exception's text for unexpected
// failures, and logs one line per request without personal data.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/common/errors.hpp"
#include "server/http/api_error.hpp"
#include "server/http/request_log.hpp"

namespace wb::server {

struct Request {
  const httplib::Request& http;
  std::map<std::string, std::string> params;  // path parameters by name
  Lang lang = Lang::ZhCN;                     // from ?lang= or Accept-Language
  std::string account_id;                     // set once authenticated (for the request log)

  const std::string& param(const std::string& name) const;
  std::string header(const std::string& name) const { return http.get_header_value(name); }
  std::optional<std::string> query(const std::string& name) const;
  // The body as a JSON value (strict parser: line/column on syntax errors); 415 unless application/json.
  nlohmann::json json_body(size_t max_bytes = 1 << 20) const;
  // The bearer token of the Authorization header; throws auth.token_missing.
  std::string bearer() const;
};

struct RouteInfo {
  std::string method;  // "get", "post", ... as in OpenAPI
  std::string path;    // OpenAPI template
};

using Handler = std::function<void(Request&, httplib::Response&)>;

class Router {
 public:
  Router(httplib::Server& server, RequestLog& log) : server_(server), log_(log) {}
  void get(const std::string& path, Handler h) { add("get", path, std::move(h)); }
  void post(const std::string& path, Handler h) { add("post", path, std::move(h)); }
  void put(const std::string& path, Handler h) { add("put", path, std::move(h)); }
  void patch(const std::string& path, Handler h) { add("patch", path, std::move(h)); }
  void del(const std::string& path, Handler h) { add("delete", path, std::move(h)); }
  // Documents that a GET route also answers HEAD (cpp-httplib serves HEAD with the GET handler).
  void head_too(const std::string& path) { routes_.push_back({"head", path}); }
  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  void add(const std::string& method, const std::string& path, Handler h);
  httplib::Server& server_;
  RequestLog& log_;
  std::vector<RouteInfo> routes_;
};

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_error(httplib::Response& res, int status, const Diagnostic& d, Lang lang,
                const nlohmann::json& extra = nlohmann::json::object());

}  // namespace wb::server
