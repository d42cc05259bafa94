#pragma once
// The server's one SQLite connection: WAL, synchronous=FULL (a receipt is only given once the case is durable),
// foreign keys on. cpp-httplib serves requests from a thread pool; every repository runs its statements under this
// connection's mutex, one transaction per repository call (the unit of work), so no caller ever sees half a change.

#include <mutex>
#include <string>
#include <utility>

#include "core/store/sqlite_db.hpp"

namespace wb::server {

class SqliteConnection {
 public:
  // Opens or creates `path` and brings its schema to the latest version (refusing foreign or newer files).
  explicit SqliteConnection(const std::string& path);

  // Runs `work(db)` with the connection to itself.
  template <typename Work>
  auto locked(Work&& work) {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::forward<Work>(work)(db_);
  }

 private:
  std::mutex mutex_;
  store::Database db_;
};

}  // namespace wb::server
