#include "server/http/router.hpp"

#include <chrono>
#include <regex>

#include "core/common/json_parse.hpp"

namespace wb::server {
namespace {

// "/v1/cases/{caseId}/results/{resultId}" → regex and parameter names.
std::pair<std::string, std::vector<std::string>> compile_template(const std::string& path) {
  std::string regex;
  std::vector<std::string> names;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      auto end = path.find('}', i);
      names.push_back(path.substr(i + 1, end - i - 1));
      regex += "([^/]+)";
      i = end;
    } else if (std::string_view(".+*?^$()[]|\\").find(path[i]) != std::string_view::npos) {
      regex += '\\';
      regex += path[i];
    } else {
      regex += path[i];
    }
  }
  return {regex, names};
}

Lang lang_of(const httplib::Request& req) {
  if (req.has_param("lang"))
    if (auto l = parse_lang(req.get_param_value("lang"))) return *l;
  std::string accept = req.get_header_value("Accept-Language");
  // The first language tag wins (q-values are not needed for two languages).
  auto first = accept.substr(0, accept.find_first_of(",;"));
  while (!first.empty() && first.front() == ' ') first.erase(first.begin());
  if (first.rfind("en", 0) == 0) return Lang::En;
  return Lang::ZhCN;
}

}  // namespace

const std::string& Request::param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

std::optional<std::string> Request::query(const std::string& name) const {
  if (!http.has_param(name.c_str())) return std::nullopt;
  return http.get_param_value(name.c_str());
}

nlohmann::json Request::json_body(size_t max_bytes) const {
  if (http.body.size() > max_bytes)
    throw ApiError(413, ErrorCode::ProtoBodyTooLarge, {{"limit", std::to_string(max_bytes)}});
  std::string type = http.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    throw ApiError(415, ErrorCode::ProtoUnsupportedMedia, {{"expected", "application/json"}});
  auto parsed = parse_json(http.body);
  if (!parsed.ok()) throw ApiError(400, parsed.diagnostics.front());
  return std::move(*parsed.value);
}

std::string Request::bearer() const {
  std::string auth = http.get_header_value("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (auth.size() <= kScheme.size() || auth.compare(0, kScheme.size(), kScheme) != 0)
    throw ApiError(401, ErrorCode::AuthTokenMissing);
  return auth.substr(kScheme.size());
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const Diagnostic& d, Lang lang, const nlohmann::json& extra) {
  send_json(res, status, error_body(d, lang, extra));
  if (status == 401) res.set_header("WWW-Authenticate", "Bearer");
}

void Router::add(const std::string& method, const std::string& path, Handler handler) {
  routes_.push_back({method, path});
  auto [pattern, names] = compile_template(path);
  auto wrapped = [this, method, path, names = names, handler = std::move(handler)](const httplib::Request& http,
                                                                                    httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    Request req{http, {}, lang_of(http), {}};
    for (size_t i = 0; i < names.size() && i + 1 < http.matches.size(); ++i)
      req.params[names[i]] = http.matches[i + 1].str();
    try {
      handler(req, res);
    } catch (const ApiError& e) {
      send_error(res, e.status(), e.diagnostic(), req.lang, e.extra());
      if (e.diagnostic().code == ErrorCode::AuthRateLimited)
        res.set_header("Retry-After", e.diagnostic().arg("seconds"));
    } catch (const Error& e) {
      send_error(res, status_for(e.code()), e.diagnostic(), req.lang);
      if (e.code() == ErrorCode::AuthRateLimited) res.set_header("Retry-After", e.diagnostic().arg("seconds"));
      if (status_for(e.code()) == 503) res.set_header("Retry-After", "5");
    } catch (const std::exception&) {
      // No exception text: it might quote data. The operator finds the request by time and route.
      send_error(res, 500, Diagnostic{ErrorCode::Internal, "", {{"detail", "unexpected failure"}}, 0, 0}, req.lang);
    }
    // Responses are private unless a handler says otherwise (catalog documents do).
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    log_.request(http.method, path, res.status, micros.count(), req.account_id);
  };
  if (method == "get") server_.Get(pattern, wrapped);
  else if (method == "post") server_.Post(pattern, wrapped);
  else if (method == "put") server_.Put(pattern, wrapped);
  else if (method == "patch") server_.Patch(pattern, wrapped);
  else if (method == "delete") server_.Delete(pattern, wrapped);
}

}  // namespace wb::server
