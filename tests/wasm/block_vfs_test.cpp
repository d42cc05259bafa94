// The block VFS behind the browser's profile database: what it reports as changed is exactly what storage needs to
// reproduce the database, and a failed flush puts memory back to the last durable state.

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <map>
#include <string>

#include "core/store/profile_store.hpp"
#include "tests/support/fake_env.hpp"
#include "wasm/platform/block_vfs.hpp"

using wb::wasm::BlockVfs;

namespace {

// What IndexedDB would hold: blocks by index and the file size, updated only by completed flushes.
struct FakeStorage {
  std::map<std::uint32_t, std::string> blocks;
  std::int64_t size = 0;

  void apply(const BlockVfs::Snapshot& s) {
    for (size_t i = 0; i < s.indexes.size(); ++i)
      blocks[s.indexes[i]] = s.bytes.substr(i * BlockVfs::kBlockSize, BlockVfs::kBlockSize);
    for (auto i = static_cast<std::uint32_t>((s.size + BlockVfs::kBlockSize - 1) / BlockVfs::kBlockSize); i < s.stored_blocks; ++i)
      blocks.erase(i);
    size = s.size;
  }
};

struct Db {
  sqlite3* db = nullptr;
  Db(const std::string& name, const std::string& vfs) {
    REQUIRE(sqlite3_open_v2(name.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs.c_str()) == SQLITE_OK);
  }
  ~Db() { sqlite3_close_v2(db); }
  void exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err ? err : "";
    sqlite3_free(err);
    REQUIRE_MESSAGE(rc == SQLITE_OK, sql << ": " << message);
  }
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
  }
};

void flush_ok(BlockVfs& vfs, const std::string& file, FakeStorage& storage) {
  const auto& s = vfs.begin_flush(file);
  storage.apply(s);
  vfs.end_flush(file, true);
}

void reload(BlockVfs& vfs, const std::string& file, const FakeStorage& storage) {
  vfs.forget(file);
  vfs.load(file, storage.size, storage.blocks);
}

}  // namespace

TEST_CASE("block VFS: the flushed blocks reproduce the database after a reload") {
  auto& vfs = BlockVfs::install("wangban-blocks-test");
  const std::string file = "reload.db";
  vfs.forget(file);
  vfs.set_loaded_size(file, 0);
  FakeStorage storage;
  {
    Db db(file, vfs.name());
    CHECK(db.text("PRAGMA journal_mode = WAL") == "delete");  // no shared memory: the rollback journal stays
    db.exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
    CHECK(vfs.dirty(file));
    flush_ok(vfs, file, storage);
    CHECK_FALSE(vfs.dirty(file));
    db.exec("INSERT INTO t (v) VALUES ('一'), ('two')");
    const auto& s = vfs.begin_flush(file);
    CHECK(s.indexes.size() >= 2);  // the header page (change counter) and the table's page
    CHECK(s.indexes.size() <= 3);  // not the whole file: only what changed
    storage.apply(s);
    vfs.end_flush(file, true);
    CHECK_FALSE(vfs.exists(file + "-journal"));  // the journal was deleted at commit and never persisted
  }
  reload(vfs, file, storage);
  Db db(file, vfs.name());
  CHECK(db.text("SELECT group_concat(v, ',') FROM t") == "一,two");
  CHECK(db.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("block VFS: a failed flush returns memory to the last durable state, later changes included") {
  auto& vfs = BlockVfs::install("wangban-blocks-test");
  const std::string file = "rollback.db";
  vfs.forget(file);
  vfs.set_loaded_size(file, 0);
  FakeStorage storage;
  {
    Db db(file, vfs.name());
    db.exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
    db.exec("INSERT INTO t (v) VALUES ('kept')");
    flush_ok(vfs, file, storage);
    db.exec("INSERT INTO t (v) SELECT hex(randomblob(500)) FROM (SELECT 1 UNION SELECT 2 UNION SELECT 3)");
    vfs.begin_flush(file);  // this flush will fail (quota)
    db.exec("INSERT INTO t (v) VALUES ('after the snapshot')");  // made while it was in flight
  }  // the host closes the connection before rolling back
  vfs.end_flush(file, false);
  CHECK(vfs.size(file) == storage.size);
  {
    Db db(file, vfs.name());
    CHECK(db.text("SELECT group_concat(v, ',') FROM t") == "kept");
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    // Work goes on from the durable state, and the next flush carries everything needed.
    db.exec("INSERT INTO t (v) VALUES ('next')");
    flush_ok(vfs, file, storage);
  }
  reload(vfs, file, storage);
  Db db(file, vfs.name());
  CHECK(db.text("SELECT group_concat(v, ',') FROM t") == "kept,next");
}

TEST_CASE("block VFS: a block changed again during a flush is flushed again, and a rollback keeps the first flush") {
  auto& vfs = BlockVfs::install("wangban-blocks-test");
  const std::string file = "overlap.db";
  vfs.forget(file);
  vfs.set_loaded_size(file, 0);
  FakeStorage storage;
  {
    Db db(file, vfs.name());
    db.exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
    db.exec("INSERT INTO t (v) VALUES ('a')");
    const auto& first = vfs.begin_flush(file);
    FakeStorage pending = storage;
    pending.apply(first);
    db.exec("UPDATE t SET v = 'b'");  // the same pages again, while the first flush is in flight
    vfs.end_flush(file, true);
    storage = pending;
    CHECK(vfs.dirty(file));
    vfs.begin_flush(file);  // the second flush fails
  }
  vfs.end_flush(file, false);
  {
    Db db(file, vfs.name());
    CHECK(db.text("SELECT v FROM t") == "a");  // the first flush's state, not the original empty file
  }
  reload(vfs, file, storage);
  Db db(file, vfs.name());
  CHECK(db.text("SELECT v FROM t") == "a");
}

TEST_CASE("block VFS: a file that shrinks tells storage which blocks to drop") {
  auto& vfs = BlockVfs::install("wangban-blocks-test");
  const std::string file = "shrink.db";
  vfs.forget(file);
  vfs.set_loaded_size(file, 0);
  FakeStorage storage;
  {
    Db db(file, vfs.name());
    db.exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)");
    db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
            "INSERT INTO t (v) SELECT randomblob(3000) FROM n");
    flush_ok(vfs, file, storage);
    auto big = storage.blocks.size();
    db.exec("DELETE FROM t WHERE k > 5");
    db.exec("VACUUM");
    const auto& s = vfs.begin_flush(file);
    CHECK(s.stored_blocks == big);
    CHECK(s.size < static_cast<std::int64_t>(big) * BlockVfs::kBlockSize);
    storage.apply(s);
    vfs.end_flush(file, true);
    CHECK(storage.blocks.size() * BlockVfs::kBlockSize == static_cast<size_t>(storage.size));
  }
  reload(vfs, file, storage);
  Db db(file, vfs.name());
  CHECK(db.text("SELECT count(*) FROM t") == "5");
  CHECK(db.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("block VFS: a profile store works over it and survives a reload") {
  auto& vfs = BlockVfs::install("wangban-blocks-test");
  const std::string file = "profile.db";
  vfs.forget(file);
  vfs.set_loaded_size(file, 0);
  FakeStorage storage;
  wb::test::FakeEnv env;
  {
    auto store = wb::store::ProfileStore::open(file, env.env(), {true, vfs.name()});
    store->set_meta("sync.server", "http://127.0.0.1:1");
    flush_ok(vfs, file, storage);
  }
  reload(vfs, file, storage);
  auto store = wb::store::ProfileStore::open(file, env.env(), {false, vfs.name()});
  CHECK(store->meta("sync.server") == "http://127.0.0.1:1");
}
