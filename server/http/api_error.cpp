#include "server/http/api_error.hpp"

namespace wb::server {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::AuthInvalidCredentials:
    case ErrorCode::AuthTokenMissing:
    case ErrorCode::AuthTokenInvalid:
    case ErrorCode::AuthRefreshInvalid:
    case ErrorCode::AuthRefreshReused: return 401;
    case ErrorCode::AuthForbidden: return 403;
    case ErrorCode::AuthRateLimited: return 429;
    case ErrorCode::AuthAccountExists: return 409;
    case ErrorCode::AuthBadAccountId:
    case ErrorCode::AuthWeakPassword: return 422;
    case ErrorCode::NotFound:
    case ErrorCode::ProtoNotFound: return 404;
    case ErrorCode::ProtoBodyTooLarge: return 413;
    case ErrorCode::ProtoUnsupportedMedia: return 415;
    case ErrorCode::ProtoUnavailable:
    case ErrorCode::StoreBusy:
    case ErrorCode::StoreDiskFull:
    case ErrorCode::StoreIo: return 503;
    case ErrorCode::Internal: return 500;
    default: break;
  }
  int n = static_cast<int>(code);
  if (n >= 100 && n < 200) return 400;  // JSON syntax of the body
  if (n >= 7000 && n < 8000) return 400;
  return 500;
}

nlohmann::json error_body(const Diagnostic& d, Lang lang, const nlohmann::json& extra) {
  nlohmann::json body = extra.is_object() ? extra : nlohmann::json::object();
  body["error"] = {{"code", std::string(error_id(d.code))},
                   {"number", static_cast<int>(d.code)},
                   {"message", d.message(lang)},
                   {"messages", {{"zh-CN", d.message(Lang::ZhCN)}, {"en", d.message(Lang::En)}}}};
  if (!d.pointer.empty()) body["error"]["pointer"] = d.pointer;
  if (d.line > 0) {
    body["error"]["line"] = d.line;
    body["error"]["column"] = d.column;
  }
  return body;
}

}  // namespace wb::server
