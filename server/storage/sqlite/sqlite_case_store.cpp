#include "server/storage/sqlite/sqlite_repositories.hpp"

#include "core/common/errors.hpp"

namespace wb::server {

std::string_view case_tables_v1() {
  return R"SQL(
CREATE TABLE submissions (
  account_id TEXT NOT NULL REFERENCES accounts (id), idempotency_key TEXT NOT NULL, payload_sha256 TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'done')), case_id TEXT, created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, idempotency_key)) WITHOUT ROWID;
CREATE TABLE cases (
  id TEXT PRIMARY KEY, acceptance_number TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL REFERENCES accounts (id),
  item_id TEXT NOT NULL, form_version INTEGER NOT NULL, idempotency_key TEXT NOT NULL, data TEXT NOT NULL,
  attachments TEXT NOT NULL, state TEXT NOT NULL, submitted_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  due_date TEXT NOT NULL, completed_at INTEGER) WITHOUT ROWID;
CREATE INDEX cases_by_account ON cases (account_id, submitted_at);
CREATE TABLE case_departments (
  case_id TEXT NOT NULL REFERENCES cases (id), department TEXT NOT NULL, role TEXT NOT NULL,
  state TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (case_id, department)) WITHOUT ROWID;
CREATE TABLE case_events (
  seq INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), account_id TEXT NOT NULL, at INTEGER NOT NULL,
  kind TEXT NOT NULL, state TEXT NOT NULL, department TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '{}');
CREATE INDEX case_events_by_account ON case_events (account_id, seq);
CREATE INDEX case_events_by_case ON case_events (case_id, seq);
CREATE TABLE case_results (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), name TEXT NOT NULL, media_type TEXT NOT NULL,
  sha256 TEXT NOT NULL, size INTEGER NOT NULL, bytes BLOB NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX case_results_by_case ON case_results (case_id);
)SQL";
}

// TRANSIENT: the methods below are implemented by the submissions work (in progress).
namespace {
[[noreturn]] void pending() { throw Error(ErrorCode::Internal, {{"detail", "case store pending"}}); }
}  // namespace
BeginResult SqliteCaseStore::begin_submission(const std::string&, const std::string&, const std::string&, std::int64_t) { pending(); }
Receipt SqliteCaseStore::complete_submission(const std::string&, const std::string&, const NewCase&, std::int64_t) { pending(); }
void SqliteCaseStore::abandon_submission(const std::string&, const std::string&) { pending(); }
void SqliteCaseStore::release_stale_claims() {}
void SqliteCaseStore::purge_keys(std::int64_t) {}
std::optional<CaseRecord> SqliteCaseStore::get_case(const std::string&) { pending(); }
std::vector<CaseRecord> SqliteCaseStore::cases_of(const std::string&) { pending(); }
std::vector<CaseRecord> SqliteCaseStore::all_cases() { return {}; }
std::vector<CaseEvent> SqliteCaseStore::timeline(const std::string&) { pending(); }
std::vector<CaseEvent> SqliteCaseStore::events_since(const std::string&, std::int64_t, int) { pending(); }

}  // namespace wb::server
