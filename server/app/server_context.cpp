#include "server/app/server_context.hpp"

namespace wb::server {

ServerContext::ServerContext(ServerConfig cfg, Environment e, std::unique_ptr<Storage> s, std::ostream* out)
    : config(std::move(cfg)), env(e), storage(std::move(s)), log(out),
      identity(storage->identity(), env, config.identity),
      forms(storage->forms(), *env.clock, config.version_grace_ms) {}

Account ServerContext::require_account(Request& req) {
  Account a = identity.authenticate(req.bearer());
  req.account_id = a.id;
  return a;
}

Account ServerContext::require_applicant(Request& req) {
  Account a = require_account(req);
  if (a.kind == AccountKind::Caseworker) throw ApiError(403, ErrorCode::AuthForbidden);
  return a;
}

Account ServerContext::require_caseworker(Request& req) {
  Account a = require_account(req);
  if (a.kind != AccountKind::Caseworker) throw ApiError(403, ErrorCode::AuthForbidden);
  return a;
}

}  // namespace wb::server
