#pragma once
// The case lifecycle (办件流程), as pure rules: which moves a department may make, and what the case as a whole is
// when several departments decide in parallel (并联审批). No I/O: the storage applies a plan inside its
// transaction, so the check and the change can never be separated by another request.
//
// Per department:
//   submitted → accepted → in_review → supplement_requested → (in_review once the applicant supplies) → approved
//   submitted | accepted | in_review | supplement_requested → rejected   (不予受理 before review, 不予许可 after)
//   approved → result_available                                           (when a result document is published)
// Who may make a move (the trigger):
//   - a caseworker: every move above except supplement_requested → in_review (only the applicant's supplement does
//     that) and approved → result_available (only publishing a result document does that);
//   - the applicant's supplement: supplement_requested → in_review;
//   - publishing a result: approved → result_available; a department that already decided (approved, rejected,
//     result available) may publish further documents without changing its state.
//
// The case's state, derived from its departments' states (derive_case_state):
//   1. rejected             if any department rejected (one refusal refuses the application);
//   2. supplement_requested if any department asks for a supplement;
//   3. when every department has decided (approved or result_available):
//        result_available   if every department published a result, or the lead department did (its document is
//                           the one the applicant collects);
//        approved           otherwise;
//   4. otherwise the least advanced state among the departments that have not decided
//      (submitted < accepted < in_review): the applicant is never told more than every department has done.
// rejected and result_available are terminal: the case is completed (办结) and, apart from publishing further
// result documents, nothing moves any more.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/errors.hpp"
#include "core/common/localized_text.hpp"
#include "server/storage/case_store.hpp"

namespace wb::server {

enum class Trigger { Caseworker, Supplement, Result };

// The trigger behind an event kind: "supplement_provided" → Supplement, "result" → Result, anything else
// ("status", "supplement_requested") → Caseworker.
Trigger trigger_of_event_kind(std::string_view kind);

// Display names of states ("审查中" / "In review").
LocalizedText case_state_label(CaseState state);

bool is_terminal(CaseState state);     // rejected, result_available
bool has_decided(CaseState state);     // approved, rejected, result_available

// Throws wb::Error (protocol.invalid_transition, protocol.result_required, protocol.awaiting_applicant,
// protocol.result_not_decided) when `department` may not move from `from` to `to` by `trigger`.
void check_transition(const std::string& department, CaseState from, CaseState to, Trigger trigger);

CaseState derive_case_state(const std::vector<DepartmentStatus>& departments);

struct TransitionPlan {
  std::vector<DepartmentStatus> departments;  // every department, with the moved ones in their new state
  std::vector<std::string> moved;             // the departments whose state changed
  CaseState case_state = CaseState::Submitted;
  bool completes = false;                     // the case becomes completed with this change
};

// Plans a move of one department (`department` non-empty) or of every department the trigger applies to
// (`department` empty: the applicant's supplement moves every department that asked; publishing a result without
// a department moves every approved department). `now` stamps the moved departments. Throws wb::Error:
// protocol.unknown_department, protocol.case_completed, protocol.not_awaiting_supplement and the codes of
// check_transition.
TransitionPlan plan_transition(CaseState case_state, const std::vector<DepartmentStatus>& departments,
                               const std::string& department, CaseState to, Trigger trigger, std::int64_t now);

// The HTTP status of the workflow's error codes (409 for conflicts with the case's state, 422 for a department
// the case does not have); 0 for any other code.
int workflow_error_status(ErrorCode code);

}  // namespace wb::server
