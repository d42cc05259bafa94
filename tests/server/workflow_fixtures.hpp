#pragma once
// Helpers for the case-workflow tests: applicants with their account ids, cases created through the storage (as
// an accepted submission would create them: the example data of an item, validated, with its departments and due
// date), caseworkers with departments, and a fixed working week on the fake clock.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/server/case_test_helpers.hpp"  // example_data, kDayMs, uploads, submit
#include "tests/server/test_server.hpp"

namespace wb::test {

// Monday 2026-11-23, 09:00 China Standard Time.
inline constexpr std::int64_t kMonday0900 = 1'795'395'600'000;

struct Applicant {
  std::string token;
  std::string account_id;
};

Applicant demo_citizen(TestServer& s);
Applicant another_citizen(TestServer& s, int n);

// Creates a case through the storage (as an accepted submission would) for `account_id` on the latest form of
// `item_id` with the example data (or `data`); returns its id. Cases whose files are never read need no uploads.
std::string create_case(TestServer& s, const std::string& account_id, const std::string& item_id,
                        const nlohmann::json& data = nullptr);

// Adds a caseworker acting for `departments` (empty: all) and signs in; returns the access token.
std::string caseworker(TestServer& s, const std::string& login, const std::vector<std::string>& departments);

// POST /v1/admin/cases/{caseId}/transitions.
HttpResult move(TestServer& s, const std::string& token, const std::string& case_id, const std::string& department,
                const std::string& to, const nlohmann::json& extra = nlohmann::json::object());

// Moves a department from submitted to in_review (accepted, then in review).
void to_review(TestServer& s, const std::string& token, const std::string& case_id, const std::string& department);

// POST /v1/admin/cases/{caseId}/results with `bytes` as the document.
HttpResult publish(TestServer& s, const std::string& token, const std::string& case_id, const std::string& bytes,
                   const std::string& department = "");

}  // namespace wb::test
