#include "server/http/caseworker_views.hpp"

#include <algorithm>
#include <map>

#include "server/app/server_context.hpp"
#include "server/cases/case_workflow.hpp"
#include "server/http/api_error.hpp"
#include "server/cases/case_json.hpp"

namespace wb::server {
namespace {

using nlohmann::json;

// The open supplement requests: for each department now in supplement_requested, its latest request.
json open_supplement_requests(const CaseRecord& c, const std::vector<CaseEvent>& timeline) {
  std::map<std::string, const CaseEvent*> latest;
  for (const auto& e : timeline)
    if (e.kind == "supplement_requested") latest[e.department] = &e;
  json out = json::array();
  for (const auto& d : c.departments) {
    if (d.state != CaseState::SupplementRequested) continue;
    auto it = latest.find(d.department);
    if (it == latest.end()) continue;
    const auto& e = *it->second;
    json entry = {{"department", d.department}, {"requestedAt", e.at},
                  {"missing", e.detail.value("missing", json::array())}};
    if (e.detail.contains("note")) entry["note"] = e.detail["note"];
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

bool acts_for(const Account& caseworker, const std::string& department) {
  return caseworker.departments.empty() ||
         std::find(caseworker.departments.begin(), caseworker.departments.end(), department) !=
             caseworker.departments.end();
}

void require_department(const Account& caseworker, const std::string& department) {
  if (!acts_for(caseworker, department))
    throw ApiError(403, ErrorCode::ProtoDepartmentForbidden, {{"department", department}});
}

void require_case_in_scope(const Account& caseworker, const CaseRecord& c) {
  if (caseworker.departments.empty()) return;
  for (const auto& d : c.departments)
    if (acts_for(caseworker, d.department)) return;
  std::string lead = c.departments.empty() ? "" : c.departments.front().department;
  throw ApiError(403, ErrorCode::ProtoDepartmentForbidden, {{"department", lead}});
}

CaseRecord case_for_caseworker(ServerContext& ctx, const Account& caseworker, const std::string& case_id) {
  auto c = ctx.storage->cases().get_case(case_id);
  if (!c) throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "case " + case_id}, {"what_zh", "该办件"}});
  require_case_in_scope(caseworker, *c);
  return std::move(*c);
}

Deadline deadline_now(ServerContext& ctx, const CaseRecord& c) {
  return deadline_of(c, china_date(ctx.env.clock->now_ms()), ctx.calendar);
}

json admin_case_summary_json(ServerContext& ctx, const CaseRecord& c, const Deadline& deadline) {
  auto ready = ctx.forms.get(c.item_id, c.form_version);
  json out = case_summary_json(c, ready ? ready->form.get() : nullptr);  // the applicant's shape, and more
  out["accountId"] = c.account_id;
  out["overdue"] = deadline.overdue;
  if (deadline.open) {
    out["daysOverdue"] = deadline.days_overdue;
    out["workingDaysLeft"] = deadline.working_days_left;
  } else {
    out["completedOnTime"] = deadline.on_time ? json(*deadline.on_time) : json(nullptr);
  }
  return out;
}

json admin_result_json(const CaseStore::ResultDocument& r) {
  json out = result_document_json(r);
  out["department"] = r.department;
  out["url"] = "/v1/admin/cases/" + r.case_id + "/results/" + r.id;
  return out;
}

json admin_case_detail_json(ServerContext& ctx, const CaseRecord& c, const Deadline& deadline) {
  json out = admin_case_summary_json(ctx, c, deadline);
  auto& cases = ctx.storage->cases();
  json applicant = {{"accountId", c.account_id}};
  if (auto a = ctx.storage->identity().account_by_id(c.account_id)) {
    applicant["kind"] = account_kind_name(a->kind);
    applicant["displayName"] = a->display_name;
  }
  out["applicant"] = applicant;
  out["data"] = c.data;
  out["attachments"] = c.attachments;
  auto timeline = cases.timeline(c.id);
  json events = json::array();
  for (const auto& e : timeline) events.push_back(case_event_json(e));
  out["events"] = events;
  json results = json::array();
  for (const auto& r : cases.results(c.id)) results.push_back(admin_result_json(r));
  out["results"] = results;
  out["supplementRequests"] = open_supplement_requests(c, timeline);
  return out;
}

}  // namespace wb::server
