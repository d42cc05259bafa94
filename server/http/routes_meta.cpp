// GET /v1/health: liveness and the protocol version.

#include "server/app/server_context.hpp"
#include "server/http/routes.hpp"

namespace wb::server {

void install_meta_routes(Router& r, ServerContext& ctx) {
  r.get("/v1/health", [&ctx](Request&, httplib::Response& res) {
    send_json(res, 200, {{"status", "ok"}, {"protocol", 1}, {"catalogVersion", ctx.forms.catalog_seq()}});
  });
}

}  // namespace wb::server
