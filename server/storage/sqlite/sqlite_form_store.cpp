#include "server/storage/sqlite/sqlite_repositories.hpp"

namespace wb::server {

std::string_view form_tables_v1() {
  return R"SQL(
CREATE TABLE forms (
  item_id TEXT NOT NULL, version INTEGER NOT NULL, definition TEXT NOT NULL, sha256 TEXT NOT NULL,
  seq INTEGER NOT NULL UNIQUE, published_at INTEGER NOT NULL, superseded_at INTEGER,
  PRIMARY KEY (item_id, version)) WITHOUT ROWID;
)SQL";
}

namespace {

constexpr const char* kColumns =
    "SELECT item_id, version, definition, sha256, seq, published_at, superseded_at FROM forms ";

PublishedForm read_form(store::Statement& st) {
  PublishedForm f;
  f.item_id = st.column_text(0);
  f.version = static_cast<int>(st.column_int(1));
  f.definition = st.column_text(2);
  f.sha256 = st.column_text(3);
  f.seq = st.column_int(4);
  f.published_at = st.column_int(5);
  if (!st.column_is_null(6)) f.superseded_at = st.column_int(6);
  return f;
}

std::vector<PublishedForm> read_all(store::Statement& st) {
  std::vector<PublishedForm> out;
  while (st.step()) out.push_back(read_form(st));
  return out;
}

}  // namespace

bool SqliteFormStore::publish(const std::string& item_id, int version, const std::string& definition,
                              const std::string& sha256, std::int64_t now) {
  return conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    auto exists = db.prepare("SELECT 1 FROM forms WHERE item_id = ?1 AND version = ?2");
    exists.bind(1, item_id).bind(2, version);
    if (exists.step()) return false;
    auto seq = db.prepare("SELECT coalesce(max(seq), 0) + 1 FROM forms");
    seq.step();
    std::int64_t next = seq.column_int(0);
    // Older versions without a successor yet are superseded now (their grace period starts).
    db.prepare("UPDATE forms SET superseded_at = ?3 WHERE item_id = ?1 AND version < ?2 AND superseded_at IS NULL")
        .bind(1, item_id).bind(2, version).bind(3, now).run();
    auto newer = db.prepare("SELECT 1 FROM forms WHERE item_id = ?1 AND version > ?2");
    newer.bind(1, item_id).bind(2, version);
    bool superseded = newer.step();
    auto insert = db.prepare(
        "INSERT INTO forms (item_id, version, definition, sha256, seq, published_at, superseded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind(1, item_id).bind(2, version).bind(3, definition).bind(4, sha256).bind(5, next).bind(6, now);
    if (superseded) insert.bind(7, now); else insert.bind_null(7);
    insert.run();
    tx.commit();
    return true;
  });
}

std::optional<PublishedForm> SqliteFormStore::form(const std::string& item_id, int version) {
  return conn_.locked([&](store::Database& db) -> std::optional<PublishedForm> {
    auto st = db.prepare(std::string(kColumns) + "WHERE item_id = ?1 AND version = ?2");
    st.bind(1, item_id).bind(2, version);
    if (!st.step()) return std::nullopt;
    return read_form(st);
  });
}

std::vector<PublishedForm> SqliteFormStore::versions(const std::string& item_id) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kColumns) + "WHERE item_id = ?1 ORDER BY version");
    st.bind(1, item_id);
    return read_all(st);
  });
}

std::vector<PublishedForm> SqliteFormStore::latest() {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kColumns) +
                         "f WHERE version = (SELECT max(version) FROM forms g WHERE g.item_id = f.item_id) "
                         "ORDER BY item_id");
    return read_all(st);
  });
}

std::int64_t SqliteFormStore::catalog_seq() {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare("SELECT coalesce(max(seq), 0) FROM forms");
    st.step();
    return st.column_int(0);
  });
}

}  // namespace wb::server
