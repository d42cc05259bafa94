// TRANSIENT: filled in by the submission work.

#include "server/app/server_context.hpp"
#include "server/http/routes.hpp"

namespace wb::server {

void install_submission_routes(Router&, ServerContext&) {}

}  // namespace wb::server
