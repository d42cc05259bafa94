#include "server/storage/sqlite/sqlite_repositories.hpp"

#include <cstdio>

#include "core/common/errors.hpp"
#include "server/cases/work_calendar.hpp"

// The applicants' side of SqliteCaseStore: idempotent submissions (claim → case + receipt) and reading cases,
// timelines and the changes feed.
namespace wb::server {

std::string_view case_tables_v1() {
  return R"SQL(
CREATE TABLE submissions (
  account_id TEXT NOT NULL REFERENCES accounts (id), idempotency_key TEXT NOT NULL, payload_sha256 TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'done')), case_id TEXT, created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, idempotency_key)) WITHOUT ROWID;
CREATE INDEX submissions_by_age ON submissions (created_at);
CREATE TABLE acceptance_serials (day TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE cases (
  id TEXT PRIMARY KEY, acceptance_number TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL REFERENCES accounts (id),
  item_id TEXT NOT NULL, form_version INTEGER NOT NULL, idempotency_key TEXT NOT NULL, data TEXT NOT NULL,
  attachments TEXT NOT NULL, state TEXT NOT NULL, submitted_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  due_date TEXT NOT NULL, completed_at INTEGER) WITHOUT ROWID;
CREATE INDEX cases_by_account ON cases (account_id, submitted_at);
CREATE TABLE case_departments (
  case_id TEXT NOT NULL REFERENCES cases (id), department TEXT NOT NULL, role TEXT NOT NULL,
  state TEXT NOT NULL, updated_at INTEGER NOT NULL, position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, department)) WITHOUT ROWID;
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

namespace {

using nlohmann::json;

constexpr const char* kCaseColumns =
    "SELECT id, acceptance_number, account_id, item_id, form_version, idempotency_key, data, attachments, state, "
    "submitted_at, updated_at, due_date, completed_at FROM cases ";

CaseState state_of(const std::string& text) { return parse_case_state(text).value_or(CaseState::Submitted); }

CaseRecord read_case_row(store::Statement& st) {
  CaseRecord c;
  c.id = st.column_text(0);
  c.acceptance_number = st.column_text(1);
  c.account_id = st.column_text(2);
  c.item_id = st.column_text(3);
  c.form_version = static_cast<int>(st.column_int(4));
  c.idempotency_key = st.column_text(5);
  c.data = json::parse(st.column_text(6));
  c.attachments = json::parse(st.column_text(7));
  c.state = state_of(st.column_text(8));
  c.submitted_at = st.column_int(9);
  c.updated_at = st.column_int(10);
  c.due_date = st.column_text(11);
  if (!st.column_is_null(12)) c.completed_at = st.column_int(12);
  return c;
}

void load_departments(store::Database& db, CaseRecord& c) {
  auto& st = db.cached(
      "SELECT department, role, state, updated_at FROM case_departments WHERE case_id = ?1 "
      "ORDER BY position, department");
  st.bind(1, c.id);
  while (st.step())
    c.departments.push_back({st.column_text(0), st.column_text(1), state_of(st.column_text(2)), st.column_int(3)});
}

// Reads every case the statement yields, with its departments.
std::vector<CaseRecord> read_cases(store::Database& db, store::Statement& st) {
  std::vector<CaseRecord> out;
  while (st.step()) out.push_back(read_case_row(st));
  for (auto& c : out) load_departments(db, c);
  return out;
}

CaseEvent read_event(store::Statement& st) {
  CaseEvent e;
  e.seq = st.column_int(0);
  e.case_id = st.column_text(1);
  e.account_id = st.column_text(2);
  e.at = st.column_int(3);
  e.kind = st.column_text(4);
  e.state = state_of(st.column_text(5));
  e.department = st.column_text(6);
  e.detail = json::parse(st.column_text(7));
  return e;
}

constexpr const char* kEventColumns =
    "SELECT seq, case_id, account_id, at, kind, state, department, detail FROM case_events ";

// "WB" + yyyymmdd (the China date of receipt) + a 6-digit serial of that day.
std::string next_acceptance_number(store::Database& db, std::int64_t now) {
  auto d = china_date(now);
  char day[9];
  std::snprintf(day, sizeof day, "%04d%02d%02d", d.year, d.month, d.day);
  auto& bump = db.cached(
      "INSERT INTO acceptance_serials (day, last) VALUES (?1, 1) "
      "ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last");
  bump.bind(1, std::string(day));
  bump.step();
  std::int64_t serial = bump.column_int(0);
  bump.reset();
  if (serial > 999999) throw Error(ErrorCode::ProtoUnavailable);  // a million applications in one day
  char number[40];
  std::snprintf(number, sizeof number, "WB%s%06lld", day, static_cast<long long>(serial));
  return number;
}

// A claim (and its release) need not survive a power cut: claims still "processing" are released at start-up
// anyway. So they are committed without waiting for the disk (synchronous=NORMAL under WAL keeps the order of
// commits); the case and its receipt are committed with synchronous=FULL, the connection's setting.
class RelaxedDurability {
 public:
  explicit RelaxedDurability(store::Database& db) : db_(db) { db_.exec("PRAGMA synchronous = NORMAL"); }
  ~RelaxedDurability() {
    try {
      db_.exec("PRAGMA synchronous = FULL");
    } catch (...) {
      // exec only fails on a closed or broken connection, which the next statement reports
    }
  }
  RelaxedDurability(const RelaxedDurability&) = delete;
  RelaxedDurability& operator=(const RelaxedDurability&) = delete;

 private:
  store::Database& db_;
};

}  // namespace

namespace {

BeginResult claim_in_tx(store::Database& db, const std::string& account_id, const std::string& key,
                        const std::string& payload_sha256, std::int64_t now) {
  auto& find = db.cached(
      "SELECT s.payload_sha256, s.state, c.id, c.acceptance_number, c.submitted_at FROM submissions s "
      "LEFT JOIN cases c ON c.id = s.case_id WHERE s.account_id = ?1 AND s.idempotency_key = ?2");
  find.bind(1, account_id).bind(2, key);
  BeginResult result;
  if (find.step()) {
    std::string sha = find.column_text(0), state = find.column_text(1);
    if (sha != payload_sha256) {
      result.outcome = BeginOutcome::KeyReused;
    } else if (state == "processing") {
      result.outcome = BeginOutcome::InProgress;
    } else {
      result.outcome = BeginOutcome::Done;
      result.receipt = Receipt{find.column_text(2), find.column_text(3), find.column_int(4)};
    }
    find.reset();
    return result;
  }
  find.reset();
  db.cached("INSERT INTO submissions (account_id, idempotency_key, payload_sha256, state, created_at) "
            "VALUES (?1, ?2, ?3, 'processing', ?4)")
      .bind(1, account_id).bind(2, key).bind(3, payload_sha256).bind(4, now).run();
  return result;
}

Receipt complete_in_tx(store::Database& db, const std::string& account_id, const std::string& key, const NewCase& c,
                       std::int64_t now) {
  auto& claim = db.cached(
      "UPDATE submissions SET state = 'done', case_id = ?3 "
      "WHERE account_id = ?1 AND idempotency_key = ?2 AND state = 'processing'");
  claim.bind(1, account_id).bind(2, key).bind(3, c.id).run();
  if (db.changes() != 1) throw Error(ErrorCode::Internal, {{"detail", "submission claim lost"}});
  Receipt receipt{c.id, next_acceptance_number(db, now), now};
  std::string submitted(case_state_name(CaseState::Submitted));
  db.cached("INSERT INTO cases (id, acceptance_number, account_id, item_id, form_version, idempotency_key, data, "
            "attachments, state, submitted_at, updated_at, due_date) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)")
      .bind(1, c.id).bind(2, receipt.acceptance_number).bind(3, account_id).bind(4, c.item_id)
      .bind(5, c.form_version).bind(6, key).bind(7, c.data.dump()).bind(8, c.attachments.dump())
      .bind(9, submitted).bind(10, now).bind(11, c.due_date).run();
  int position = 0;
  for (const auto& d : c.departments)
    db.cached("INSERT INTO case_departments (case_id, department, role, state, updated_at, position) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, c.id).bind(2, d.department).bind(3, d.role).bind(4, submitted).bind(5, now)
        .bind(6, position++).run();
  json detail = {{"acceptanceNumber", receipt.acceptance_number}};
  db.cached("INSERT INTO case_events (case_id, account_id, at, kind, state, department, detail) "
            "VALUES (?1, ?2, ?3, 'submitted', ?4, '', ?5)")
      .bind(1, c.id).bind(2, account_id).bind(3, now).bind(4, submitted).bind(5, detail.dump()).run();
  return receipt;
}

}  // namespace

BeginResult SqliteCaseStore::begin_submission(const std::string& account_id, const std::string& key,
                                              const std::string& payload_sha256, std::int64_t now) {
  return begin_submissions(account_id, {Claim{key, payload_sha256}}, now).front();
}

std::vector<BeginResult> SqliteCaseStore::begin_submissions(const std::string& account_id,
                                                            const std::vector<Claim>& claims, std::int64_t now) {
  return conn_.locked([&](store::Database& db) {
    RelaxedDurability relaxed(db);
    store::Transaction tx(db);
    std::vector<BeginResult> results;
    for (const auto& c : claims) results.push_back(claim_in_tx(db, account_id, c.key, c.payload_sha256, now));
    tx.commit();
    return results;
  });
}

Receipt SqliteCaseStore::complete_submission(const std::string& account_id, const std::string& key,
                                             const NewCase& c, std::int64_t now) {
  return complete_submissions(account_id, {{key, c}}, now).front();
}

std::vector<Receipt> SqliteCaseStore::complete_submissions(const std::string& account_id,
                                                           const std::vector<std::pair<std::string, NewCase>>& cases,
                                                           std::int64_t now) {
  if (cases.empty()) return {};
  return conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    std::vector<Receipt> receipts;
    for (const auto& [key, c] : cases) receipts.push_back(complete_in_tx(db, account_id, key, c, now));
    tx.commit();  // synchronous=FULL: durable before any of these receipts is given
    return receipts;
  });
}

void SqliteCaseStore::abandon_submission(const std::string& account_id, const std::string& key) {
  abandon_submissions(account_id, {key});
}

void SqliteCaseStore::abandon_submissions(const std::string& account_id, const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  conn_.locked([&](store::Database& db) {
    RelaxedDurability relaxed(db);
    store::Transaction tx(db);
    for (const auto& key : keys)
      db.cached("DELETE FROM submissions WHERE account_id = ?1 AND idempotency_key = ?2 AND state = 'processing'")
          .bind(1, account_id).bind(2, key).run();
    tx.commit();
  });
}

void SqliteCaseStore::release_stale_claims() {
  conn_.locked([&](store::Database& db) { db.exec("DELETE FROM submissions WHERE state = 'processing'"); });
}

void SqliteCaseStore::purge_keys(std::int64_t before) {
  conn_.locked([&](store::Database& db) {
    // Only finished keys: a claim in progress belongs to a request still running.
    db.prepare("DELETE FROM submissions WHERE created_at < ?1 AND state = 'done'").bind(1, before).run();
  });
}

std::optional<CaseRecord> SqliteCaseStore::get_case(const std::string& case_id) {
  return conn_.locked([&](store::Database& db) -> std::optional<CaseRecord> {
    auto st = db.prepare(std::string(kCaseColumns) + "WHERE id = ?1");
    st.bind(1, case_id);
    auto found = read_cases(db, st);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  });
}

std::vector<CaseRecord> SqliteCaseStore::cases_of(const std::string& account_id) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kCaseColumns) + "WHERE account_id = ?1 ORDER BY submitted_at DESC, id DESC");
    st.bind(1, account_id);
    return read_cases(db, st);
  });
}

std::vector<CaseRecord> SqliteCaseStore::cases_page(const std::string& account_id,
                                                    const std::optional<CasePosition>& after, int limit) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kCaseColumns) +
                         "WHERE account_id = ?1 AND (?2 IS NULL OR submitted_at < ?2 OR "
                         "(submitted_at = ?2 AND id < ?3)) ORDER BY submitted_at DESC, id DESC LIMIT ?4");
    st.bind(1, account_id);
    if (after) st.bind(2, after->submitted_at).bind(3, after->case_id);
    else st.bind_null(2).bind(3, "");
    st.bind(4, limit);
    return read_cases(db, st);
  });
}

std::vector<CaseRecord> SqliteCaseStore::all_cases() {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kCaseColumns) + "ORDER BY submitted_at, id");
    return read_cases(db, st);
  });
}

std::vector<CaseEvent> SqliteCaseStore::timeline(const std::string& case_id) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kEventColumns) + "WHERE case_id = ?1 ORDER BY seq");
    st.bind(1, case_id);
    std::vector<CaseEvent> out;
    while (st.step()) out.push_back(read_event(st));
    return out;
  });
}

std::vector<CaseEvent> SqliteCaseStore::events_since(const std::string& account_id, std::int64_t cursor, int limit) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kEventColumns) + "WHERE account_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3");
    st.bind(1, account_id).bind(2, cursor).bind(3, limit);
    std::vector<CaseEvent> out;
    while (st.step()) out.push_back(read_event(st));
    return out;
  });
}

}  // namespace wb::server
