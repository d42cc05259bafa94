// TRANSIENT: filled in by the caseworker work.

#include "server/app/server_context.hpp"
#include "server/http/routes.hpp"

namespace wb::server {

void install_caseworker_routes(Router&, ServerContext&) {}

}  // namespace wb::server
