#pragma once
// JSON shapes of the case workflow shared by the caseworkers' and the applicants' routes (protocol v1).

#include <string>

#include <nlohmann/json.hpp>

#include "server/storage/case_store.hpp"

namespace wb::server {

// {"seq", "caseId", "at", "kind", "state", "department"? (absent when about the whole case), "detail"}: one entry
// of a timeline or the changes feed.
nlohmann::json workflow_event_json(const CaseEvent& e);

// {"resultId", "name", "mediaType", "size", "sha256", "department", "createdAt", "url"}; `url_prefix` is where the
// route serving the bytes lives ("/v1/admin/cases/{caseId}/results").
nlohmann::json result_json(const CaseStore::ResultDocument& r, const std::string& url_prefix);

}  // namespace wb::server
