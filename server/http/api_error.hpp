#pragma once
// How handlers refuse a request: throw ApiError (or a wb::Error, which maps to a status by its code). The router
// turns it into the one error shape of protocol v1 (docs/protocol.md):
//   {"error": {"code": "auth.token_invalid", "number": 6003, "message": "<in the request's language>",
//              "messages": {"zh-CN": "...", "en": "..."}}, ...extra}

#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "core/common/errors.hpp"

namespace wb::server {

class ApiError : public std::exception {
 public:
  ApiError(int status, ErrorCode code, MessageArgs args = {}, nlohmann::json extra = nlohmann::json::object())
      : status_(status), diagnostic_{code, "", std::move(args), 0, 0}, extra_(std::move(extra)) {}
  ApiError(int status, Diagnostic diagnostic, nlohmann::json extra = nlohmann::json::object())
      : status_(status), diagnostic_(std::move(diagnostic)), extra_(std::move(extra)) {}
  int status() const { return status_; }
  const Diagnostic& diagnostic() const { return diagnostic_; }
  const nlohmann::json& extra() const { return extra_; }
  const char* what() const noexcept override { return "api error"; }

 private:
  int status_;
  Diagnostic diagnostic_;
  nlohmann::json extra_;
};

// The HTTP status for a core error code thrown without one (auth.* → 401/403/429, not found → 404, ...).
int status_for(ErrorCode code);

nlohmann::json error_body(const Diagnostic& d, Lang lang, const nlohmann::json& extra = nlohmann::json::object());

}  // namespace wb::server
