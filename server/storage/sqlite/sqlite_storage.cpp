#include "server/storage/sqlite/sqlite_repositories.hpp"

namespace wb::server {
namespace {

class SqliteStorage final : public Storage {
 public:
  explicit SqliteStorage(const std::string& path)
      : conn_(path), identity_(conn_), forms_(conn_), cases_(conn_), uploads_(conn_), services_(conn_) {}
  IdentityStore& identity() override { return identity_; }
  FormStore& forms() override { return forms_; }
  CaseStore& cases() override { return cases_; }
  UploadStore& uploads() override { return uploads_; }
  ServiceStore& services() override { return services_; }

 private:
  SqliteConnection conn_;
  SqliteIdentityStore identity_;
  SqliteFormStore forms_;
  SqliteCaseStore cases_;
  SqliteUploadStore uploads_;
  SqliteServiceStore services_;
};

}  // namespace

std::unique_ptr<Storage> open_sqlite_storage(const std::string& path) {
  return std::make_unique<SqliteStorage>(path);
}

}  // namespace wb::server
