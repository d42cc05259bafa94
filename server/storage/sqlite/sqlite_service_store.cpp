#include "server/storage/sqlite/sqlite_repositories.hpp"

// SqliteServiceStore: the tables of consultations, appointments and ratings; consultations and ratings here, the
// appointments half in sqlite_service_appointments.cpp.
namespace wb::server {

std::string_view service_tables_v1() {
  return R"SQL(
CREATE TABLE consultations (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id), item_id TEXT NOT NULL,
  question TEXT NOT NULL, asked_at INTEGER NOT NULL, answer TEXT, answered_at INTEGER,
  answered_by TEXT NOT NULL DEFAULT '', answered_by_name TEXT NOT NULL DEFAULT '',
  published INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE INDEX consultations_by_account ON consultations (account_id, asked_at);
CREATE INDEX consultations_by_item ON consultations (item_id, asked_at);
CREATE TABLE appointment_slots (
  id TEXT PRIMARY KEY, item_id TEXT NOT NULL, location TEXT NOT NULL, starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL, capacity INTEGER NOT NULL CHECK (capacity >= 1), created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX appointment_slots_by_start ON appointment_slots (starts_at);
CREATE INDEX appointment_slots_by_item ON appointment_slots (item_id, starts_at);
CREATE TABLE appointment_holds (
  id TEXT PRIMARY KEY, slot_id TEXT NOT NULL REFERENCES appointment_slots (id),
  account_id TEXT NOT NULL REFERENCES accounts (id), created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  appointment_id TEXT) WITHOUT ROWID;
CREATE INDEX appointment_holds_by_slot ON appointment_holds (slot_id, expires_at);
CREATE TABLE appointments (
  id TEXT PRIMARY KEY, slot_id TEXT NOT NULL REFERENCES appointment_slots (id),
  account_id TEXT NOT NULL REFERENCES accounts (id), hold_id TEXT NOT NULL UNIQUE REFERENCES appointment_holds (id),
  state TEXT NOT NULL CHECK (state IN ('booked', 'cancelled')), booked_at INTEGER NOT NULL,
  cancelled_at INTEGER) WITHOUT ROWID;
CREATE INDEX appointments_by_slot ON appointments (slot_id, state);
CREATE INDEX appointments_by_account ON appointments (account_id);
CREATE TABLE case_ratings (
  case_id TEXT PRIMARY KEY REFERENCES cases (id), account_id TEXT NOT NULL REFERENCES accounts (id),
  item_id TEXT NOT NULL, department TEXT NOT NULL, level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '', rated_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX case_ratings_by_item ON case_ratings (item_id, department);
)SQL";
}

namespace {

constexpr const char* kConsultationColumns =
    "SELECT id, account_id, item_id, question, asked_at, answer, answered_at, answered_by, answered_by_name, "
    "published FROM consultations ";

Consultation read_consultation(store::Statement& st) {
  Consultation c;
  c.id = st.column_text(0);
  c.account_id = st.column_text(1);
  c.item_id = st.column_text(2);
  c.question = st.column_text(3);
  c.asked_at = st.column_int(4);
  if (!st.column_is_null(5)) c.answer = st.column_text(5);
  if (!st.column_is_null(6)) c.answered_at = st.column_int(6);
  c.answered_by = st.column_text(7);
  c.answered_by_name = st.column_text(8);
  c.published = st.column_int(9) != 0;
  return c;
}

std::vector<Consultation> read_consultations(store::Statement& st) {
  std::vector<Consultation> out;
  while (st.step()) out.push_back(read_consultation(st));
  return out;
}

std::optional<Consultation> consultation_in(store::Database& db, const std::string& id) {
  auto st = db.prepare(std::string(kConsultationColumns) + "WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_consultation(st);
}

}  // namespace

void SqliteServiceStore::add_consultation(const Consultation& c) {
  conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    db.prepare("INSERT INTO consultations (id, account_id, item_id, question, asked_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, c.id).bind(2, c.account_id).bind(3, c.item_id).bind(4, c.question).bind(5, c.asked_at).run();
    tx.commit();
  });
}

std::optional<Consultation> SqliteServiceStore::consultation(const std::string& id) {
  return conn_.locked([&](store::Database& db) { return consultation_in(db, id); });
}

std::vector<Consultation> SqliteServiceStore::consultations_of(const std::string& account_id) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kConsultationColumns) + "WHERE account_id = ?1 ORDER BY asked_at DESC, id DESC");
    st.bind(1, account_id);
    return read_consultations(st);
  });
}

std::vector<Consultation> SqliteServiceStore::find_consultations(const ConsultationFilter& f) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kConsultationColumns) +
                         "WHERE (?1 IS NULL OR (answer IS NOT NULL) = ?1) AND (?2 IS NULL OR item_id = ?2) "
                         "ORDER BY asked_at, id LIMIT ?3");
    if (f.answered) st.bind(1, *f.answered ? 1 : 0); else st.bind_null(1);
    if (f.item_id) st.bind(2, *f.item_id); else st.bind_null(2);
    st.bind(3, f.limit);
    return read_consultations(st);
  });
}

std::vector<Consultation> SqliteServiceStore::published_consultations(const std::string& item_id) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kConsultationColumns) +
                         "WHERE item_id = ?1 AND published = 1 AND answer IS NOT NULL "
                         "ORDER BY answered_at DESC, id DESC");
    st.bind(1, item_id);
    return read_consultations(st);
  });
}

std::optional<Consultation> SqliteServiceStore::answer_consultation(const std::string& id, const std::string& answer,
                                                                    const std::string& by, const std::string& by_name,
                                                                    bool publish, std::int64_t now) {
  return conn_.locked([&](store::Database& db) -> std::optional<Consultation> {
    store::Transaction tx(db);
    db.prepare("UPDATE consultations SET answer = ?2, answered_at = ?3, answered_by = ?4, answered_by_name = ?5, "
               "published = ?6 WHERE id = ?1")
        .bind(1, id).bind(2, answer).bind(3, now).bind(4, by).bind(5, by_name).bind(6, publish ? 1 : 0).run();
    if (db.changes() == 0) return std::nullopt;
    auto c = consultation_in(db, id);
    tx.commit();
    return c;
  });
}

bool SqliteServiceStore::add_rating(const CaseRating& r) {
  return conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    auto exists = db.prepare("SELECT 1 FROM case_ratings WHERE case_id = ?1");
    exists.bind(1, r.case_id);
    if (exists.step()) return false;
    db.prepare("INSERT INTO case_ratings (case_id, account_id, item_id, department, level, comment, rated_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, r.case_id).bind(2, r.account_id).bind(3, r.item_id).bind(4, r.department).bind(5, r.level)
        .bind(6, r.comment).bind(7, r.rated_at).run();
    tx.commit();
    return true;
  });
}

std::optional<CaseRating> SqliteServiceStore::rating(const std::string& case_id) {
  return conn_.locked([&](store::Database& db) -> std::optional<CaseRating> {
    auto st = db.prepare("SELECT case_id, account_id, item_id, department, level, comment, rated_at "
                         "FROM case_ratings WHERE case_id = ?1");
    st.bind(1, case_id);
    if (!st.step()) return std::nullopt;
    return CaseRating{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3),
                      static_cast<int>(st.column_int(4)), st.column_text(5), st.column_int(6)};
  });
}

std::vector<RatingTally> SqliteServiceStore::rating_tallies() {
  return conn_.locked([&](store::Database& db) {
    std::vector<RatingTally> out;
    auto st = db.prepare("SELECT item_id, department, level, count(*) FROM case_ratings "
                         "GROUP BY item_id, department, level ORDER BY item_id, department, level");
    while (st.step()) {
      std::string item = st.column_text(0), department = st.column_text(1);
      if (out.empty() || out.back().item_id != item || out.back().department != department)
        out.push_back({item, department, {}});
      auto level = st.column_int(2);
      if (level >= 1 && level <= 5) out.back().counts[static_cast<size_t>(level - 1)] = static_cast<int>(st.column_int(3));
    }
    return out;
  });
}

}  // namespace wb::server
