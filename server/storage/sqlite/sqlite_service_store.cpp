#include "server/storage/sqlite/sqlite_repositories.hpp"

namespace wb::server {

std::string_view service_tables_v1() { return ""; }

}  // namespace wb::server
