#pragma once
// The sync engine: a sans-I/O state machine between one profile's store and a protocol-v1 server.
//
// A driver loop runs it (native/: a background thread with cpp-httplib; the browser: fetch() and timers):
//
//   for (;;) {
//     for (auto& req : engine.poll()) send(req);        // requests to send now (possibly several at once)
//     ... when a response arrives:  engine.on_response(req.id, response);
//     ... when a request fails:     engine.on_failure(req.id, "connection reset");
//     ... otherwise sleep until engine.next_wakeup() or until a report arrives.
//   }
//
// The engine never blocks, never sleeps, never reads a clock of its own: time comes from the Environment.
// Everything it learns is recorded in the store before it acts on it, so a process killed at any point resumes
// correctly: outbox items carry idempotency keys (the server answers a repeat with the same receipt), upload
// offsets are asked from the server, and the changes-feed cursor is committed with the entries it covers.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/environment.hpp"
#include "core/store/profile_store.hpp"
#include "core/sync/credentials.hpp"
#include "core/sync/http_types.hpp"

namespace wb::sync {

struct EngineOptions {
  std::int64_t catalog_interval_ms = 15 * 60 * 1000;  // catalog revalidation (ETag)
  std::int64_t status_interval_ms = 60 * 1000;        // changes-feed pull while signed in
  std::int64_t upload_chunk_bytes = 1 << 20;
  std::int64_t large_upload_bytes = 4 << 20;  // an item with more left to upload lets smaller items pass it
  std::int64_t token_skew_ms = 30 * 1000;     // refresh this long before the access token expires
  std::int64_t retry_base_ms = 1000;          // full-jitter backoff base (cap 15 min); tests shorten it
  bool pull_catalog = true;
  bool pull_status = true;
  // Items ready to submit go together, in outbox order, as one POST /v1/submissions/batch of at most this many
  // (and about this many bytes); 1 sends each alone. A server without the batch route gets single submissions.
  int submit_batch = 100;
  std::int64_t submit_batch_bytes = 1 << 20;
};

// What a person (or a status bar) needs to know.
struct EngineStatus {
  bool signed_in = false;
  bool needs_sign_in = false;  // the queue is paused until the person signs in again
  bool offline = false;        // the last request failed without a response
  int queued = 0;              // queued or sending
  int needs_attention = 0;
  int accepted = 0;
  std::optional<std::int64_t> next_attempt_at;
  std::string last_error;      // short description of the last failure ("" when the last request succeeded)
};

class Engine {
 public:
  Engine(store::ProfileStore& store, CredentialStore& credentials, Environment env, EngineOptions options = {});

  // Sign-in: the next poll() sends it; its outcome is in login_result() once answered.
  void begin_login(const std::string& account, const std::string& password);
  struct LoginResult {
    bool ok = false;
    int status = 0;               // HTTP status, 0 when no answer came
    nlohmann::json error;         // the server's error body, or {"error": {"code": "network", ...}}
  };
  const std::optional<LoginResult>& login_result() const { return login_result_; }
  bool login_pending() const { return login_.has_value() || login_in_flight_; }
  // Sign-out: forgets the tokens now; the next poll() tells the server (best effort).
  void logout();

  // A one-off call on the person's behalf (consultations, appointments, ratings, a case's view): the next poll()
  // sends it, with the access token when `auth` (refreshed first when it is about to expire; a 401 refreshes and
  // sends it once more). Calls are not retried otherwise: they are online actions the person is waiting for.
  // Without a sign-in an `auth` call ends at once with 401 auth.token_missing.
  struct CallResult {
    int status = 0;        // HTTP status; 0 when no answer came
    std::string body;      // the answer's body
    nlohmann::json error;  // status 0: {"error": {"code": "network", "message": ...}}; else null
  };
  std::uint64_t begin_call(std::string method, std::string path, std::string body = "",
                           std::string content_type = "", bool auth = true);
  // The result once answered (then forgotten); nullopt while pending (or for an unknown ticket).
  std::optional<CallResult> take_call_result(std::uint64_t ticket);
  bool call_pending(std::uint64_t ticket) const { return calls_.count(ticket) > 0; }
  // Forgets a call (its answer, if one still comes, is ignored).
  void cancel_call(std::uint64_t ticket) { calls_.erase(ticket); }

  std::vector<Request> poll();
  void on_response(std::uint64_t id, const Response& response);
  void on_failure(std::uint64_t id, const std::string& detail);
  // The earliest time poll() may have something new to send (INT64_MAX: only an outside event will).
  std::int64_t next_wakeup();
  // Forget backoff for the network (the platform says we are online again) and pull soon; outbox items that failed
  // without an answer are due at once.
  void wake();

  bool busy() const { return !in_flight_.empty(); }
  bool needs_sign_in() const { return needs_sign_in_; }
  EngineStatus status();

 private:
  enum class Kind { Login, Logout, Refresh, Catalog, FormFetch, Changes, Timeline, UploadCreate, UploadHead, UploadPatch, Submit, SubmitBatch, Call };
  struct Pending {
    Kind kind;
    std::int64_t item = 0;  // outbox id for item requests
    int lane = -1;
    std::string text;       // item id / version key for form fetches
  };
  // In-memory progress of one outbox item being pushed (rebuilt from the store and the server after a restart).
  struct ItemWork {
    store::OutboxItem item;
    size_t attachment = 0;        // index into the manifest of the attachment being uploaded
    std::string upload_id;
    std::int64_t offset = -1;     // -1: not known yet (HEAD or create first)
    bool in_flight = false;
    bool waiting_for_token = false;
    // Lane 0: (outbox id, idempotency key) of the batch in flight, this item first; empty when it goes alone.
    std::vector<std::pair<std::int64_t, std::string>> batch;
  };

  Request make(Kind kind, std::string method, std::string path, bool auth, std::string body = "",
               std::string content_type = "", Headers extra = {});
  bool token_usable() const;
  void handle_unauthorized();
  void network_trouble(const std::string& detail);

  void fill_lanes(std::vector<Request>& out, std::int64_t now);
  std::optional<Request> next_item_request(ItemWork& w, int lane, std::int64_t now);
  // The submission of lane 0's item together with the next items ready to go; nullopt when there are none.
  std::optional<Request> make_batch(ItemWork& w, const nlohmann::json& first, std::int64_t now);
  void on_batch_response(const Pending& p, const Response& r);
  void batch_retry(const nlohmann::json& error, std::int64_t retry_after_ms);
  std::int64_t remaining_upload_bytes(const ItemWork& w) const;
  void release_lane(int lane);
  void item_retry(int lane, const nlohmann::json& error, std::int64_t retry_after_ms);
  void item_attention(int lane, const std::string& reason, const nlohmann::json& error);

  void on_item_response(const Pending& p, const Response& r);
  void on_changes(const Pending& p, const Response& r);
  // A newer version of a form arrived: drafts on older versions move to it (core/session/migration).
  void migrate_drafts(const nlohmann::json& definition);
  void on_timeline(const Pending& p, const Response& r);
  // An accepted item whose history lacks the case's first event missed part of the feed (the feed was read before
  // the receipt arrived): its whole timeline is fetched once.
  void check_history(std::int64_t outbox_id, const std::string& case_id);
  // An item was just accepted: once a changes pull sent after now has caught up, its history is checked.
  void await_first_status(std::int64_t outbox_id, const std::string& case_id);
  // Items waiting for their case's first event whose feed pull (numbered up to `pull`) has ended, answered or not:
  // those still without it get their case's timeline fetched.
  void settle_awaiting(std::uint64_t pull);
  std::vector<store::ProfileStore::ServerStatus> statuses_from(const nlohmann::json& events, std::int64_t outbox_id) const;
  void on_catalog_response(const Pending& p, const Response& r);

  store::ProfileStore& store_;
  CredentialStore& credentials_;
  Environment env_;
  EngineOptions options_;

  std::optional<Tokens> tokens_;
  bool needs_sign_in_ = false;
  bool refresh_in_flight_ = false;
  int refresh_failures_ = 0;
  std::int64_t refresh_not_before_ = 0;
  std::optional<std::pair<std::string, std::string>> login_;
  bool login_in_flight_ = false;
  std::optional<LoginResult> login_result_;
  std::optional<std::string> logout_token_;

  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Pending> in_flight_;

  std::optional<ItemWork> lanes_[2];  // 0: in order; 1: small items passing a large upload in lane 0
  // Failures in a row since an item's upload last made progress: a long upload on a flaky line that keeps advancing
  // retries soon again, instead of backing off as if the server were unreachable.
  std::map<std::int64_t, int> failures_since_progress_;

  bool catalog_in_flight_ = false;
  int catalog_failures_ = 0;
  std::int64_t next_catalog_at_ = 0;
  std::vector<std::pair<std::string, int>> forms_to_fetch_;
  std::string pending_catalog_etag_;

  bool changes_in_flight_ = false;
  std::uint64_t changes_sent_ = 0;  // changes pulls sent so far (a pull's number rides in its Pending)
  struct Awaiting {
    std::int64_t outbox_id;
    std::string case_id;
    std::uint64_t pull;  // the first pull that was sent after the receipt was recorded
  };
  std::vector<Awaiting> awaiting_first_status_;
  bool batch_unsupported_ = false;  // the server answered the batch route with 404/405 (or not as protocol v1 says)
  int batch_limit_ = 0;             // options_.submit_batch, halved after a 413
  int changes_failures_ = 0;
  std::int64_t next_changes_at_ = 0;
  std::int64_t next_timeline_at_ = 0;  // a timeline fetch backs off on its own (the feed keeps its interval)

  bool timelines_scanned_ = false;
  bool timeline_in_flight_ = false;
  std::vector<std::pair<std::int64_t, std::string>> timelines_to_fetch_;  // (outbox id, case id)

  struct Call {
    std::string method, path, body, content_type;
    bool auth = true;
    bool in_flight = false;
    bool resent = false;  // sent again after a 401 and a refresh
    std::optional<CallResult> result;
  };
  void send_calls(std::vector<Request>& out, bool with_auth);
  std::uint64_t next_call_ = 1;
  std::map<std::uint64_t, Call> calls_;

  bool offline_ = false;
  std::string last_error_;
};

}  // namespace wb::sync
