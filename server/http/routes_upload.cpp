// TRANSIENT: filled in by the upload work.

#include "server/app/server_context.hpp"
#include "server/http/routes.hpp"

namespace wb::server {

void install_upload_routes(Router&, ServerContext&) {}

}  // namespace wb::server
