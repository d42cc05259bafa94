#include "server/http/workflow_json.hpp"

namespace wb::server {

nlohmann::json workflow_event_json(const CaseEvent& e) {
  nlohmann::json j = {{"seq", e.seq},          {"caseId", e.case_id}, {"at", e.at},
                      {"kind", e.kind},        {"state", case_state_name(e.state)},
                      {"detail", e.detail}};
  if (!e.department.empty()) j["department"] = e.department;
  return j;
}

nlohmann::json result_json(const CaseStore::ResultDocument& r, const std::string& url_prefix) {
  return {{"resultId", r.id},
          {"name", r.name},
          {"mediaType", r.media_type},
          {"size", r.size},
          {"sha256", r.sha256},
          {"department", r.department},
          {"createdAt", r.created_at},
          {"url", url_prefix + "/" + r.id}};
}

}  // namespace wb::server
