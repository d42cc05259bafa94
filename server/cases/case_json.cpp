#include "server/cases/case_json.hpp"

namespace wb::server {

using nlohmann::json;

json case_event_json(const CaseEvent& e) {
  json j = {{"seq", e.seq}, {"caseId", e.case_id}, {"at", e.at}, {"kind", e.kind},
            {"state", std::string(case_state_name(e.state))}, {"detail", e.detail}};
  if (!e.department.empty()) j["department"] = e.department;
  return j;
}

json case_summary_json(const CaseRecord& c, const form::FormDefinition* form) {
  json departments = json::array();
  for (const auto& d : c.departments) {
    json dj = {{"department", d.department}, {"role", d.role}, {"state", std::string(case_state_name(d.state))},
               {"updatedAt", d.updated_at}};
    if (form)
      for (const auto& fd : form->departments)
        if (fd.id == d.department) dj["name"] = fd.name.to_json();
    departments.push_back(std::move(dj));
  }
  json j = {{"caseId", c.id},
            {"acceptanceNumber", c.acceptance_number},
            {"itemId", c.item_id},
            {"formVersion", c.form_version},
            {"state", std::string(case_state_name(c.state))},
            {"submittedAt", c.submitted_at},
            {"updatedAt", c.updated_at},
            {"dueDate", c.due_date},
            {"departments", departments}};
  if (form) j["title"] = form->title.to_json();
  if (c.completed_at) j["completedAt"] = *c.completed_at;
  return j;
}

json result_document_json(const CaseStore::ResultDocument& d) {
  return {{"resultId", d.id}, {"name", d.name}, {"mediaType", d.media_type}, {"size", d.size},
          {"sha256", d.sha256}, {"createdAt", d.created_at},
          {"url", "/v1/cases/" + d.case_id + "/results/" + d.id}};
}

}  // namespace wb::server
