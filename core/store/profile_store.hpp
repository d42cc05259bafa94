#pragma once
// One person's (or one enterprise's) data on one device: the catalog cache, drafts, attachments, the submission
// outbox, case status history and an event log, in one SQLite file. A profile never sees another's data: each
// profile is its own file (a shared service-station laptop keeps one folder per profile).
//
// Durability: every operation reports success only once its transaction is committed (WAL). Outbox commits use
// synchronous=FULL, so a "queued" answer survives power loss; draft autosaves use NORMAL (a crash of the app
// loses nothing; a power cut may lose the last autosave but never corrupts).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/environment.hpp"
#include "core/common/localized_text.hpp"
#include "core/form/form_definition.hpp"
#include "core/store/sqlite_db.hpp"

namespace wb::store {

struct DraftRecord {
  std::string id;
  std::string item_id;
  int form_version = 0;
  LocalizedText title;
  nlohmann::json data;
  double completeness = 0;
  int error_count = 0;
  std::int64_t created_at = 0, updated_at = 0;
  std::int64_t revision = 0;
};

struct AttachmentRef {
  std::string sha256;
  std::string name;
  std::int64_t size = 0;
  std::string media_type;
  nlohmann::json to_json() const;  // the value stored in application data
};

enum class OutboxState { Queued, Sending, Accepted, NeedsAttention };
std::string_view outbox_state_name(OutboxState s);  // "queued", "sending", "accepted", "needs_attention"

struct OutboxItem {
  std::int64_t id = 0;
  std::string idempotency_key;
  std::string item_id;
  int form_version = 0;
  LocalizedText title;
  OutboxState state = OutboxState::Queued;
  std::string attention;  // needs_attention: "rejected", "expired", "sign_in", "version"
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  nlohmann::json last_error;  // null, or the server's error body / a network failure description
  nlohmann::json receipt;     // null until accepted
  nlohmann::json payload;
  nlohmann::json manifest;    // [{sha256, name, size, mediaType}]
  std::int64_t created_at = 0, updated_at = 0;
};

struct StatusEntry {
  std::int64_t seq = 0;
  std::int64_t at = 0;
  std::string status;
  std::string department;
  nlohmann::json detail;
};

struct Event {
  std::int64_t seq = 0;
  std::int64_t at = 0;
  std::string kind;     // draft.saved, draft.deleted, outbox.queued, outbox.changed, status.added, form.cached
  std::string subject;  // the draft id, outbox id or item id
};

struct OpenOptions {
  bool create = true;
  std::string vfs;  // an SQLite VFS registered by the platform (or a test's fault injector); "" = the default
};

class ProfileStore {
 public:
  // Opens (creating when allowed) the profile database at `path`. Throws store.foreign / store.corrupt /
  // store.too_new for files it must not touch, and never writes to them.
  static std::unique_ptr<ProfileStore> open(const std::string& path, Environment env, OpenOptions options = {});

  // ---- catalog cache
  void cache_form(const nlohmann::json& definition, const std::string& etag = "");
  std::optional<nlohmann::json> cached_form(const std::string& item_id, std::optional<int> version = {});
  // The newest cached definition of every item, by item id (what an offline catalog lists).
  std::vector<nlohmann::json> cached_catalog();
  // Every cached (item id, version), by item id then version: what an offline catalog can show.
  std::vector<std::pair<std::string, int>> cached_form_versions();

  // ---- drafts
  std::string create_draft(const form::FormDefinition& form, const nlohmann::json& data = nlohmann::json::object());
  void save_draft(const std::string& id, const nlohmann::json& data, double completeness, int error_count);
  std::optional<DraftRecord> draft(const std::string& id);
  std::vector<DraftRecord> drafts();  // newest change first; data left null
  void delete_draft(const std::string& id);
  // Moves a draft to a newer version of its form (the data already migrated by field id, core/session/migration)
  // and keeps the migration report (dropped answers, newly required fields) for the person to see.
  void move_draft_to_version(const std::string& id, int version, const nlohmann::json& data,
                             const nlohmann::json& report);
  std::optional<nlohmann::json> draft_migration_report(const std::string& id);
  // Removes drafts unchanged since before `cutoff_ms`; refuses cutoffs less than 60 days old.
  int purge_drafts(std::int64_t cutoff_ms);

  // ---- attachments (stored once by SHA-256, in chunks)
  // Checks `material` limits (type and size) when given; records the file for the draft at `pointer`.
  AttachmentRef put_attachment(const std::string& draft_id, const std::string& pointer, std::string_view bytes,
                               const std::string& name, const std::string& media_type,
                               const form::Material* material);
  std::optional<std::string> attachment_bytes(const std::string& sha256);
  std::optional<AttachmentRef> attachment_info(const std::string& sha256);
  // Bytes [offset, offset + length) of a stored attachment (reads only the chunks needed): for resumable uploads.
  std::optional<std::string> attachment_range(const std::string& sha256, std::int64_t offset, std::int64_t length);

  // ---- outbox
  // Freezes a validated submission: payload, form id and version, attachment manifest, a fresh idempotency key;
  // records it as queued and deletes the draft, all in one durable transaction.
  OutboxItem enqueue(const std::string& draft_id, const nlohmann::json& payload, const nlohmann::json& manifest);
  std::vector<OutboxItem> outbox(bool with_payload = false);
  std::optional<OutboxItem> outbox_item(std::int64_t id);
  // The next items to send: queued (or interrupted while sending) and due at `now_ms`, oldest first.
  std::vector<OutboxItem> due_items(std::int64_t now_ms, int limit = 16);
  // The same, only items after `after_id` (the next ones in outbox order).
  std::vector<OutboxItem> due_items_after(std::int64_t after_id, std::int64_t now_ms, int limit);
  // Counts by state without reading the items (a status bar over a large outbox).
  struct OutboxSummary {
    int queued = 0;           // queued or sending
    int needs_attention = 0;  // not counting items superseded by a draft on a newer version
    int accepted = 0;
    std::optional<std::int64_t> next_attempt_at;  // the earliest among queued / sending
  };
  OutboxSummary outbox_summary();
  // (outbox id, case id) of the accepted items whose receipt names one of `case_ids`.
  std::vector<std::pair<std::int64_t, std::string>> outbox_ids_by_case(const std::vector<std::string>& case_ids);
  // (outbox id, case id) of the accepted items with no status entry whose detail has this "kind" yet.
  std::vector<std::pair<std::int64_t, std::string>> accepted_without_status(const std::string& kind);
  void mark_sending(std::int64_t id);  // (not synchronous=FULL: see profile_store.cpp)
  // A retryable failure: schedules the next attempt with full jitter (base `base_ms`, cap 15 min) and never before
  // the server's Retry-After. The backoff grows with the attempts made, or from `backoff_step` when the caller knows
  // better (failures since the upload last made progress).
  void mark_retry(std::int64_t id, const nlohmann::json& error, std::int64_t retry_after_ms = 0,
                  std::int64_t base_ms = 1000, std::optional<int> backoff_step = std::nullopt);
  void mark_accepted(std::int64_t id, const nlohmann::json& receipt);
  void mark_needs_attention(std::int64_t id, const std::string& reason, const nlohmann::json& error);
  // Several items at once, in one durable transaction (all or nothing): what a batch of submissions
  // (POST /v1/submissions/batch) needs, so a drain of many small items costs one commit per batch, not per item.
  void mark_sending(const std::vector<std::int64_t>& ids);
  struct Outcome {
    enum class Kind { Accepted, NeedsAttention, Retry };
    std::int64_t id = 0;
    Kind kind = Kind::Accepted;
    nlohmann::json value;              // Accepted: the receipt; otherwise the error
    std::string reason;                // NeedsAttention: as mark_needs_attention
    std::int64_t retry_after_ms = 0;   // Retry: as mark_retry
    std::int64_t base_ms = 1000;
  };
  void record_outcomes(const std::vector<Outcome>& outcomes);
  // Back to the queue after the person fixed what was needed (signed in again, ...).
  void requeue(std::int64_t id);
  // The network is back: items waiting out a backoff after a network failure (no answer came) become due now.
  // Items the server answered (5xx, 429 with Retry-After) keep their time. Returns how many were moved.
  int retry_network_failures_now();
  // An item the server no longer accepts (its form version retired) becomes a draft on the new version: the draft
  // is created and the item marked superseded by it (attention "superseded", last_error {"draft": id}), in one
  // transaction. The item is kept (never deleted silently).
  std::string supersede_with_draft(std::int64_t id, const form::FormDefinition& form, const nlohmann::json& data,
                                   const nlohmann::json& report);

  // ---- case status history (pulled from the server)
  void add_status(std::int64_t outbox_id, const std::string& status, const std::string& department,
                  const nlohmann::json& detail, std::int64_t at_ms);
  std::vector<StatusEntry> status_history(std::int64_t outbox_id);
  // Status entries from the server's changes feed, recorded once each (by the server's event number) together with
  // the feed cursor that covers them, in one transaction: a batch delivered twice changes nothing the second time.
  struct ServerStatus {
    std::int64_t outbox_id = 0;
    std::int64_t server_seq = 0;
    std::string status, department;
    nlohmann::json detail;
    std::int64_t at_ms = 0;
  };
  // (No cursor: entries fetched outside the feed, e.g. a case's whole timeline.)
  void record_server_statuses(const std::vector<ServerStatus>& entries, const std::string& cursor_key,
                              std::optional<std::int64_t> cursor);

  // ---- events
  std::vector<Event> events_since(std::int64_t seq, int limit = 1000);
  int subscribe(std::function<void(const Event&)> listener);  // called after each commit, on the caller's thread
  void unsubscribe(int token);

  // ---- profile metadata (account id, server URL, ...): small strings, no secrets
  void set_meta(const std::string& key, const std::string& value);
  std::optional<std::string> meta(const std::string& key);

  Database& database() { return db_; }
  std::int64_t now() const { return env_.clock->now_ms(); }

 private:
  ProfileStore(Database db, Environment env) : db_(std::move(db)), env_(env) {}
  std::int64_t add_event(const std::string& kind, const std::string& subject);  // inside a transaction
  void notify(const std::vector<Event>& events);
  void synchronous(bool full);
  OutboxItem read_outbox_row(Statement& st, bool with_payload);
  // The statements of the outbox transitions, inside a transaction (shared by the one-item and batch forms).
  void sending_in_tx(std::int64_t id);
  void retry_in_tx(std::int64_t id, const nlohmann::json& error, std::int64_t retry_after_ms, std::int64_t base_ms,
                   std::optional<int> backoff_step);
  void accepted_in_tx(std::int64_t id, const nlohmann::json& receipt);
  void attention_in_tx(std::int64_t id, const std::string& reason, const nlohmann::json& error);
  // Every outbox item still to send has an id at or above this mark (kept in `meta`, moved in the transactions
  // that change states), so reading the due items skips the sent history without an index that every submission
  // would have to write to.
  std::int64_t pending_from();
  void set_pending_from_in_tx(std::int64_t mark);
  void advance_pending_from_in_tx();

  Database db_;
  Environment env_;
  std::map<int, std::function<void(const Event&)>> listeners_;
  int next_listener_ = 1;
  std::vector<Event> pending_;  // events of the transaction in progress
  int synchronous_ = -1;        // the connection's current setting (1 FULL, 0 NORMAL), to skip needless PRAGMAs
};

}  // namespace wb::store
