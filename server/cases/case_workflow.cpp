#include "server/cases/case_workflow.hpp"

#include <algorithm>

namespace wb::server {
namespace {

// Progress before a decision; decided states rank above every undecided one.
int progress(CaseState s) {
  switch (s) {
    case CaseState::Submitted: return 0;
    case CaseState::Accepted: return 1;
    case CaseState::InReview: return 2;
    case CaseState::SupplementRequested: return 2;
    default: return 3;
  }
}

// The caseworker's moves (see the header); supplement_requested → in_review and approved → result_available have
// their own triggers.
bool caseworker_may(CaseState from, CaseState to) {
  switch (from) {
    case CaseState::Submitted: return to == CaseState::Accepted || to == CaseState::Rejected;
    case CaseState::Accepted: return to == CaseState::InReview || to == CaseState::Rejected;
    case CaseState::InReview:
      return to == CaseState::SupplementRequested || to == CaseState::Approved || to == CaseState::Rejected;
    case CaseState::SupplementRequested: return to == CaseState::Rejected;
    default: return false;
  }
}

[[noreturn]] void invalid(const std::string& department, CaseState from, CaseState to) {
  throw Error(ErrorCode::ProtoInvalidTransition,
              {{"department", department},
               {"from", std::string(case_state_name(from))},
               {"to", std::string(case_state_name(to))},
               {"from_zh", case_state_label(from).zh},
               {"to_zh", case_state_label(to).zh}});
}

}  // namespace

Trigger trigger_of_event_kind(std::string_view kind) {
  if (kind == "supplement_provided") return Trigger::Supplement;
  if (kind == "result") return Trigger::Result;
  return Trigger::Caseworker;
}

LocalizedText case_state_label(CaseState state) {
  switch (state) {
    case CaseState::Submitted: return {"已提交", "Submitted"};
    case CaseState::Accepted: return {"已受理", "Accepted"};
    case CaseState::InReview: return {"审查中", "In review"};
    case CaseState::SupplementRequested: return {"待补正", "Supplement requested"};
    case CaseState::Approved: return {"已批准", "Approved"};
    case CaseState::Rejected: return {"不予办理", "Rejected"};
    case CaseState::ResultAvailable: return {"结果可取", "Result available"};
  }
  return {"已提交", "Submitted"};
}

bool is_terminal(CaseState state) { return state == CaseState::Rejected || state == CaseState::ResultAvailable; }

bool has_decided(CaseState state) {
  return state == CaseState::Approved || state == CaseState::Rejected || state == CaseState::ResultAvailable;
}

void check_transition(const std::string& department, CaseState from, CaseState to, Trigger trigger) {
  switch (trigger) {
    case Trigger::Caseworker:
      if (to == CaseState::ResultAvailable && from == CaseState::Approved)
        throw Error(ErrorCode::ProtoResultRequired);
      if (from == CaseState::SupplementRequested && to == CaseState::InReview)
        throw Error(ErrorCode::ProtoAwaitingApplicant);
      if (!caseworker_may(from, to)) invalid(department, from, to);
      return;
    case Trigger::Supplement:
      if (to != CaseState::InReview) invalid(department, from, to);
      if (from != CaseState::SupplementRequested) throw Error(ErrorCode::ProtoNotAwaitingSupplement);
      return;
    case Trigger::Result:
      if (to != CaseState::ResultAvailable) invalid(department, from, to);
      if (!has_decided(from)) throw Error(ErrorCode::ProtoResultNotDecided, {{"department", department}});
      return;
  }
}

CaseState derive_case_state(const std::vector<DepartmentStatus>& departments) {
  if (departments.empty()) return CaseState::Submitted;
  auto any = [&](CaseState s) {
    return std::any_of(departments.begin(), departments.end(), [s](const auto& d) { return d.state == s; });
  };
  if (any(CaseState::Rejected)) return CaseState::Rejected;
  if (any(CaseState::SupplementRequested)) return CaseState::SupplementRequested;
  bool all_decided = std::all_of(departments.begin(), departments.end(), [](const auto& d) { return has_decided(d.state); });
  if (all_decided) {
    bool all_results = std::all_of(departments.begin(), departments.end(),
                                   [](const auto& d) { return d.state == CaseState::ResultAvailable; });
    bool lead_result = std::any_of(departments.begin(), departments.end(), [](const auto& d) {
      return d.role == "lead" && d.state == CaseState::ResultAvailable;
    });
    return all_results || lead_result ? CaseState::ResultAvailable : CaseState::Approved;
  }
  CaseState least = CaseState::InReview;
  for (const auto& d : departments)
    if (!has_decided(d.state) && progress(d.state) < progress(least)) least = d.state;
  return least;
}

TransitionPlan plan_transition(CaseState case_state, const std::vector<DepartmentStatus>& departments,
                               const std::string& department, CaseState to, Trigger trigger, std::int64_t now) {
  if (!department.empty() &&
      std::none_of(departments.begin(), departments.end(), [&](const auto& d) { return d.department == department; }))
    throw Error(ErrorCode::ProtoUnknownDepartment, {{"department", department}});
  // A completed case only takes further result documents.
  if (is_terminal(case_state) && trigger != Trigger::Result)
    throw Error(ErrorCode::ProtoCaseCompleted,
                {{"state", std::string(case_state_name(case_state))}, {"state_zh", case_state_label(case_state).zh}});

  TransitionPlan plan;
  plan.departments = departments;
  bool any_applies = false;
  for (auto& d : plan.departments) {
    if (!department.empty()) {
      if (d.department != department) continue;
      check_transition(d.department, d.state, to, trigger);
    } else {
      // Every department the trigger applies to; the others keep their state.
      bool applies = trigger == Trigger::Supplement ? d.state == CaseState::SupplementRequested
                   : trigger == Trigger::Result     ? has_decided(d.state)
                                                    : caseworker_may(d.state, to);
      if (!applies) continue;
    }
    any_applies = true;
    if (trigger == Trigger::Result && d.state != CaseState::Approved) continue;  // decided otherwise: no move
    d.state = to;
    d.updated_at = now;
    plan.moved.push_back(d.department);
  }
  if (!any_applies) {
    if (trigger == Trigger::Supplement) throw Error(ErrorCode::ProtoNotAwaitingSupplement);
    if (trigger == Trigger::Result) throw Error(ErrorCode::ProtoResultNotDecided, {{"department", "*"}});
    invalid("*", case_state, to);
  }
  plan.case_state = derive_case_state(plan.departments);
  plan.completes = !is_terminal(case_state) && is_terminal(plan.case_state);
  return plan;
}

int workflow_error_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::ProtoInvalidTransition:
    case ErrorCode::ProtoCaseCompleted:
    case ErrorCode::ProtoNotAwaitingSupplement:
    case ErrorCode::ProtoResultNotDecided:
    case ErrorCode::ProtoResultRequired:
    case ErrorCode::ProtoAwaitingApplicant: return 409;
    case ErrorCode::ProtoUnknownDepartment: return 422;
    default: return 0;
  }
}

}  // namespace wb::server
