#pragma once
// What caseworkers see of cases (protocol v1, /v1/admin/...): the scope of a caseworker's departments, and the
// summary and detail JSON of a case with its deadline.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/cases/supervision.hpp"
#include "server/storage/case_store.hpp"
#include "server/storage/identity_store.hpp"

namespace wb::server {

struct ServerContext;

// A caseworker with a non-empty department list acts only for those departments; an empty list means all.
bool acts_for(const Account& caseworker, const std::string& department);
// Throws ApiError 403 (protocol.department_forbidden) unless the caseworker acts for `department`.
void require_department(const Account& caseworker, const std::string& department);
// Throws ApiError 403 (protocol.department_forbidden) unless the caseworker acts for a department of the case.
void require_case_in_scope(const Account& caseworker, const CaseRecord& c);

// The case for a caseworker: 404 (protocol.not_found) when there is none, 403 when it is outside their scope.
CaseRecord case_for_caseworker(ServerContext& ctx, const Account& caseworker, const std::string& case_id);

// The applicant's case summary (server/cases/case_json.hpp) plus "accountId", "overdue", and "daysOverdue" and
// "workingDaysLeft" (open cases) or "completedOnTime" (completed ones) — never the form data.
nlohmann::json admin_case_summary_json(ServerContext& ctx, const CaseRecord& c, const Deadline& deadline);

// The summary plus "applicant", "data", "attachments", "events" (the timeline), "results" and the open
// "supplementRequests".
nlohmann::json admin_case_detail_json(ServerContext& ctx, const CaseRecord& c, const Deadline& deadline);

// A result document as caseworkers see it: the applicant's shape with "department", and "url" under /v1/admin.
nlohmann::json admin_result_json(const CaseStore::ResultDocument& r);

// The deadline of a case today (China date of ctx's clock, ctx's working-day calendar).
Deadline deadline_now(ServerContext& ctx, const CaseRecord& c);

}  // namespace wb::server
