// TRANSIENT: filled in by the service work.

#include "server/app/server_context.hpp"
#include "server/http/routes.hpp"

namespace wb::server {

void install_service_routes(Router&, ServerContext&) {}

}  // namespace wb::server
