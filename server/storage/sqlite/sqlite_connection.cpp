#include "server/storage/sqlite/sqlite_connection.hpp"

#include "server/storage/sqlite/server_schema.hpp"

namespace wb::server {

SqliteConnection::SqliteConnection(const std::string& path) : db_(store::Database::open(path, true)) {
  db_.exec("PRAGMA busy_timeout = 5000");
  db_.exec("PRAGMA journal_mode = WAL");
  db_.exec("PRAGMA synchronous = FULL");
  db_.exec("PRAGMA foreign_keys = ON");
  prepare_server_schema(db_);
}

}  // namespace wb::server
