#include <array>

#include "server/storage/case_store.hpp"

namespace wb::server {
namespace {
constexpr std::array<std::pair<CaseState, std::string_view>, 7> kStates = {{
    {CaseState::Submitted, "submitted"},
    {CaseState::Accepted, "accepted"},
    {CaseState::InReview, "in_review"},
    {CaseState::SupplementRequested, "supplement_requested"},
    {CaseState::Approved, "approved"},
    {CaseState::Rejected, "rejected"},
    {CaseState::ResultAvailable, "result_available"},
}};
}  // namespace

std::string_view case_state_name(CaseState state) {
  for (const auto& [s, name] : kStates)
    if (s == state) return name;
  return "submitted";
}

std::optional<CaseState> parse_case_state(std::string_view name) {
  for (const auto& [s, n] : kStates)
    if (n == name) return s;
  return std::nullopt;
}

nlohmann::json Receipt::to_json() const {
  return {{"caseId", case_id}, {"acceptanceNumber", acceptance_number}, {"receivedAt", received_at}};
}

}  // namespace wb::server
