#include "server/storage/sqlite/server_schema.hpp"

#include <string>

#include "core/common/errors.hpp"

namespace wb::server {
namespace {

std::vector<std::string> migrations() {
  std::string v1;
  for (auto fragment : {identity_tables_v1(), form_tables_v1(), case_tables_v1(), case_workflow_tables_v1(),
                        upload_tables_v1(), service_tables_v1()})
    v1 += fragment;
  return {"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n" + v1};
}

int read_int_pragma(store::Database& db, const char* sql) {
  auto st = db.prepare(sql);
  st.step();
  return static_cast<int>(st.column_int(0));
}

}  // namespace

int latest_server_schema_version() { return static_cast<int>(migrations().size()); }

void prepare_server_schema(store::Database& db) {
  int app_id = read_int_pragma(db, "PRAGMA application_id");
  int version = read_int_pragma(db, "PRAGMA user_version");
  int tables = read_int_pragma(db, "SELECT count(*) FROM sqlite_schema");
  bool empty = tables == 0 && version == 0 && app_id == 0;
  if (!empty && app_id != kServerApplicationId) throw Error(ErrorCode::StoreForeign, {{"path", db.path()}});
  auto all = migrations();
  if (version > static_cast<int>(all.size()))
    throw Error(ErrorCode::StoreTooNew,
                {{"found", std::to_string(version)}, {"supported", std::to_string(all.size())}});
  while (version < static_cast<int>(all.size())) {
    store::Transaction tx(db);
    db.exec(all[static_cast<size_t>(version)]);
    ++version;
    db.exec("PRAGMA user_version = " + std::to_string(version));
    db.exec("PRAGMA application_id = " + std::to_string(kServerApplicationId));
    tx.commit();
  }
}

}  // namespace wb::server
