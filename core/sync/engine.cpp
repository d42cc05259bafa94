#include "core/sync/engine.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include "core/common/errors.hpp"
#include "core/form/form_loader.hpp"
#include "core/session/data_paths.hpp"
#include "core/session/migration.hpp"

namespace wb::sync {
namespace {

using nlohmann::json;

constexpr const char* kCursorKey = "sync.changes_cursor";
constexpr const char* kCatalogEtagKey = "sync.catalog_etag";
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();

std::string upload_key(const std::string& sha256) { return "sync.upload." + sha256; }

json parse_body(const Response& r) {
  auto v = json::parse(r.body, nullptr, false);
  return v.is_discarded() ? json() : v;
}

std::string error_code(const json& body) {
  if (body.is_object() && body.contains("error") && body["error"].is_object()) return body["error"].value("code", "");
  return "";
}

// Where an attachment sits in application data: the location of the object with that sha256, or of the list
// holding it. Empty when it is not there.
std::vector<session::Path> attachment_locations(const json& payload, const std::string& sha) {
  session::Path path;
  std::vector<session::Path> found;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      if (j.contains("sha256") && j["sha256"] == sha) {
        found.push_back(path);
        if (!path.empty()) found.push_back(session::Path(path.begin(), path.end() - 1));
        return;
      }
      for (const auto& [k, v] : j.items()) {
        path.push_back(k);
        walk(v);
        path.pop_back();
      }
    } else if (j.is_array()) {
      for (size_t i = 0; i < j.size(); ++i) {
        path.push_back(std::to_string(i));
        walk(j[i]);
        path.pop_back();
      }
    }
  };
  walk(payload);
  return found;
}

bool matches_pattern(const session::Path& location, const session::Path& pattern) {
  if (location.size() != pattern.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == location[i]) continue;
    if (pattern[i] != "*" || location[i].empty() || location[i].find_first_not_of("0123456789") != std::string::npos) return false;
  }
  return true;
}

// The guide material an uploaded file is for (the file field bound where the payload holds it, in the item's form
// definition), so the server checks the material's types and size when the upload starts. "" when unknown.
std::string material_of(const json& payload, const std::string& sha, const std::optional<json>& definition) {
  if (!definition || !definition->is_object()) return "";
  auto locations = attachment_locations(payload, sha);
  if (locations.empty()) return "";
  const json layout = definition->value("layout", json::object());
  for (const auto& page : layout.value("pages", json::array()))
    for (const auto& section : page.value("sections", json::array())) {
      std::string prefix = section.contains("repeat") ? section["repeat"].value("bind", "") + "/*" : "";
      for (const auto& field : section.value("fields", json::array())) {
        if (field.value("widget", "") != "file" || !field.contains("material")) continue;
        session::Path pattern = session::parse_path(prefix + field.value("bind", ""));
        for (const auto& at : locations)
          if (matches_pattern(at, pattern)) return field.value("material", "");
      }
    }
  return "";
}

// Retry-After in seconds (the only form protocol v1 uses), as milliseconds; 0 when absent or unreadable.
std::int64_t retry_after_ms(const Response& r) {
  auto v = r.header("Retry-After");
  if (!v || v->empty() || v->size() > 9) return 0;
  std::int64_t s = 0;
  for (char c : *v) {
    if (c < '0' || c > '9') return 0;
    s = s * 10 + (c - '0');
  }
  return s * 1000;
}

bool retryable(int status) { return status == 408 || status == 429 || status >= 500; }

json describe(const Response& r) {
  json body = parse_body(r);
  if (body.is_object() && body.contains("error")) {
    body["status"] = r.status;
    return body;
  }
  return {{"status", r.status}, {"error", {{"code", "http." + std::to_string(r.status)}}}};
}

json network_error(const std::string& detail) { return {{"error", {{"code", "network"}, {"message", detail}}}}; }

std::int64_t header_int(const Response& r, const char* name, std::int64_t fallback) {
  auto v = r.header(name);
  if (!v || v->empty() || v->size() > 18) return fallback;
  std::int64_t n = 0;
  for (char c : *v) {
    if (c < '0' || c > '9') return fallback;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

Engine::Engine(store::ProfileStore& store, CredentialStore& credentials, Environment env, EngineOptions options)
    : store_(store), credentials_(credentials), env_(env), options_(options) {
  batch_limit_ = options_.submit_batch;
  tokens_ = credentials_.load();
  needs_sign_in_ = !tokens_;
}

void Engine::begin_login(const std::string& account, const std::string& password) {
  login_ = std::make_pair(account, password);
  login_result_.reset();
}

void Engine::logout() {
  if (tokens_) logout_token_ = tokens_->access_token;
  tokens_.reset();
  credentials_.clear();
  needs_sign_in_ = true;
  lanes_[0].reset();
  lanes_[1].reset();
}

std::uint64_t Engine::begin_call(std::string method, std::string path, std::string body, std::string content_type,
                                 bool auth) {
  std::uint64_t ticket = next_call_++;
  Call& c = calls_[ticket];
  c.method = std::move(method);
  c.path = std::move(path);
  c.body = std::move(body);
  c.content_type = std::move(content_type);
  c.auth = auth;
  return ticket;
}

std::optional<Engine::CallResult> Engine::take_call_result(std::uint64_t ticket) {
  auto it = calls_.find(ticket);
  if (it == calls_.end() || !it->second.result) return std::nullopt;
  auto result = std::move(it->second.result);
  calls_.erase(it);
  return result;
}

void Engine::send_calls(std::vector<Request>& out, bool with_auth) {
  for (auto& [ticket, c] : calls_) {
    if (c.in_flight || c.result || c.auth != with_auth) continue;
    auto req = make(Kind::Call, c.method, c.path, c.auth, c.body, c.content_type);
    in_flight_[req.id].item = static_cast<std::int64_t>(ticket);
    c.in_flight = true;
    out.push_back(std::move(req));
  }
}

void Engine::wake() {
  next_catalog_at_ = next_changes_at_ = next_timeline_at_ = refresh_not_before_ = 0;
  catalog_failures_ = changes_failures_ = refresh_failures_ = 0;
  // Items that failed only for want of a network go now too, instead of waiting out a backoff of up to 15 min.
  try {
    store_.retry_network_failures_now();
  } catch (const Error& e) {
    last_error_ = e.what();  // the store could not be written: they go at their time
  }
}

bool Engine::token_usable() const {
  return tokens_ && env_.clock->now_ms() < tokens_->access_expires_at - options_.token_skew_ms;
}

void Engine::handle_unauthorized() {
  if (tokens_) tokens_->access_expires_at = 0;  // the next poll refreshes before anything else
}

void Engine::network_trouble(const std::string& detail) {
  offline_ = true;
  last_error_ = detail;
}

Request Engine::make(Kind kind, std::string method, std::string path, bool auth, std::string body,
                     std::string content_type, Headers extra) {
  Request r;
  r.id = next_id_++;
  r.method = std::move(method);
  r.path = std::move(path);
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  r.headers = std::move(extra);
  if (auth && tokens_) r.headers.emplace_back("Authorization", "Bearer " + tokens_->access_token);
  in_flight_[r.id] = Pending{kind, 0, -1, ""};
  return r;
}

std::vector<Request> Engine::poll() {
  std::vector<Request> out;
  const auto now = env_.clock->now_ms();
  if (logout_token_) {
    Request r = make(Kind::Logout, "POST", "/v1/auth/logout", false, "{}", "application/json",
                     {{"Authorization", "Bearer " + *logout_token_}});
    logout_token_.reset();
    out.push_back(std::move(r));
  }
  if (login_ && !login_in_flight_) {
    json body = {{"account", login_->first}, {"password", login_->second}};
    out.push_back(make(Kind::Login, "POST", "/v1/auth/login", false, body.dump(), "application/json"));
    login_in_flight_ = true;
  }
  if (login_in_flight_) return out;  // nothing else until we know who is signed in
  send_calls(out, false);

  if (options_.pull_catalog && !catalog_in_flight_) {
    if (!forms_to_fetch_.empty()) {
      const auto& [item, version] = forms_to_fetch_.front();
      out.push_back(make(Kind::FormFetch, "GET", "/v1/forms/" + item + "/versions/" + std::to_string(version), false));
      catalog_in_flight_ = true;
    } else if (now >= next_catalog_at_) {
      Headers h;
      if (auto etag = store_.meta(kCatalogEtagKey); etag && !etag->empty()) h.emplace_back("If-None-Match", *etag);
      out.push_back(make(Kind::Catalog, "GET", "/v1/catalog", false, "", "", std::move(h)));
      catalog_in_flight_ = true;
    }
  }
  if (!tokens_) {
    for (auto& [ticket, c] : calls_)
      if (c.auth && !c.in_flight && !c.result)
        c.result = CallResult{401, json{{"error", {{"code", "auth.token_missing"}}}}.dump(), nullptr};
    return out;
  }
  if (!token_usable() || refresh_in_flight_) {
    if (!refresh_in_flight_ && now >= refresh_not_before_) {
      json body = {{"refreshToken", tokens_->refresh_token}};
      out.push_back(make(Kind::Refresh, "POST", "/v1/auth/refresh", false, body.dump(), "application/json"));
      refresh_in_flight_ = true;
    }
    return out;
  }
  if (options_.pull_status && !timelines_scanned_) {
    timelines_scanned_ = true;
    for (const auto& [id, case_id] : store_.accepted_without_status("submitted")) await_first_status(id, case_id);
  }
  send_calls(out, true);
  if (!timeline_in_flight_ && !timelines_to_fetch_.empty() && now >= next_timeline_at_) {
    const auto& [outbox_id, case_id] = timelines_to_fetch_.front();
    auto req = make(Kind::Timeline, "GET", "/v1/cases/" + case_id, true);
    in_flight_[req.id].item = outbox_id;
    out.push_back(std::move(req));
    timeline_in_flight_ = true;
  }
  if (options_.pull_status && !changes_in_flight_ && now >= next_changes_at_) {
    std::string cursor = store_.meta(kCursorKey).value_or("0");
    auto req = make(Kind::Changes, "GET", "/v1/changes?cursor=" + (cursor.empty() ? "0" : cursor) + "&limit=200", true);
    in_flight_[req.id].item = static_cast<std::int64_t>(++changes_sent_);
    out.push_back(std::move(req));
    changes_in_flight_ = true;
  }
  try {
    fill_lanes(out, now);
  } catch (const Error& e) {
    // The store could not be read or written (disk full, I/O): send nothing more now; try again on a later poll.
    last_error_ = e.what();
    for (int lane = 0; lane < 2; ++lane)
      if (lanes_[lane] && !lanes_[lane]->in_flight) lanes_[lane].reset();
  }
  return out;
}

std::int64_t Engine::remaining_upload_bytes(const ItemWork& w) const {
  std::int64_t total = 0;
  for (size_t i = w.attachment; i < w.item.manifest.size(); ++i) total += w.item.manifest[i].value("size", std::int64_t{0});
  if (w.attachment < w.item.manifest.size() && w.offset > 0) total -= w.offset;
  return total;
}

void Engine::fill_lanes(std::vector<Request>& out, std::int64_t now) {
  // Lane 0 takes the oldest unfinished item and waits for it (strict order), even while it backs off.
  if (!lanes_[0]) {
    for (auto& item : store_.due_items(kNever, 4)) {
      if (lanes_[1] && lanes_[1]->item.id == item.id) continue;
      if (item.next_attempt_at > now) break;
      store_.mark_sending(item.id);
      lanes_[0].emplace();
      lanes_[0]->item = std::move(item);
      break;
    }
  }
  // Lane 1 lets a small item pass while lane 0 is busy with a large upload.
  if (!lanes_[1] && lanes_[0] && remaining_upload_bytes(*lanes_[0]) > options_.large_upload_bytes) {
    for (auto& item : store_.due_items(now, 16)) {
      if (item.id == lanes_[0]->item.id) continue;
      ItemWork w;
      w.item = std::move(item);
      if (remaining_upload_bytes(w) > options_.large_upload_bytes) continue;
      store_.mark_sending(w.item.id);
      lanes_[1] = std::move(w);
      break;
    }
  }
  for (int lane = 0; lane < 2; ++lane) {
    auto& w = lanes_[lane];
    if (!w || w->in_flight) continue;
    auto req = next_item_request(*w, lane, now);
    if (!req) continue;
    auto& p = in_flight_[req->id];
    p.item = w->item.id;
    p.lane = lane;
    w->in_flight = true;
    out.push_back(std::move(*req));
  }
}

std::optional<Request> Engine::next_item_request(ItemWork& w, int lane, std::int64_t now) {
  const auto& manifest = w.item.manifest;
  while (w.attachment < manifest.size()) {
    const auto& a = manifest[w.attachment];
    std::string sha = a.value("sha256", "");
    std::int64_t size = a.value("size", std::int64_t{0});
    if (w.upload_id.empty()) {
      if (auto saved = store_.meta(upload_key(sha)); saved && !saved->empty()) {
        w.upload_id = *saved;
        w.offset = -1;
      } else {
        json body = {{"sha256", sha}, {"size", size}, {"mediaType", a.value("mediaType", "application/octet-stream")},
                     {"name", a.value("name", "")}};
        // Protocol v1: itemId and materialId go together (the server checks the material's limits), or neither.
        // The manifest names the material (store::attachment_manifest); items queued before it did are looked up in
        // the cached form.
        std::string material = a.contains("material") && a["material"].is_string()
                                   ? a["material"].get<std::string>()
                                   : material_of(w.item.payload, sha, store_.cached_form(w.item.item_id, w.item.form_version));
        if (!material.empty()) {
          body["itemId"] = w.item.item_id;
          body["materialId"] = material;
        }
        return make(Kind::UploadCreate, "POST", "/v1/uploads", true, body.dump(), "application/json");
      }
    }
    if (w.offset < 0) return make(Kind::UploadHead, "HEAD", "/v1/uploads/" + w.upload_id, true);
    if (w.offset < size) {
      auto bytes = store_.attachment_range(sha, w.offset, options_.upload_chunk_bytes);
      if (!bytes) throw Error(ErrorCode::StoreCorrupt, {{"path", "attachment " + sha}});
      return make(Kind::UploadPatch, "PATCH", "/v1/uploads/" + w.upload_id, true, std::move(*bytes),
                  "application/offset+octet-stream", {{"Upload-Offset", std::to_string(w.offset)}});
    }
    // This attachment is on the server.
    store_.set_meta(upload_key(sha), "");
    ++w.attachment;
    w.upload_id.clear();
    w.offset = -1;
  }
  json body = {{"itemId", w.item.item_id}, {"formVersion", w.item.form_version}, {"data", w.item.payload},
               {"attachments", manifest}};
  if (lane == 0 && !batch_unsupported_ && batch_limit_ > 1)
    if (auto batch = make_batch(w, body, now)) return batch;
  return make(Kind::Submit, "POST", "/v1/submissions", true, body.dump(), "application/json",
              {{"Idempotency-Key", w.item.idempotency_key}});
}

std::optional<Request> Engine::make_batch(ItemWork& w, const json& first, std::int64_t now) {
  // Only the items right behind this one, in outbox order, that need nothing uploaded: the first one backing off or
  // with attachments ends the batch (it goes through lane 0 next, uploads first), so the order is kept. The
  // payloads read here are those of one batch at most, whatever the outbox holds.
  auto followers = store_.due_items_after(w.item.id, kNever, batch_limit_ - 1);
  auto entry = [](const std::string& key, json submission) {
    submission["idempotencyKey"] = key;
    return submission.dump();
  };
  std::string body = "{\"submissions\":[" + entry(w.item.idempotency_key, first);
  std::vector<std::pair<std::int64_t, std::string>> members{{w.item.id, w.item.idempotency_key}};
  for (auto& f : followers) {
    if (lanes_[1] && lanes_[1]->item.id == f.id) continue;  // already on its way
    if (f.next_attempt_at > now || !f.manifest.is_array() || !f.manifest.empty()) break;
    std::string one = entry(f.idempotency_key, {{"itemId", f.item_id}, {"formVersion", f.form_version},
                                                {"data", std::move(f.payload)}, {"attachments", json::array()}});
    if (static_cast<std::int64_t>(body.size() + one.size() + 3) > options_.submit_batch_bytes) break;
    body += ',';
    body += one;
    members.emplace_back(f.id, f.idempotency_key);
  }
  if (members.size() < 2) return std::nullopt;  // alone: the single route, as any server has it
  body += "]}";
  std::vector<std::int64_t> ids;
  for (size_t i = 1; i < members.size(); ++i) ids.push_back(members[i].first);
  store_.mark_sending(ids);
  w.batch = std::move(members);
  return make(Kind::SubmitBatch, "POST", "/v1/submissions/batch", true, std::move(body), "application/json");
}

void Engine::batch_retry(const json& error, std::int64_t retry_after) {
  auto members = std::move(lanes_[0]->batch);
  release_lane(0);
  std::vector<store::ProfileStore::Outcome> outcomes;
  for (const auto& [id, key] : members) {
    store::ProfileStore::Outcome o;
    o.id = id;
    o.kind = store::ProfileStore::Outcome::Kind::Retry;
    o.value = error;
    o.retry_after_ms = retry_after;
    o.base_ms = options_.retry_base_ms;
    outcomes.push_back(std::move(o));
  }
  store_.record_outcomes(outcomes);
}

void Engine::on_batch_response(const Pending& p, const Response& r) {
  if (!lanes_[0] || lanes_[0]->item.id != p.item || lanes_[0]->batch.empty()) return;  // the lane moved on
  auto& w = *lanes_[0];
  w.in_flight = false;
  if (r.status == 401) {
    w.batch.clear();
    handle_unauthorized();  // the batch is made again once the token is fresh
    return;
  }
  if (retryable(r.status)) return batch_retry(describe(r), retry_after_ms(r));
  auto members = std::move(w.batch);
  w.batch.clear();
  if (r.status == 413) {
    batch_limit_ = std::max(1, static_cast<int>(members.size()) / 2);  // this server takes smaller batches
    return;
  }
  json body = parse_body(r);
  const json* results = nullptr;
  if (r.status == 200 && body.is_object() && body.contains("results") && body["results"].is_array() &&
      body["results"].size() == members.size())
    results = &body["results"];
  for (size_t i = 0; results && i < members.size(); ++i) {
    const json& one = (*results)[i];
    if (!one.is_object() || one.value("idempotencyKey", "") != members[i].second || !one.contains("status") ||
        !one["status"].is_number_integer())
      results = nullptr;
  }
  if (!results) {
    // No batch route here (404/405, an older server) or an answer we cannot read: one at a time from now on.
    // Whatever the server did commit is answered again, with the same receipts, by the single route.
    batch_unsupported_ = true;
    return;
  }
  using Outcome = store::ProfileStore::Outcome;
  std::vector<Outcome> outcomes;
  for (size_t i = 0; i < members.size(); ++i) {
    const json& one = (*results)[i];
    Outcome o;
    o.id = members[i].first;
    o.base_ms = options_.retry_base_ms;
    int status = one["status"].get<int>();
    if ((status == 200 || status == 201) && one.contains("receipt") && one["receipt"].is_object()) {
      o.kind = Outcome::Kind::Accepted;
      o.value = one["receipt"];
    } else {
      // The item's own answer, as the single route would have given it: {"status", "error", ...}.
      o.value = one;
      o.value.erase("idempotencyKey");
      o.value.erase("receipt");
      if (status == 409 || retryable(status)) {
        o.kind = Outcome::Kind::Retry;
        o.retry_after_ms = 1000;
      } else {
        o.kind = Outcome::Kind::NeedsAttention;
        o.reason = status == 422 && error_code(one) == "protocol.form_version_retired" ? "version" : "rejected";
      }
    }
    outcomes.push_back(std::move(o));
  }
  release_lane(0);
  store_.record_outcomes(outcomes);  // every receipt of the batch in one durable commit
  for (const auto& o : outcomes) {
    if (o.kind == Outcome::Kind::Retry) continue;
    failures_since_progress_.erase(o.id);
    if (o.kind != Outcome::Kind::Accepted) continue;
    next_changes_at_ = 0;  // their first statuses are on the feed already
    if (options_.pull_status) await_first_status(o.id, o.value.value("caseId", ""));
  }
}

void Engine::release_lane(int lane) { lanes_[lane].reset(); }

void Engine::item_retry(int lane, const json& error, std::int64_t retry_after) {
  auto id = lanes_[lane]->item.id;
  release_lane(lane);
  std::optional<int> step;
  if (auto it = failures_since_progress_.find(id); it != failures_since_progress_.end()) step = it->second++;
  store_.mark_retry(id, error, retry_after, options_.retry_base_ms, step);
}

void Engine::item_attention(int lane, const std::string& reason, const json& error) {
  auto id = lanes_[lane]->item.id;
  release_lane(lane);
  failures_since_progress_.erase(id);
  store_.mark_needs_attention(id, reason, error);
}

void Engine::on_response(std::uint64_t id, const Response& r) {
  auto it = in_flight_.find(id);
  if (it == in_flight_.end()) return;  // a duplicate, or an answer to a request from before a restart
  Pending p = it->second;
  in_flight_.erase(it);
  const auto now = env_.clock->now_ms();
  if (r.status >= 500 || r.status == 429) last_error_ = "HTTP " + std::to_string(r.status);
  else last_error_.clear();
  offline_ = false;
  try {
    switch (p.kind) {
      case Kind::Login: {
        login_in_flight_ = false;
        login_.reset();
        json body = parse_body(r);
        if (r.status == 200 && body.is_object()) {
          Tokens t;
          t.access_token = body.value("accessToken", "");
          t.refresh_token = body.value("refreshToken", "");
          t.access_expires_at = now + body.value("expiresIn", std::int64_t{0}) * 1000;
          if (body.contains("account") && body["account"].is_object()) {
            t.account_id = body["account"].value("id", "");
            t.account_kind = body["account"].value("kind", "");
            t.display_name = body["account"].value("displayName", "");
          }
          credentials_.save(t);
          tokens_ = t;
          needs_sign_in_ = false;
          refresh_failures_ = 0;
          next_changes_at_ = 0;
          login_result_ = LoginResult{true, r.status, nullptr};
        } else {
          login_result_ = LoginResult{false, r.status, describe(r)};
        }
        return;
      }
      case Kind::Logout:
        return;
      case Kind::Refresh: {
        refresh_in_flight_ = false;
        json body = parse_body(r);
        if (r.status == 200 && body.is_object() && tokens_) {
          tokens_->access_token = body.value("accessToken", "");
          tokens_->refresh_token = body.value("refreshToken", "");
          tokens_->access_expires_at = now + body.value("expiresIn", std::int64_t{0}) * 1000;
          credentials_.save(*tokens_);
          refresh_failures_ = 0;
        } else if (retryable(r.status)) {
          refresh_not_before_ = now + backoff_delay_ms(refresh_failures_++, *env_.random, retry_after_ms(r), options_.retry_base_ms);
        } else {
          // The sign-in is over (expired, revoked, or the refresh token was reused): pause until the person signs in.
          tokens_.reset();
          credentials_.clear();
          needs_sign_in_ = true;
          lanes_[0].reset();
          lanes_[1].reset();
        }
        return;
      }
      case Kind::Catalog:
      case Kind::FormFetch:
        on_catalog_response(p, r);
        return;
      case Kind::Changes:
        on_changes(p, r);
        return;
      case Kind::SubmitBatch:
        on_batch_response(p, r);
        return;
      case Kind::Timeline:
        on_timeline(p, r);
        return;
      case Kind::Call: {
        auto c = calls_.find(static_cast<std::uint64_t>(p.item));
        if (c == calls_.end()) return;  // cancelled
        c->second.in_flight = false;
        if (r.status == 401 && c->second.auth && !c->second.resent && tokens_) {
          c->second.resent = true;  // the token was refused before it expired: refresh, then send it once more
          handle_unauthorized();
          return;
        }
        c->second.result = CallResult{r.status, r.body, nullptr};
        return;
      }
      default:
        on_item_response(p, r);
        return;
    }
  } catch (const Error& e) {
    // The store could not record what happened (disk full, I/O error). Nothing was acted on: let go of the item;
    // it is retried from what the store holds (the server answers repeats idempotently).
    last_error_ = e.what();
    if (p.lane >= 0 && lanes_[p.lane] && lanes_[p.lane]->item.id == p.item) lanes_[p.lane].reset();
  }
}

void Engine::on_failure(std::uint64_t id, const std::string& detail) {
  auto it = in_flight_.find(id);
  if (it == in_flight_.end()) return;
  Pending p = it->second;
  in_flight_.erase(it);
  network_trouble(detail);
  const auto now = env_.clock->now_ms();
  try {
    switch (p.kind) {
      case Kind::Login:
        login_in_flight_ = false;
        login_.reset();
        login_result_ = LoginResult{false, 0, network_error(detail)};
        return;
      case Kind::Logout:
        return;
      case Kind::Refresh:
        refresh_in_flight_ = false;
        refresh_not_before_ = now + backoff_delay_ms(refresh_failures_++, *env_.random, 0, options_.retry_base_ms);
        return;
      case Kind::Catalog:
      case Kind::FormFetch:
        catalog_in_flight_ = false;
        next_catalog_at_ = now + backoff_delay_ms(catalog_failures_++, *env_.random, 0, options_.retry_base_ms);
        return;
      case Kind::Changes:
        changes_in_flight_ = false;
        next_changes_at_ = now + backoff_delay_ms(changes_failures_++, *env_.random, 0, options_.retry_base_ms);
        try {
          settle_awaiting(static_cast<std::uint64_t>(p.item));  // the feed is unreachable: ask each case itself
        } catch (const Error& e) {
          last_error_ = e.what();  // the store could not be read: the next pull settles them
        }
        return;
      case Kind::Timeline:
        timeline_in_flight_ = false;
        next_timeline_at_ = now + backoff_delay_ms(changes_failures_++, *env_.random, 0, options_.retry_base_ms);
        return;
      case Kind::Call:
        if (auto c = calls_.find(static_cast<std::uint64_t>(p.item)); c != calls_.end()) {
          c->second.in_flight = false;
          c->second.result = CallResult{0, "", network_error(detail)};
        }
        return;
      case Kind::SubmitBatch:
        if (lanes_[0] && lanes_[0]->item.id == p.item && !lanes_[0]->batch.empty()) {
          lanes_[0]->in_flight = false;
          batch_retry(network_error(detail), 0);  // the whole batch again later: its keys make that safe
        }
        return;
      default:
        if (p.lane >= 0 && lanes_[p.lane] && lanes_[p.lane]->item.id == p.item) item_retry(p.lane, network_error(detail), 0);
        return;
    }
  } catch (const Error& e) {
    last_error_ = e.what();
    if (p.lane >= 0 && lanes_[p.lane] && lanes_[p.lane]->item.id == p.item) lanes_[p.lane].reset();
  }
}

void Engine::on_item_response(const Pending& p, const Response& r) {
  if (p.lane < 0 || !lanes_[p.lane] || lanes_[p.lane]->item.id != p.item) return;  // the lane moved on
  auto& w = *lanes_[p.lane];
  w.in_flight = false;
  if (r.status == 401) {
    handle_unauthorized();  // the same step is sent again once the token is fresh
    return;
  }
  if (retryable(r.status)) {
    if (p.kind == Kind::UploadPatch) w.offset = -1;
    item_retry(p.lane, describe(r), retry_after_ms(r));
    return;
  }
  json body = parse_body(r);
  const json* attachment = w.attachment < w.item.manifest.size() ? &w.item.manifest[w.attachment] : nullptr;
  std::string sha = attachment ? attachment->value("sha256", "") : "";
  std::int64_t size = attachment ? attachment->value("size", std::int64_t{0}) : 0;
  switch (p.kind) {
    case Kind::UploadCreate:
      if ((r.status == 200 || r.status == 201) && body.is_object()) {
        w.upload_id = body.value("uploadId", "");
        w.offset = body.value("offset", std::int64_t{0});
        if (body.value("complete", false)) w.offset = size;
        else store_.set_meta(upload_key(sha), w.upload_id);
      } else {
        item_attention(p.lane, "rejected", describe(r));
      }
      return;
    case Kind::UploadHead:
      if (r.status == 200) {
        w.offset = header_int(r, "Upload-Offset", body.is_object() ? body.value("offset", std::int64_t{0}) : 0);
      } else if (r.status == 404) {
        store_.set_meta(upload_key(sha), "");  // the server forgot it: start over
        w.upload_id.clear();
        w.offset = -1;
      } else {
        item_attention(p.lane, "rejected", describe(r));
      }
      return;
    case Kind::UploadPatch:
      if (r.status == 204 || r.status == 200) {
        w.offset = header_int(r, "Upload-Offset", -1);
        failures_since_progress_[w.item.id] = 0;
      } else if (r.status == 409) {
        w.offset = header_int(r, "Upload-Offset", body.is_object() ? body.value("offset", std::int64_t{-1}) : -1);
      } else if (r.status == 404) {
        store_.set_meta(upload_key(sha), "");
        w.upload_id.clear();
        w.offset = -1;
      } else {
        item_attention(p.lane, "rejected", describe(r));
      }
      return;
    case Kind::Submit:
      if ((r.status == 200 || r.status == 201) && body.is_object() && body.contains("receipt")) {
        auto id = w.item.id;
        release_lane(p.lane);
        failures_since_progress_.erase(id);
        store_.mark_accepted(id, body["receipt"]);
        next_changes_at_ = 0;  // its first status is on the feed already
        if (options_.pull_status) await_first_status(id, body["receipt"].value("caseId", ""));
      } else if (r.status == 409) {
        item_retry(p.lane, describe(r), std::max<std::int64_t>(retry_after_ms(r), 1000));
      } else if (r.status == 422 && error_code(body) == "protocol.form_version_retired") {
        item_attention(p.lane, "version", describe(r));
      } else {
        item_attention(p.lane, "rejected", describe(r));
      }
      return;
    default:
      return;
  }
}

void Engine::on_changes(const Pending& p, const Response& r) {
  changes_in_flight_ = false;
  const auto now = env_.clock->now_ms();
  if (r.status == 401) {
    handle_unauthorized();
    return;
  }
  json body = parse_body(r);
  if (r.status != 200 || !body.is_object() || !body.contains("events")) {
    next_changes_at_ = now + backoff_delay_ms(changes_failures_++, *env_.random, retry_after_ms(r), options_.retry_base_ms);
    settle_awaiting(static_cast<std::uint64_t>(p.item));  // the feed could not say: ask each case itself
    return;
  }
  std::vector<std::string> case_ids;
  for (const auto& e : body["events"])
    if (e.is_object() && e.contains("caseId") && e["caseId"].is_string()) case_ids.push_back(e["caseId"]);
  std::map<std::string, std::int64_t> by_case;
  for (const auto& [id, case_id] : store_.outbox_ids_by_case(case_ids)) by_case[case_id] = id;
  std::vector<store::ProfileStore::ServerStatus> entries;
  for (const auto& e : body["events"]) {
    auto found = by_case.find(e.value("caseId", ""));
    if (found == by_case.end()) continue;  // a case sent from another device (or not yet acknowledged: see check_history)
    auto one = statuses_from(json::array({e}), found->second);
    entries.insert(entries.end(), one.begin(), one.end());
  }
  store_.record_server_statuses(entries, kCursorKey, body.value("cursor", std::int64_t{0}));
  changes_failures_ = 0;
  bool more = body.value("more", false);
  next_changes_at_ = more ? now : now + options_.status_interval_ms;
  if (more) return;
  // The feed has caught up with a pull sent after these receipts were recorded: an item still without its case's
  // first event missed it in a pull answered before its receipt arrived.
  settle_awaiting(static_cast<std::uint64_t>(p.item));
}

void Engine::settle_awaiting(std::uint64_t pull) {
  std::vector<Awaiting> later;
  for (auto& a : awaiting_first_status_)
    if (a.pull <= pull) check_history(a.outbox_id, a.case_id);
    else later.push_back(std::move(a));
  awaiting_first_status_ = std::move(later);
}

void Engine::await_first_status(std::int64_t outbox_id, const std::string& case_id) {
  awaiting_first_status_.push_back({outbox_id, case_id, changes_sent_ + 1});
}

std::vector<store::ProfileStore::ServerStatus> Engine::statuses_from(const json& events, std::int64_t outbox_id) const {
  std::vector<store::ProfileStore::ServerStatus> out;
  if (!events.is_array()) return out;
  for (const auto& e : events) {
    if (!e.is_object()) continue;
    json detail = e.value("detail", json::object());
    if (!detail.is_object()) detail = json::object();
    detail["kind"] = e.value("kind", "");
    out.push_back({outbox_id, e.value("seq", std::int64_t{0}), e.value("state", ""), e.value("department", ""), detail,
                   e.value("at", std::int64_t{0})});
  }
  return out;
}

void Engine::check_history(std::int64_t outbox_id, const std::string& case_id) {
  if (case_id.empty()) return;
  for (const auto& entry : store_.status_history(outbox_id))
    if (entry.detail.is_object() && entry.detail.value("kind", "") == "submitted") return;
  for (const auto& pending : timelines_to_fetch_)
    if (pending.first == outbox_id) return;
  timelines_to_fetch_.emplace_back(outbox_id, case_id);
}

void Engine::on_timeline(const Pending& p, const Response& r) {
  timeline_in_flight_ = false;
  const auto now = env_.clock->now_ms();
  if (r.status == 401) {
    handle_unauthorized();
    return;
  }
  if (retryable(r.status)) {
    next_timeline_at_ = now + backoff_delay_ms(changes_failures_++, *env_.random, retry_after_ms(r), options_.retry_base_ms);
    return;
  }
  json body = parse_body(r);
  // GET /v1/cases/{caseId} lists the case's whole history under "events" (the same entries as the changes feed).
  if (r.status == 200 && body.is_object()) store_.record_server_statuses(statuses_from(body.value("events", json::array()), p.item), kCursorKey, std::nullopt);
  auto it = std::find_if(timelines_to_fetch_.begin(), timelines_to_fetch_.end(), [&](const auto& t) { return t.first == p.item; });
  if (it != timelines_to_fetch_.end()) timelines_to_fetch_.erase(it);
}

void Engine::on_catalog_response(const Pending& p, const Response& r) {
  catalog_in_flight_ = false;
  const auto now = env_.clock->now_ms();
  if (p.kind == Kind::Catalog) {
    if (r.status == 304) {
      catalog_failures_ = 0;
      next_catalog_at_ = now + options_.catalog_interval_ms;
      return;
    }
    json body = parse_body(r);
    if (r.status != 200 || !body.is_object() || !body.contains("items")) {
      next_catalog_at_ = now + backoff_delay_ms(catalog_failures_++, *env_.random, retry_after_ms(r), options_.retry_base_ms);
      return;
    }
    forms_to_fetch_.clear();
    for (const auto& item : body["items"]) {
      std::string id = item.value("id", "");
      int version = item.value("version", 0);
      if (!id.empty() && version > 0 && !store_.cached_form(id, version)) forms_to_fetch_.emplace_back(id, version);
    }
    pending_catalog_etag_ = r.header("ETag").value_or("");
    catalog_failures_ = 0;
    next_catalog_at_ = now + options_.catalog_interval_ms;
  } else {
    if (r.status == 200) {
      auto definition = json::parse(r.body, nullptr, false);
      if (!definition.is_discarded()) {
        store_.cache_form(definition, r.header("ETag").value_or(""));
        migrate_drafts(definition);
      }
      if (!forms_to_fetch_.empty()) forms_to_fetch_.erase(forms_to_fetch_.begin());
    } else if (retryable(r.status)) {
      next_catalog_at_ = now + backoff_delay_ms(catalog_failures_++, *env_.random, retry_after_ms(r), options_.retry_base_ms);
      return;
    } else if (!forms_to_fetch_.empty()) {
      forms_to_fetch_.erase(forms_to_fetch_.begin());  // withdrawn meanwhile; the next listing will tell
    }
  }
  // The ETag is remembered only once every definition it lists is cached, so an interrupted pull is resumed.
  if (forms_to_fetch_.empty() && !pending_catalog_etag_.empty()) {
    store_.set_meta(kCatalogEtagKey, pending_catalog_etag_);
    pending_catalog_etag_.clear();
  }
}

void Engine::migrate_drafts(const json& definition) {
  auto to_loaded = form::load_form(definition);
  if (!to_loaded.ok()) return;
  auto to = session::FormModel::build(to_loaded.form);
  if (!to) return;
  const auto& f = *to_loaded.form;
  for (const auto& summary : store_.drafts()) {
    if (summary.item_id != f.id || summary.form_version >= f.version) continue;
    auto old_definition = store_.cached_form(f.id, summary.form_version);
    auto record = store_.draft(summary.id);
    if (!old_definition || !record) continue;
    auto from_loaded = form::load_form(*old_definition);
    auto from = from_loaded.ok() ? session::FormModel::build(from_loaded.form) : nullptr;
    if (!from) continue;
    // Answers move by stable field id; what was dropped and what is newly required is kept for the person.
    auto report = session::migrate_draft(from, to, record->data);
    store_.move_draft_to_version(summary.id, f.version, report.data,
                                 {{"from", summary.form_version}, {"to", f.version}, {"dropped", report.dropped},
                                  {"newlyRequired", report.newly_required}});
  }
}

std::int64_t Engine::next_wakeup() {
  const auto now = env_.clock->now_ms();
  std::int64_t at = kNever;
  if (login_ && !login_in_flight_) return now;
  if (logout_token_) return now;
  if (!login_in_flight_)
    for (const auto& [ticket, c] : calls_)
      if (!c.in_flight && !c.result && (!c.auth || !tokens_ || token_usable())) return now;
  if (options_.pull_catalog && !catalog_in_flight_) at = std::min(at, forms_to_fetch_.empty() ? next_catalog_at_ : now);
  if (tokens_) {
    if (!token_usable() && !refresh_in_flight_) return std::max(now, refresh_not_before_);
    if (options_.pull_status && !changes_in_flight_) at = std::min(at, next_changes_at_);
    if (!timeline_in_flight_ && !timelines_to_fetch_.empty()) at = std::min(at, next_timeline_at_);
    for (int lane = 0; lane < 2; ++lane)
      if (lanes_[lane] && !lanes_[lane]->in_flight) return now;
    if (!lanes_[0]) {
      auto items = store_.due_items(kNever, 1);
      if (!items.empty()) at = std::min(at, items.front().next_attempt_at);
    }
  }
  return std::max(at, now);
}

EngineStatus Engine::status() {
  EngineStatus s;
  s.signed_in = tokens_.has_value();
  s.needs_sign_in = needs_sign_in_;
  s.offline = offline_;
  s.last_error = last_error_;
  auto summary = store_.outbox_summary();  // counted by the store: a large outbox is never read whole here
  s.queued = summary.queued;
  s.needs_attention = summary.needs_attention;  // items superseded by a draft on a new version are not counted
  s.accepted = summary.accepted;
  s.next_attempt_at = summary.next_attempt_at;
  return s;
}

}  // namespace wb::sync
