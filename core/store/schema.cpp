#include "core/store/schema.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/common/errors.hpp"

namespace wb::store {

const std::vector<std::string_view>& migrations() {
  // Append only. Never edit a released migration: write a new one.
  // Outbox items and events are never deleted, so plain rowids grow monotonically without AUTOINCREMENT's extra
  // page write per insert. The outbox has no state index: a submission's commit touches fewer pages without one (the
  // enqueue rate is measured against a raw insert loop); reading what is due starts at a mark (migration 4).
  static const std::vector<std::string_view> kMigrations = {
      // 1: profiles' data — catalog cache, drafts, attachments, outbox, case status, events
      R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE form_cache (
  item_id TEXT NOT NULL, version INTEGER NOT NULL, definition TEXT NOT NULL, etag TEXT,
  fetched_at INTEGER NOT NULL, PRIMARY KEY (item_id, version)) WITHOUT ROWID;
CREATE TABLE drafts (
  id TEXT PRIMARY KEY, item_id TEXT NOT NULL, form_version INTEGER NOT NULL, title TEXT NOT NULL,
  data TEXT NOT NULL, completeness REAL NOT NULL DEFAULT 0, error_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, revision INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE INDEX drafts_by_update ON drafts (updated_at);
CREATE TABLE attachments (
  sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, media_type TEXT NOT NULL, chunk_size INTEGER NOT NULL,
  created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE attachment_chunks (
  sha256 TEXT NOT NULL REFERENCES attachments (sha256) ON DELETE CASCADE, idx INTEGER NOT NULL,
  bytes BLOB NOT NULL, PRIMARY KEY (sha256, idx)) WITHOUT ROWID;
CREATE TABLE draft_attachments (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE, pointer TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES attachments (sha256), name TEXT NOT NULL,
  PRIMARY KEY (draft_id, pointer, sha256)) WITHOUT ROWID;
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, draft_id TEXT,
  item_id TEXT NOT NULL, form_version INTEGER NOT NULL, title TEXT NOT NULL, payload TEXT NOT NULL,
  manifest TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'accepted', 'needs_attention')),
  attention TEXT, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
  last_error TEXT, receipt TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE outbox_attachments (
  outbox_id INTEGER NOT NULL REFERENCES outbox (id), sha256 TEXT NOT NULL REFERENCES attachments (sha256),
  PRIMARY KEY (outbox_id, sha256)) WITHOUT ROWID;
CREATE TABLE case_status (
  outbox_id INTEGER NOT NULL REFERENCES outbox (id), seq INTEGER NOT NULL, at INTEGER NOT NULL,
  status TEXT NOT NULL, department TEXT, detail TEXT, PRIMARY KEY (outbox_id, seq)) WITHOUT ROWID;
CREATE TABLE events (
  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL);
)SQL",
      // 2: case status entries pulled from the server carry the server's event number, so a batch re-delivered after
      // a crash is recorded once; the feed's cursor is committed with the entries it covered.
      R"SQL(
ALTER TABLE case_status ADD COLUMN server_seq INTEGER;
CREATE UNIQUE INDEX case_status_by_server_seq ON case_status (server_seq) WHERE server_seq IS NOT NULL;
)SQL",
      // 3: the drafts list sorts in memory (a device holds at most thousands of drafts: 10,000 list in well under a
      // second); the index cost a page write on every autosave and on every submit, which deletes the draft.
      R"SQL(
DROP INDEX drafts_by_update;
)SQL",
      // 4: an outbox of thousands (10,000 queued while offline drain in seconds) is not read by scans of every
      // payload: the accepted items are found by case id (the changes feed names cases) through an index written
      // when an item is accepted, never by a submission; the items still to send are read from a mark in `meta`
      // (ProfileStore::pending_from) rather than through an index every submission would write to. The case id
      // is a column of its own, filled from the receipt by C++ (fill_case_ids): the browser's SQLite is built
      // without the JSON functions.
      R"SQL(
ALTER TABLE outbox ADD COLUMN case_id TEXT;
CREATE INDEX outbox_by_case ON outbox (case_id) WHERE case_id IS NOT NULL;
)SQL",
  };
  return kMigrations;
}

namespace {

// Version 4's data step: the case id of every accepted item, read from its receipt.
void fill_case_ids(Database& db) {
  std::vector<std::pair<std::int64_t, std::string>> found;
  {
    auto st = db.prepare("SELECT id, receipt FROM outbox WHERE receipt IS NOT NULL");
    while (st.step()) {
      auto receipt = nlohmann::json::parse(st.column_text(1), nullptr, false);
      if (receipt.is_object() && receipt.contains("caseId") && receipt["caseId"].is_string())
        found.emplace_back(st.column_int(0), receipt["caseId"].get<std::string>());
    }
  }
  auto update = db.prepare("UPDATE outbox SET case_id = ? WHERE id = ?");
  for (const auto& [id, case_id] : found) {
    update.bind(1, case_id).bind(2, id).run();
    update.reset();
  }
}

// Steps in C++ that a migration needs after its SQL, in the same transaction.
void migrate_data(Database& db, int reached_version) {
  if (reached_version == 4) fill_case_ids(db);
}

}  // namespace

int schema_version(Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  st.step();
  return static_cast<int>(st.column_int(0));
}

void prepare_schema(Database& db, int target) {
  if (target < 0) target = latest_schema_version();
  // Reading the header first: a file that is not SQLite fails here (store.foreign), before any write.
  // The statements are scoped: an unfinished read would keep a schema lock that DROP in a migration cannot take.
  int app_id = 0;
  std::int64_t table_count = 0;
  {
    auto app = db.prepare("PRAGMA application_id");
    app.step();
    app_id = static_cast<int>(app.column_int(0));
    auto tables = db.prepare("SELECT count(*) FROM sqlite_schema");
    tables.step();
    table_count = tables.column_int(0);
  }
  int version = schema_version(db);
  bool empty = table_count == 0 && version == 0 && app_id == 0;
  if (!empty && app_id != kApplicationId) throw Error(ErrorCode::StoreForeign, {{"path", db.path()}});
  if (version > latest_schema_version())
    throw Error(ErrorCode::StoreTooNew,
                {{"found", std::to_string(version)}, {"supported", std::to_string(latest_schema_version())}});
  while (version < target) {
    Transaction tx(db);
    db.exec(migrations()[static_cast<size_t>(version)]);
    ++version;
    migrate_data(db, version);
    db.exec("PRAGMA user_version = " + std::to_string(version));
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    tx.commit();
  }
}

}  // namespace wb::store
