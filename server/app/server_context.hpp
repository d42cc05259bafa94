#pragma once
// What every route handler can reach: configuration, the environment (clock, random), storage and the services.

#include <memory>

#include "core/common/environment.hpp"
#include "server/app/server_config.hpp"
#include "server/cases/work_calendar.hpp"
#include "server/catalog/form_registry.hpp"
#include "server/http/request_log.hpp"
#include "server/http/router.hpp"
#include "server/identity/identity_service.hpp"
#include "server/storage/storage.hpp"

namespace wb::server {

struct ServerContext {
  ServerContext(ServerConfig config, Environment env, std::unique_ptr<Storage> storage, std::ostream* log);

  ServerConfig config;
  Environment env;
  std::unique_ptr<Storage> storage;
  RequestLog log;
  IdentityService identity;
  FormRegistry forms;
  WorkCalendar calendar;  // working days for due dates: Monday to Friday unless a calendar file says otherwise

  // The signed-in account behind the request's bearer token (401 otherwise).
  Account require_account(Request& req);
  // The same, and the account must be a citizen or an enterprise (403 for caseworkers' tokens and vice versa).
  Account require_applicant(Request& req);
  Account require_caseworker(Request& req);
};

}  // namespace wb::server
