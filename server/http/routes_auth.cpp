// Unified sign-in (统一身份认证): one account for every department.

#include "server/app/server_context.hpp"
#include "server/http/routes.hpp"

namespace wb::server {
namespace {

nlohmann::json account_json(const Account& a) {
  // The login (resident ID / credit code) is the person's own data, returned only to them, masked: the full number
  // never needs to travel back.
  std::string masked = a.login;
  if (a.kind != AccountKind::Caseworker && masked.size() > 8)
    masked = masked.substr(0, 4) + std::string(masked.size() - 8, '*') + masked.substr(masked.size() - 4);
  return {{"id", a.id}, {"kind", std::string(account_kind_name(a.kind))}, {"displayName", a.display_name},
          {"login", masked}, {"departments", a.departments}};
}

nlohmann::json tokens_json(const TokenPair& t, std::int64_t now) {
  return {{"accessToken", t.access_token},
          {"refreshToken", t.refresh_token},
          {"tokenType", "Bearer"},
          {"expiresIn", (t.access_expires_at - now) / 1000},
          {"refreshExpiresAt", t.refresh_expires_at},
          {"account", account_json(t.account)}};
}

std::string string_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", std::string("\"") + name + "\" (a non-empty string) is required"}});
  return it->get<std::string>();
}

}  // namespace

void install_auth_routes(Router& r, ServerContext& ctx) {
  r.post("/v1/auth/login", [&ctx](Request& req, httplib::Response& res) {
    auto body = req.json_body(16 * 1024);
    if (!body.is_object()) throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", "a JSON object is expected"}});
    auto tokens = ctx.identity.login(string_field(body, "account"), string_field(body, "password"), req.http.remote_addr);
    req.account_id = tokens.account.id;
    send_json(res, 200, tokens_json(tokens, ctx.env.clock->now_ms()));
  });

  r.post("/v1/auth/refresh", [&ctx](Request& req, httplib::Response& res) {
    auto body = req.json_body(16 * 1024);
    if (!body.is_object()) throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", "a JSON object is expected"}});
    auto tokens = ctx.identity.refresh(string_field(body, "refreshToken"));
    req.account_id = tokens.account.id;
    send_json(res, 200, tokens_json(tokens, ctx.env.clock->now_ms()));
  });

  r.post("/v1/auth/logout", [&ctx](Request& req, httplib::Response& res) {
    auto account = ctx.require_account(req);
    ctx.identity.logout(req.bearer());
    res.status = 204;
  });

  r.get("/v1/me", [&ctx](Request& req, httplib::Response& res) {
    send_json(res, 200, account_json(ctx.require_account(req)));
  });
}

}  // namespace wb::server
