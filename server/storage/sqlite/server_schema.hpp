#pragma once
// Versioned migrations of the server database. Version 1 is assembled from one fragment per domain, each defined
// next to the repository that owns those tables. Once released, a change is a new migration appended here.

#include <string_view>
#include <vector>

#include "core/store/sqlite_db.hpp"

namespace wb::server {

inline constexpr int kServerApplicationId = 0x57425356;  // "WBSV"

// Fragments of migration 1 (one per repository file).
std::string_view identity_tables_v1();
std::string_view form_tables_v1();
std::string_view case_tables_v1();
std::string_view case_workflow_tables_v1();  // after case_tables_v1: it adds to those tables
std::string_view upload_tables_v1();
std::string_view service_tables_v1();

int latest_server_schema_version();
// Refuses a file that is not ours (store.foreign) or newer than this code (store.too_new), then migrates.
void prepare_server_schema(store::Database& db);

}  // namespace wb::server
