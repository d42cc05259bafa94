#include "server/storage/sqlite/sqlite_repositories.hpp"

namespace wb::server {

std::string_view upload_tables_v1() { return ""; }

}  // namespace wb::server
