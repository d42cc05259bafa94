// TRANSIENT: filled in by the case work.

#include "server/app/server_context.hpp"
#include "server/http/routes.hpp"

namespace wb::server {

void install_case_routes(Router&, ServerContext&) {}

}  // namespace wb::server
