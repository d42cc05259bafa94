// The floor of wangban-server's stack: a minimal cpp-httplib endpoint that inserts one row into SQLite with the
// server's settings (WAL, synchronous=FULL, one connection behind a mutex). Submission ingest is measured against
// this in the same run (bench/server/run).   floor_server DB_PATH PORT

#include <httplib.h>

#include <cstdio>
#include <iostream>
#include <mutex>

#include "core/store/sqlite_db.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: floor_server DB_PATH PORT\n";
    return 2;
  }
  auto db = wb::store::Database::open(argv[1], true);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, body TEXT NOT NULL)");
  std::mutex mutex;
  httplib::Server server;
  server.Post("/insert", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mutex);
    db.cached("INSERT INTO rows (key, body) VALUES (?1, ?2)")
        .bind(1, req.get_header_value("Idempotency-Key"))
        .bind(2, req.body)
        .run();
    res.status = 201;
    res.set_content("{\"ok\":true}", "application/json");
  });
  std::cout << "floor listening on " << argv[2] << std::endl;
  server.listen("127.0.0.1", std::atoi(argv[2]));
}
