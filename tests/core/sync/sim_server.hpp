#pragma once
// A model of a protocol-v1 server for the sync simulation: the semantics the engine relies on (rotating refresh
// tokens with reuse detection, token expiry, idempotent submissions, resumable uploads verified by hash, a changes
// feed), kept in memory and deterministic. Its committed state survives a "restart"; the counters let the test
// check exactly-once delivery.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/environment.hpp"
#include "core/sync/http_types.hpp"

namespace wb::test {

class SimServer {
 public:
  explicit SimServer(const Clock& clock) : clock_(clock) {}

  sync::Response handle(const sync::Request& req);

  // Case progress the caseworkers make between pulls: moves a random case one step and appends an event.
  void advance_some_case(std::uint64_t pick);
  void expire_all_access_tokens() { for (auto& [t, a] : access_) a.expires_at = 0; }
  void restart() { /* committed state is durable; nothing in memory to lose in this model */ }

  struct Case {
    std::string id, key, payload_hash, acceptance_number, state;
    nlohmann::json receipt;
    int created = 0;  // how many times a case was created for this key (must stay 1)
  };
  const std::map<std::string, Case>& cases_by_key() const { return cases_; }
  int cases_created() const { return cases_created_; }
  const std::vector<nlohmann::json>& events() const { return events_; }
  // Published form definitions; the catalog lists the newest version of each item.
  void set_definition(std::string text);
  void add_definition(std::string text);
  // Submissions on this (item, version) get 422 protocol.form_version_retired.
  void retire(const std::string& item, int version) { retired_.insert({item, version}); }
  int requests_seen(const std::string& path_prefix) const;
  // POST /v1/submissions/batch: off, the server answers it 404 as an older server would; at most `max_items` per
  // batch (more: 413 protocol.batch_too_large).
  void set_batch_route(bool on, size_t max_items = 100) {
    batch_route_ = on;
    batch_max_items_ = max_items;
  }

  static constexpr const char* kAccount = "11010519491231002X";
  static constexpr const char* kPassword = "sim-password";

 private:
  struct Access { std::string family; std::int64_t expires_at; };
  struct Refresh { std::string family; bool used; };
  struct Upload { std::string sha256; std::int64_t size; std::string bytes; bool complete; };

  std::string issue_tokens(const std::string& family, nlohmann::json& body);
  bool authorized(const sync::Request& req) const;
  // One submission, as POST /v1/submissions answers it (status and body); the batch route answers each entry so.
  std::pair<int, nlohmann::json> submit(const std::string& key, const nlohmann::json& body);

  const Clock& clock_;
  int counter_ = 0;
  std::map<std::string, Access> access_;
  std::map<std::string, Refresh> refresh_;
  std::set<std::string> revoked_families_;
  std::map<std::string, Upload> uploads_;
  std::set<std::string> blobs_;  // complete sha256s of the (single) account
  std::map<std::string, Case> cases_;  // by idempotency key
  int cases_created_ = 0;
  std::vector<nlohmann::json> events_;
  std::map<std::pair<std::string, int>, std::string> definitions_;
  std::set<std::pair<std::string, int>> retired_;
  std::vector<std::string> paths_seen_;
  bool batch_route_ = true;
  size_t batch_max_items_ = 100;
};

}  // namespace wb::test
