#include "server/storage/sqlite/sqlite_repositories.hpp"

#include "core/common/errors.hpp"

namespace wb::server {

std::string_view identity_tables_v1() {
  return R"SQL(
CREATE TABLE accounts (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('citizen', 'enterprise', 'caseworker')),
  login TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, password_hash TEXT NOT NULL,
  departments TEXT NOT NULL DEFAULT '[]', created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE token_families (
  family TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id), revoked INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE access_tokens (
  token_hash TEXT PRIMARY KEY, family TEXT NOT NULL REFERENCES token_families (family) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX access_tokens_by_family ON access_tokens (family);
CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY, family TEXT NOT NULL REFERENCES token_families (family) ON DELETE CASCADE,
  used INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family);
)SQL";
}

std::string_view account_kind_name(AccountKind kind) {
  switch (kind) {
    case AccountKind::Citizen: return "citizen";
    case AccountKind::Enterprise: return "enterprise";
    case AccountKind::Caseworker: return "caseworker";
  }
  return "citizen";
}

std::optional<AccountKind> parse_account_kind(std::string_view name) {
  if (name == "citizen") return AccountKind::Citizen;
  if (name == "enterprise") return AccountKind::Enterprise;
  if (name == "caseworker") return AccountKind::Caseworker;
  return std::nullopt;
}

namespace {

Account read_account(store::Statement& st) {
  Account a;
  a.id = st.column_text(0);
  a.kind = parse_account_kind(st.column_text(1)).value_or(AccountKind::Citizen);
  a.login = st.column_text(2);
  a.display_name = st.column_text(3);
  a.password_hash = st.column_text(4);
  a.departments = nlohmann::json::parse(st.column_text(5)).get<std::vector<std::string>>();
  a.created_at = st.column_int(6);
  return a;
}

constexpr const char* kAccountColumns = "SELECT id, kind, login, display_name, password_hash, departments, created_at FROM accounts ";

}  // namespace

void SqliteIdentityStore::add_account(const Account& a) {
  conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    auto exists = db.prepare("SELECT 1 FROM accounts WHERE login = ?1 OR id = ?2");
    exists.bind(1, a.login).bind(2, a.id);
    if (exists.step()) throw Error(ErrorCode::AuthAccountExists);
    db.prepare("INSERT INTO accounts (id, kind, login, display_name, password_hash, departments, created_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, a.id).bind(2, std::string(account_kind_name(a.kind))).bind(3, a.login).bind(4, a.display_name)
        .bind(5, a.password_hash).bind(6, nlohmann::json(a.departments).dump()).bind(7, a.created_at)
        .run();
    tx.commit();
  });
}

std::optional<Account> SqliteIdentityStore::account_by_login(const std::string& login) {
  return conn_.locked([&](store::Database& db) -> std::optional<Account> {
    auto& st = db.cached(std::string(kAccountColumns) + "WHERE login = ?1");
    st.bind(1, login);
    if (!st.step()) return std::nullopt;
    Account a = read_account(st);
    st.reset();
    return a;
  });
}

std::optional<Account> SqliteIdentityStore::account_by_id(const std::string& id) {
  return conn_.locked([&](store::Database& db) -> std::optional<Account> {
    auto& st = db.cached(std::string(kAccountColumns) + "WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    Account a = read_account(st);
    st.reset();
    return a;
  });
}

std::vector<Account> SqliteIdentityStore::accounts() {
  return conn_.locked([&](store::Database& db) {
    std::vector<Account> out;
    auto st = db.prepare(std::string(kAccountColumns) + "ORDER BY created_at, id");
    while (st.step()) out.push_back(read_account(st));
    return out;
  });
}

void SqliteIdentityStore::start_family(const std::string& family, const std::string& account_id,
                                       const std::string& access_hash, std::int64_t access_expires_at,
                                       const std::string& refresh_hash, std::int64_t refresh_expires_at,
                                       std::int64_t now) {
  conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    db.cached("INSERT INTO token_families (family, account_id, created_at) VALUES (?1, ?2, ?3)")
        .bind(1, family).bind(2, account_id).bind(3, now).run();
    db.cached("INSERT INTO access_tokens (token_hash, family, expires_at) VALUES (?1, ?2, ?3)")
        .bind(1, access_hash).bind(2, family).bind(3, access_expires_at).run();
    db.cached("INSERT INTO refresh_tokens (token_hash, family, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, refresh_hash).bind(2, family).bind(3, refresh_expires_at).bind(4, now).run();
    tx.commit();
  });
}

bool SqliteIdentityStore::rotate_refresh(const std::string& old_refresh_hash, const std::string& access_hash,
                                         std::int64_t access_expires_at, const std::string& refresh_hash,
                                         std::int64_t refresh_expires_at, std::int64_t now) {
  return conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    auto& find = db.cached(
        "SELECT r.family FROM refresh_tokens r JOIN token_families f ON f.family = r.family "
        "WHERE r.token_hash = ?1 AND r.used = 0 AND f.revoked = 0 AND r.expires_at > ?2");
    find.bind(1, old_refresh_hash).bind(2, now);
    if (!find.step()) return false;
    std::string family = find.column_text(0);
    find.reset();
    db.cached("UPDATE refresh_tokens SET used = 1 WHERE token_hash = ?1").bind(1, old_refresh_hash).run();
    db.cached("INSERT INTO access_tokens (token_hash, family, expires_at) VALUES (?1, ?2, ?3)")
        .bind(1, access_hash).bind(2, family).bind(3, access_expires_at).run();
    db.cached("INSERT INTO refresh_tokens (token_hash, family, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, refresh_hash).bind(2, family).bind(3, refresh_expires_at).bind(4, now).run();
    tx.commit();
    return true;
  });
}

std::optional<RefreshRecord> SqliteIdentityStore::refresh_token(const std::string& refresh_hash) {
  return conn_.locked([&](store::Database& db) -> std::optional<RefreshRecord> {
    auto& st = db.cached(
        "SELECT f.account_id, r.family, r.used, f.revoked, r.expires_at FROM refresh_tokens r "
        "JOIN token_families f ON f.family = r.family WHERE r.token_hash = ?1");
    st.bind(1, refresh_hash);
    if (!st.step()) return std::nullopt;
    RefreshRecord r{st.column_text(0), st.column_text(1), st.column_int(2) != 0, st.column_int(3) != 0,
                    st.column_int(4)};
    st.reset();
    return r;
  });
}

std::optional<std::string> SqliteIdentityStore::access_token_account(const std::string& access_hash,
                                                                     std::int64_t now) {
  return conn_.locked([&](store::Database& db) -> std::optional<std::string> {
    auto& st = db.cached(
        "SELECT f.account_id FROM access_tokens a JOIN token_families f ON f.family = a.family "
        "WHERE a.token_hash = ?1 AND a.expires_at > ?2 AND f.revoked = 0");
    st.bind(1, access_hash).bind(2, now);
    if (!st.step()) return std::nullopt;
    std::string id = st.column_text(0);
    st.reset();
    return id;
  });
}

std::optional<std::string> SqliteIdentityStore::access_token_family(const std::string& access_hash) {
  return conn_.locked([&](store::Database& db) -> std::optional<std::string> {
    auto& st = db.cached("SELECT family FROM access_tokens WHERE token_hash = ?1");
    st.bind(1, access_hash);
    if (!st.step()) return std::nullopt;
    std::string family = st.column_text(0);
    st.reset();
    return family;
  });
}

void SqliteIdentityStore::revoke_family(const std::string& family) {
  conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    db.cached("UPDATE token_families SET revoked = 1 WHERE family = ?1").bind(1, family).run();
    db.cached("DELETE FROM access_tokens WHERE family = ?1").bind(1, family).run();
    tx.commit();
  });
}

void SqliteIdentityStore::purge_tokens(std::int64_t now) {
  conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    db.prepare("DELETE FROM access_tokens WHERE expires_at <= ?1").bind(1, now).run();
    // A family stays while any refresh token of it could still be presented (to detect reuse until expiry).
    db.prepare("DELETE FROM token_families WHERE family NOT IN "
               "(SELECT family FROM refresh_tokens WHERE expires_at > ?1)").bind(1, now).run();
    tx.commit();
  });
}

}  // namespace wb::server
