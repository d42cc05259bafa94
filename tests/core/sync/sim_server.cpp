#include "tests/core/sync/sim_server.hpp"

#include "core/common/sha256.hpp"

namespace wb::test {
namespace {

using nlohmann::json;

sync::Response reply(int status, const json& body = nullptr, sync::Headers headers = {}) {
  sync::Response r;
  r.status = status;
  r.headers = std::move(headers);
  if (!body.is_null()) {
    r.body = body.dump();
    r.headers.emplace_back("Content-Type", "application/json");
  }
  return r;
}

json error(const std::string& code) { return {{"error", {{"code", code}, {"number", 0}, {"message", code}, {"messages", {{"zh-CN", code}, {"en", code}}}}}}; }

std::string header(const sync::Request& req, const std::string& name) {
  for (const auto& [k, v] : req.headers)
    if (k == name) return v;
  return "";
}

}  // namespace

std::string SimServer::issue_tokens(const std::string& family, json& body) {
  std::string access = "a" + std::to_string(++counter_), refresh = "r" + std::to_string(++counter_);
  access_[access] = {family, clock_.now_ms() + 900'000};
  refresh_[refresh] = {family, false};
  body = {{"accessToken", access}, {"refreshToken", refresh}, {"tokenType", "Bearer"}, {"expiresIn", 900},
          {"account", {{"id", "acc_sim"}, {"kind", "citizen"}, {"displayName", "模拟居民"}}}};
  return access;
}

bool SimServer::authorized(const sync::Request& req) const {
  std::string auth = header(req, "Authorization");
  if (auth.rfind("Bearer ", 0) != 0) return false;
  auto it = access_.find(auth.substr(7));
  return it != access_.end() && it->second.expires_at > clock_.now_ms() && !revoked_families_.count(it->second.family);
}

void SimServer::set_definition(std::string text) {
  definitions_.clear();
  add_definition(std::move(text));
}

void SimServer::add_definition(std::string text) {
  auto def = json::parse(text);
  definitions_[{def["id"].get<std::string>(), def["version"].get<int>()}] = std::move(text);
}

int SimServer::requests_seen(const std::string& prefix) const {
  int n = 0;
  for (const auto& p : paths_seen_)
    if (p.rfind(prefix, 0) == 0) ++n;
  return n;
}

sync::Response SimServer::handle(const sync::Request& req) {
  const std::string path = req.path.substr(0, req.path.find('?'));
  paths_seen_.push_back(req.method + " " + path);
  if (req.method == "POST" && path == "/v1/auth/login") {
    auto body = json::parse(req.body);
    if (body.value("account", "") != kAccount || body.value("password", "") != kPassword)
      return reply(401, error("auth.invalid_credentials"));
    json out;
    issue_tokens("f" + std::to_string(++counter_), out);
    return reply(200, out);
  }
  if (req.method == "POST" && path == "/v1/auth/refresh") {
    auto body = json::parse(req.body);
    auto it = refresh_.find(body.value("refreshToken", ""));
    if (it == refresh_.end() || revoked_families_.count(it->second.family)) return reply(401, error("auth.refresh_invalid"));
    if (it->second.used) {
      revoked_families_.insert(it->second.family);
      return reply(401, error("auth.refresh_reused"));
    }
    it->second.used = true;
    json out;
    issue_tokens(it->second.family, out);
    return reply(200, out);
  }
  if (req.method == "GET" && path == "/v1/catalog") {
    std::string etag = "\"catalog-" + std::to_string(definitions_.size()) + "\"";
    if (header(req, "If-None-Match") == etag) return reply(304, nullptr, {{"ETag", etag}});
    std::map<std::string, int> latest;
    for (const auto& [key, text] : definitions_) latest[key.first] = std::max(latest[key.first], key.second);
    json items = json::array();
    for (const auto& [id, version] : latest) items.push_back({{"id", id}, {"version", version}});
    return reply(200, {{"version", definitions_.size()}, {"since", 0}, {"items", items}}, {{"ETag", etag}});
  }
  if (req.method == "GET" && path.rfind("/v1/forms/", 0) == 0) {
    // /v1/forms/{item}/versions/{version}
    auto rest = path.substr(10);
    auto slash = rest.find('/');
    std::string item = rest.substr(0, slash);
    int version = std::atoi(rest.substr(rest.rfind('/') + 1).c_str());
    auto it = definitions_.find({item, version});
    if (it == definitions_.end()) return reply(404, error("protocol.unknown_form"));
    sync::Response r = reply(200);
    r.body = it->second;
    r.headers = {{"Content-Type", "application/json"}, {"ETag", "\"" + sha256_hex(it->second) + "\""}};
    return r;
  }
  if (!authorized(req)) return reply(401, error("auth.token_invalid"));
  if (req.method == "POST" && path == "/v1/uploads") {
    auto body = json::parse(req.body);
    if (body.contains("itemId") != body.contains("materialId")) return reply(400, error("protocol.bad_request"));  // as the real server
    std::string sha = body.value("sha256", "");
    std::int64_t size = body.value("size", std::int64_t{0});
    std::string id = "u" + std::to_string(++counter_);
    if (size == 0 && sha == sha256_hex("")) blobs_.insert(sha);  // an empty file is complete when announced
    if (blobs_.count(sha)) return reply(200, {{"uploadId", id}, {"offset", size}, {"complete", true}});
    uploads_[id] = {sha, size, "", false};
    return reply(201, {{"uploadId", id}, {"offset", 0}, {"complete", false}});
  }
  if (path.rfind("/v1/uploads/", 0) == 0) {
    auto it = uploads_.find(path.substr(12));
    if (it == uploads_.end()) return reply(404, error("protocol.not_found"));
    auto& u = it->second;
    std::string offset = std::to_string(u.bytes.size());
    if (req.method == "HEAD") return reply(200, nullptr, {{"Upload-Offset", offset}, {"Upload-Length", std::to_string(u.size)}});
    if (req.method == "PATCH") {
      if (header(req, "Upload-Offset") != offset) return reply(409, {{"offset", u.bytes.size()}}, {{"Upload-Offset", offset}});
      if (static_cast<std::int64_t>(u.bytes.size() + req.body.size()) > u.size) return reply(413, error("upload.too_large"));
      u.bytes += req.body;
      if (static_cast<std::int64_t>(u.bytes.size()) == u.size) {
        if (sha256_hex(u.bytes) != u.sha256) {
          u.bytes.clear();
          return reply(422, error("upload.hash_mismatch"));
        }
        u.complete = true;
        blobs_.insert(u.sha256);
      }
      return reply(204, nullptr, {{"Upload-Offset", std::to_string(u.bytes.size())}});
    }
  }
  if (req.method == "POST" && path == "/v1/submissions") {
    std::string key = header(req, "Idempotency-Key");
    if (key.empty()) return reply(400, error("protocol.idempotency_key_missing"));
    auto [status, body] = submit(key, json::parse(req.body));
    return reply(status, body);
  }
  if (req.method == "POST" && path == "/v1/submissions/batch") {
    if (!batch_route_) return reply(404, error("protocol.not_found"));
    auto body = json::parse(req.body);
    const auto& list = body["submissions"];
    if (list.size() > batch_max_items_) return reply(413, error("protocol.batch_too_large"));
    json results = json::array();
    for (const auto& one : list) {
      std::string key = one.value("idempotencyKey", "");
      json result;
      if (key.empty()) {
        result = error("protocol.idempotency_key_missing");
        result["status"] = 400;
      } else {
        auto [status, answer] = submit(key, one);
        result = answer;
        result["status"] = status;
        result["idempotencyKey"] = key;
      }
      results.push_back(result);
    }
    return reply(200, {{"results", results}});
  }
  if (req.method == "GET" && path.rfind("/v1/cases/", 0) == 0) {
    std::string id = path.substr(10);
    for (const auto& [key, c] : cases_) {
      if (c.id != id) continue;
      json timeline = json::array();
      for (const auto& e : events_)
        if (e["caseId"] == id) timeline.push_back(e);
      return reply(200, {{"caseId", id}, {"state", c.state}, {"events", timeline}});  // as wangban-server answers
    }
    return reply(404, error("protocol.not_found"));
  }
  if (req.method == "GET" && path == "/v1/changes") {
    std::int64_t cursor = 0, limit = 200;
    auto q = req.path.find("cursor=");
    if (q != std::string::npos) cursor = std::stoll(req.path.substr(q + 7));
    json events = json::array();
    std::int64_t last = cursor;
    for (const auto& e : events_) {
      if (e["seq"].get<std::int64_t>() <= cursor) continue;
      if (static_cast<std::int64_t>(events.size()) >= limit) break;
      events.push_back(e);
      last = e["seq"];
    }
    bool more = !events_.empty() && last < events_.back()["seq"].get<std::int64_t>();
    return reply(200, {{"events", events}, {"cursor", last}, {"more", more}});
  }
  return reply(404, error("protocol.not_found"));
}

std::pair<int, json> SimServer::submit(const std::string& key, const json& body) {
  for (const auto& a : body.value("attachments", json::array()))
    if (!blobs_.count(a.value("sha256", ""))) return {422, error("protocol.attachment_missing")};
  if (retired_.count({body.value("itemId", ""), body.value("formVersion", 0)}))
    return {422, error("protocol.form_version_retired")};
  if (body.contains("data") && body["data"].is_object() && body["data"].contains("refuse"))
    return {422, error("protocol.validation_failed")};  // tests ask for a refusal with {"refuse": true}
  json fingerprint = {{"itemId", body["itemId"]}, {"formVersion", body["formVersion"]}, {"data", body["data"]}};
  std::string hash = sha256_hex(fingerprint.dump());
  auto it = cases_.find(key);
  if (it != cases_.end()) {
    if (it->second.payload_hash != hash) return {422, error("protocol.idempotency_key_reused")};
    return {200, {{"receipt", it->second.receipt}}};
  }
  Case c;
  c.id = "case" + std::to_string(++counter_);
  c.key = key;
  c.payload_hash = hash;
  c.acceptance_number = "WB" + std::to_string(100000 + counter_);
  c.state = "submitted";
  c.receipt = {{"caseId", c.id}, {"acceptanceNumber", c.acceptance_number}, {"receivedAt", clock_.now_ms()}};
  c.created = 1;
  ++cases_created_;
  events_.push_back({{"seq", static_cast<std::int64_t>(events_.size() + 1)}, {"caseId", c.id}, {"kind", "submitted"},
                     {"state", "submitted"}, {"department", ""}, {"detail", json::object()}, {"at", clock_.now_ms()}});
  cases_[key] = c;
  return {201, {{"receipt", c.receipt}}};
}

void SimServer::advance_some_case(std::uint64_t pick) {
  if (cases_.empty()) return;
  auto it = cases_.begin();
  std::advance(it, static_cast<long>(pick % cases_.size()));
  auto& c = it->second;
  static const char* kNext[][2] = {{"submitted", "accepted"}, {"accepted", "in_review"}, {"in_review", "approved"}};
  for (const auto& step : kNext) {
    if (c.state == step[0]) {
      c.state = step[1];
      events_.push_back({{"seq", static_cast<std::int64_t>(events_.size() + 1)}, {"caseId", c.id}, {"kind", "status"},
                         {"state", c.state}, {"department", "dept"}, {"detail", json::object()}, {"at", clock_.now_ms()}});
      return;
    }
  }
}

}  // namespace wb::test
