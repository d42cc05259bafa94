#pragma once
// Everything the server keeps, behind one interface per domain so that a PostgreSQL backend can follow the
// SQLite one. Each repository call is one transaction.

#include <memory>
#include <string>

#include "server/storage/case_store.hpp"
#include "server/storage/form_store.hpp"
#include "server/storage/identity_store.hpp"
#include "server/storage/service_store.hpp"
#include "server/storage/upload_store.hpp"

namespace wb::server {

class Storage {
 public:
  virtual ~Storage() = default;
  virtual IdentityStore& identity() = 0;
  virtual FormStore& forms() = 0;
  virtual CaseStore& cases() = 0;
  virtual UploadStore& uploads() = 0;
  virtual ServiceStore& services() = 0;
};

// The default backend: one SQLite file (`DIR/server.db`), created on first use.
std::unique_ptr<Storage> open_sqlite_storage(const std::string& path);

}  // namespace wb::server
