#include "server/storage/sqlite/sqlite_repositories.hpp"

#include "core/common/sha256.hpp"

// Uploads keep their bytes in 256 KiB chunk rows (as the client's profile store does), so no step ever holds more
// than one request's bytes in memory; a finished upload's chunks are the blob's bytes.
namespace wb::server {

std::string_view upload_tables_v1() {
  return R"SQL(
CREATE TABLE uploads (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id), sha256 TEXT NOT NULL,
  size INTEGER NOT NULL, media_type TEXT NOT NULL, name TEXT NOT NULL, item_id TEXT NOT NULL DEFAULT '',
  material_id TEXT NOT NULL DEFAULT '', received INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX uploads_incomplete ON uploads (complete, updated_at);
CREATE TABLE upload_chunks (
  upload_id TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE, start INTEGER NOT NULL, bytes BLOB NOT NULL,
  UNIQUE (upload_id, start));
CREATE TABLE blobs (
  account_id TEXT NOT NULL REFERENCES accounts (id), sha256 TEXT NOT NULL, size INTEGER NOT NULL,
  media_type TEXT NOT NULL, name TEXT NOT NULL, upload_id TEXT NOT NULL REFERENCES uploads (id),
  created_at INTEGER NOT NULL, PRIMARY KEY (account_id, sha256)) WITHOUT ROWID;
)SQL";
}

namespace {

constexpr size_t kChunkBytes = 256 * 1024;

constexpr const char* kUploadColumns =
    "SELECT id, account_id, sha256, size, media_type, name, item_id, material_id, received, complete, created_at, "
    "updated_at FROM uploads ";

UploadRecord read_upload(store::Statement& st) {
  UploadRecord u;
  u.id = st.column_text(0);
  u.account_id = st.column_text(1);
  u.sha256 = st.column_text(2);
  u.size = st.column_int(3);
  u.media_type = st.column_text(4);
  u.name = st.column_text(5);
  u.item_id = st.column_text(6);
  u.material_id = st.column_text(7);
  u.offset = st.column_int(8);
  u.complete = st.column_int(9) != 0;
  u.created_at = st.column_int(10);
  u.updated_at = st.column_int(11);
  return u;
}

std::optional<UploadRecord> find_upload(store::Database& db, const std::string& id) {
  auto& st = db.cached(std::string(kUploadColumns) + "WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  UploadRecord u = read_upload(st);
  st.reset();
  return u;
}

std::string hash_chunks(store::Database& db, const std::string& upload_id) {
  Sha256 hash;
  auto st = db.prepare("SELECT bytes FROM upload_chunks WHERE upload_id = ?1 ORDER BY start");
  st.bind(1, upload_id);
  while (st.step()) hash.update(st.column_blob(0));
  return hash.finish_hex();
}

// All bytes are in: the blob becomes available when the hash matches; otherwise the upload starts over.
AppendResult finish(store::Database& db, const UploadRecord& u, std::int64_t now) {
  if (hash_chunks(db, u.id) != u.sha256) {
    db.cached("DELETE FROM upload_chunks WHERE upload_id = ?1").bind(1, u.id).run();
    db.cached("UPDATE uploads SET received = 0, updated_at = ?2 WHERE id = ?1").bind(1, u.id).bind(2, now).run();
    return {AppendOutcome::HashMismatch, 0};
  }
  auto& exists = db.cached("SELECT 1 FROM blobs WHERE account_id = ?1 AND sha256 = ?2");
  exists.bind(1, u.account_id).bind(2, u.sha256);
  bool duplicate = exists.step();
  exists.reset();
  if (duplicate) {
    // Another upload of the same file finished first: keep its bytes only (stored once per account and hash).
    db.cached("DELETE FROM upload_chunks WHERE upload_id = ?1").bind(1, u.id).run();
  } else {
    db.cached("INSERT INTO blobs (account_id, sha256, size, media_type, name, upload_id, created_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, u.account_id).bind(2, u.sha256).bind(3, u.size).bind(4, u.media_type).bind(5, u.name)
        .bind(6, u.id).bind(7, now).run();
  }
  db.cached("UPDATE uploads SET complete = 1, updated_at = ?2 WHERE id = ?1").bind(1, u.id).bind(2, now).run();
  return {AppendOutcome::Completed, u.size};
}

}  // namespace

void SqliteUploadStore::create_upload(const UploadRecord& u) {
  conn_.locked([&](store::Database& db) {
    db.cached("INSERT INTO uploads (id, account_id, sha256, size, media_type, name, item_id, material_id, "
              "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)")
        .bind(1, u.id).bind(2, u.account_id).bind(3, u.sha256).bind(4, u.size).bind(5, u.media_type)
        .bind(6, u.name).bind(7, u.item_id).bind(8, u.material_id).bind(9, u.created_at).run();
  });
}

std::optional<UploadRecord> SqliteUploadStore::upload(const std::string& upload_id) {
  return conn_.locked([&](store::Database& db) { return find_upload(db, upload_id); });
}

AppendResult SqliteUploadStore::append(const std::string& upload_id, std::int64_t offset, std::string_view bytes,
                                       std::int64_t now) {
  return conn_.locked([&](store::Database& db) -> AppendResult {
    store::Transaction tx(db);
    auto u = find_upload(db, upload_id);
    if (!u) return {AppendOutcome::NotFound, 0};
    if (offset != u->offset) return {AppendOutcome::OffsetMismatch, u->offset};
    if (static_cast<std::int64_t>(bytes.size()) > u->size - u->offset) return {AppendOutcome::BeyondSize, u->offset};
    if (u->complete) return {AppendOutcome::Completed, u->size};  // an empty append after the end
    for (size_t at = 0; at < bytes.size(); at += kChunkBytes)
      db.cached("INSERT INTO upload_chunks (upload_id, start, bytes) VALUES (?1, ?2, ?3)")
          .bind(1, upload_id).bind(2, offset + static_cast<std::int64_t>(at))
          .bind_blob(3, bytes.substr(at, kChunkBytes)).run();
    u->offset += static_cast<std::int64_t>(bytes.size());
    db.cached("UPDATE uploads SET received = ?2, updated_at = ?3 WHERE id = ?1")
        .bind(1, upload_id).bind(2, u->offset).bind(3, now).run();
    AppendResult result{AppendOutcome::Appended, u->offset};
    if (u->offset == u->size) result = finish(db, *u, now);
    tx.commit();
    return result;
  });
}

void SqliteUploadStore::purge_incomplete(std::int64_t before) {
  conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    db.prepare("DELETE FROM upload_chunks WHERE upload_id IN "
               "(SELECT id FROM uploads WHERE complete = 0 AND updated_at < ?1)").bind(1, before).run();
    db.prepare("DELETE FROM uploads WHERE complete = 0 AND updated_at < ?1").bind(1, before).run();
    tx.commit();
  });
}

std::optional<BlobInfo> SqliteUploadStore::blob(const std::string& account_id, const std::string& sha256) {
  return conn_.locked([&](store::Database& db) -> std::optional<BlobInfo> {
    auto& st = db.cached(
        "SELECT account_id, sha256, size, media_type, name, upload_id, created_at FROM blobs "
        "WHERE account_id = ?1 AND sha256 = ?2");
    st.bind(1, account_id).bind(2, sha256);
    if (!st.step()) return std::nullopt;
    BlobInfo b{st.column_text(0), st.column_text(1), st.column_int(2), st.column_text(3),
               st.column_text(4), st.column_text(5), st.column_int(6)};
    st.reset();
    return b;
  });
}

bool SqliteUploadStore::blob_exists(const std::string& account_id, const std::string& sha256) {
  return blob(account_id, sha256).has_value();
}

std::optional<std::string> SqliteUploadStore::blob_bytes(const std::string& account_id, const std::string& sha256) {
  return conn_.locked([&](store::Database& db) -> std::optional<std::string> {
    auto& find = db.cached("SELECT upload_id, size FROM blobs WHERE account_id = ?1 AND sha256 = ?2");
    find.bind(1, account_id).bind(2, sha256);
    if (!find.step()) return std::nullopt;
    std::string upload_id = find.column_text(0);
    auto size = find.column_int(1);
    find.reset();
    std::string out;
    out.reserve(static_cast<size_t>(size));
    auto st = db.prepare("SELECT bytes FROM upload_chunks WHERE upload_id = ?1 ORDER BY start");
    st.bind(1, upload_id);
    while (st.step()) out += st.column_blob(0);
    return out;
  });
}

}  // namespace wb::server
