#pragma once
// How cases, their departments, events and result documents look in protocol v1 (shared by the applicants' and
// the caseworkers' routes, so both sides see one shape).

#include <nlohmann/json.hpp>

#include "core/form/form_definition.hpp"
#include "server/storage/case_store.hpp"

namespace wb::server {

// {"seq", "caseId", "at", "kind", "state", "department"? (absent when about the whole case), "detail"}
nlohmann::json case_event_json(const CaseEvent& e);

// {"caseId", "acceptanceNumber", "itemId", "formVersion", "title"?, "state", "submittedAt", "updatedAt",
//  "dueDate", "completedAt"?, "departments": [{"department", "name"?, "role", "state", "updatedAt"}]}
// `form` (the case's form version) supplies the title and the department names; may be null.
nlohmann::json case_summary_json(const CaseRecord& c, const form::FormDefinition* form);

// {"resultId", "name", "mediaType", "size", "sha256", "createdAt", "url"}
nlohmann::json result_document_json(const CaseStore::ResultDocument& d);

}  // namespace wb::server
