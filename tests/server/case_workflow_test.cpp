// The case lifecycle's pure rules: which moves are allowed by whom, the case's state derived from its departments
// (parallel approval), transition plans, and deadlines / the supervision report over a working-day calendar.

#include <doctest/doctest.h>

#include <set>

#include "server/cases/case_workflow.hpp"
#include "server/cases/supervision.hpp"
#include "server/http/base64.hpp"

using namespace wb;
using namespace wb::server;

namespace {

constexpr CaseState S = CaseState::Submitted, A = CaseState::Accepted, R = CaseState::InReview,
                    Q = CaseState::SupplementRequested, OK = CaseState::Approved, NO = CaseState::Rejected,
                    DONE = CaseState::ResultAvailable;
const std::vector<CaseState> kAll = {S, A, R, Q, OK, NO, DONE};

ErrorCode code_of_check(CaseState from, CaseState to, Trigger trigger) {
  try {
    check_transition("d", from, to, trigger);
    return ErrorCode::Ok;
  } catch (const Error& e) {
    return e.code();
  }
}

DepartmentStatus dep(const std::string& id, CaseState s, const std::string& role = "parallel") {
  return {id, role, s, 0};
}

template <typename F>
ErrorCode code_of(F&& f) {
  try {
    f();
    return ErrorCode::Ok;
  } catch (const Error& e) {
    return e.code();
  }
}

}  // namespace

TEST_CASE("a caseworker may make exactly the lifecycle's moves") {
  std::set<std::pair<CaseState, CaseState>> allowed = {
      {S, A}, {S, NO}, {A, R}, {A, NO}, {R, Q}, {R, OK}, {R, NO}, {Q, NO}};
  for (auto from : kAll)
    for (auto to : kAll) {
      CAPTURE(case_state_name(from));
      CAPTURE(case_state_name(to));
      auto code = code_of_check(from, to, Trigger::Caseworker);
      if (allowed.count({from, to})) CHECK(code == ErrorCode::Ok);
      else if (from == OK && to == DONE) CHECK(code == ErrorCode::ProtoResultRequired);
      else if (from == Q && to == R) CHECK(code == ErrorCode::ProtoAwaitingApplicant);
      else CHECK(code == ErrorCode::ProtoInvalidTransition);
    }
}

TEST_CASE("only the applicant's supplement returns a department to review; only a result makes it available") {
  for (auto from : kAll) {
    CAPTURE(case_state_name(from));
    CHECK(code_of_check(from, R, Trigger::Supplement) ==
          (from == Q ? ErrorCode::Ok : ErrorCode::ProtoNotAwaitingSupplement));
    CHECK(code_of_check(from, DONE, Trigger::Result) ==
          (has_decided(from) ? ErrorCode::Ok : ErrorCode::ProtoResultNotDecided));
  }
  CHECK(code_of_check(Q, OK, Trigger::Supplement) == ErrorCode::ProtoInvalidTransition);
  CHECK(code_of_check(OK, R, Trigger::Result) == ErrorCode::ProtoInvalidTransition);
  CHECK(trigger_of_event_kind("status") == Trigger::Caseworker);
  CHECK(trigger_of_event_kind("supplement_requested") == Trigger::Caseworker);
  CHECK(trigger_of_event_kind("supplement_provided") == Trigger::Supplement);
  CHECK(trigger_of_event_kind("result") == Trigger::Result);
}

TEST_CASE("an invalid move says where the department is and where it was sent, in both languages") {
  try {
    check_transition("civilAffairs", S, OK, Trigger::Caseworker);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().message(Lang::En) ==
          "The case is \"submitted\" at department \"civilAffairs\"; it cannot move to \"approved\"");
    CHECK(e.diagnostic().message(Lang::ZhCN) == "部门“civilAffairs”的办理状态为“已提交”，不能变更为“已批准”");
  }
  CHECK(workflow_error_status(ErrorCode::ProtoInvalidTransition) == 409);
  CHECK(workflow_error_status(ErrorCode::ProtoCaseCompleted) == 409);
  CHECK(workflow_error_status(ErrorCode::ProtoUnknownDepartment) == 422);
  CHECK(workflow_error_status(ErrorCode::ProtoNotFound) == 0);
}

TEST_CASE("a single department's case follows its department") {
  for (auto s : kAll) CHECK(derive_case_state({dep("d", s, "lead")}) == s);
  CHECK(derive_case_state({}) == S);
}

TEST_CASE("parallel approval: the case's state from its departments'") {
  // One refusal refuses the case, whatever the others do.
  CHECK(derive_case_state({dep("a", OK, "lead"), dep("b", NO)}) == NO);
  CHECK(derive_case_state({dep("a", Q, "lead"), dep("b", NO)}) == NO);
  // A supplement request by any department is what the applicant must act on.
  CHECK(derive_case_state({dep("a", OK, "lead"), dep("b", Q)}) == Q);
  CHECK(derive_case_state({dep("a", S, "lead"), dep("b", Q)}) == Q);
  // Approved only when all approved.
  CHECK(derive_case_state({dep("a", OK, "lead"), dep("b", R)}) == R);
  CHECK(derive_case_state({dep("a", OK, "lead"), dep("b", OK)}) == OK);
  // Result available when all published, or the lead did once every department approved.
  CHECK(derive_case_state({dep("a", OK, "lead"), dep("b", DONE)}) == OK);
  CHECK(derive_case_state({dep("a", DONE, "lead"), dep("b", OK)}) == DONE);
  CHECK(derive_case_state({dep("a", DONE, "lead"), dep("b", DONE)}) == DONE);
  CHECK(derive_case_state({dep("a", DONE, "lead"), dep("b", R)}) == R);
  // Otherwise the least advanced of the undecided departments.
  CHECK(derive_case_state({dep("a", A, "lead"), dep("b", S)}) == S);
  CHECK(derive_case_state({dep("a", R, "lead"), dep("b", A), dep("c", OK)}) == A);
  CHECK(derive_case_state({dep("a", R, "lead"), dep("b", R)}) == R);
}

TEST_CASE("transition plans: one department, or every department the trigger applies to") {
  std::vector<DepartmentStatus> deps = {dep("lead", R, "lead"), dep("p1", Q), dep("p2", Q), dep("p3", OK)};

  auto one = plan_transition(Q, deps, "lead", OK, Trigger::Caseworker, 42);
  CHECK(one.moved == std::vector<std::string>{"lead"});
  CHECK(one.departments[0].state == OK);
  CHECK(one.departments[0].updated_at == 42);
  CHECK(one.departments[1].updated_at == 0);
  CHECK(one.case_state == Q);
  CHECK_FALSE(one.completes);

  auto supplied = plan_transition(Q, deps, "", R, Trigger::Supplement, 43);
  CHECK(supplied.moved == std::vector<std::string>{"p1", "p2"});
  CHECK(supplied.case_state == R);

  CHECK(code_of([&] { plan_transition(Q, deps, "nobody", OK, Trigger::Caseworker, 1); }) ==
        ErrorCode::ProtoUnknownDepartment);
  CHECK(code_of([&] { plan_transition(R, {dep("a", R, "lead")}, "", R, Trigger::Supplement, 1); }) ==
        ErrorCode::ProtoNotAwaitingSupplement);
  CHECK(code_of([&] { plan_transition(R, {dep("a", R, "lead")}, "", DONE, Trigger::Result, 1); }) ==
        ErrorCode::ProtoResultNotDecided);

  // Publishing without a department: every approved department moves; a refused one keeps its state.
  auto published = plan_transition(NO, {dep("a", OK, "lead"), dep("b", NO)}, "", DONE, Trigger::Result, 5);
  CHECK(published.moved == std::vector<std::string>{"a"});
  CHECK(published.case_state == NO);
  CHECK_FALSE(published.completes);  // already completed (rejected)

  auto completes = plan_transition(OK, {dep("a", OK, "lead"), dep("b", OK)}, "a", DONE, Trigger::Result, 5);
  CHECK(completes.case_state == DONE);
  CHECK(completes.completes);
}

TEST_CASE("a completed case does not move, but takes further result documents") {
  std::vector<DepartmentStatus> deps = {dep("a", DONE, "lead"), dep("b", OK)};
  CHECK(code_of([&] { plan_transition(DONE, deps, "b", NO, Trigger::Caseworker, 1); }) ==
        ErrorCode::ProtoCaseCompleted);
  auto more = plan_transition(DONE, deps, "b", DONE, Trigger::Result, 2);
  CHECK(more.moved == std::vector<std::string>{"b"});
  CHECK(more.case_state == DONE);
  CHECK_FALSE(more.completes);
  auto refused = plan_transition(NO, {dep("a", NO, "lead")}, "a", DONE, Trigger::Result, 2);
  CHECK(refused.moved.empty());  // a refusal notice: published, the state stays
  CHECK(refused.case_state == NO);
}

namespace {

// 2026-11-23 is a Monday. Times are China Standard Time.
std::int64_t at(int day_of_november, int hour = 9) {
  constexpr std::int64_t kNov1Midnight = 1'793'462'400'000;  // 2026-11-01T00:00+08:00
  return kNov1Midnight + (day_of_november - 1) * 24LL * 3600 * 1000 + hour * 3600LL * 1000;
}

CaseRecord open_case(const std::string& id, const std::string& due, std::vector<DepartmentStatus> deps,
                     std::optional<std::int64_t> completed = std::nullopt) {
  CaseRecord c;
  c.id = id;
  c.acceptance_number = "WB-" + id;
  c.item_id = "item";
  c.due_date = due;
  c.departments = std::move(deps);
  c.state = derive_case_state(c.departments);
  c.completed_at = completed;
  return c;
}

}  // namespace

TEST_CASE("deadlines count working days: weekends never make a case overdue") {
  WorkCalendar cal;
  CHECK(iso_date(china_date(at(23))) == "2026-11-23");
  auto c = open_case("1", "2026-11-27", {dep("a", R, "lead")});  // due Friday
  auto on = [&](int day) { return deadline_of(c, china_date(at(day)), cal); };
  CHECK(on(23).working_days_left == 4);
  CHECK_FALSE(on(27).overdue);
  CHECK(on(27).working_days_left == 0);
  CHECK_FALSE(on(28).overdue);  // Saturday
  CHECK_FALSE(on(29).overdue);  // Sunday
  CHECK(on(30).overdue);        // Monday
  CHECK(on(30).days_overdue == 1);
  CHECK(deadline_of(c, logic::Date{2026, 12, 2}, cal).days_overdue == 3);

  auto early = open_case("2", "2026-11-27", {dep("a", DONE, "lead")}, at(27, 17));
  CHECK_FALSE(deadline_of(early, china_date(at(30)), cal).open);
  CHECK(deadline_of(early, china_date(at(30)), cal).on_time == true);
  auto late = open_case("3", "2026-11-27", {dep("a", NO, "lead")}, at(30, 10));
  CHECK(deadline_of(late, china_date(at(30)), cal).on_time == false);
  auto weekend = open_case("4", "2026-11-27", {dep("a", NO, "lead")}, at(28, 10));
  CHECK(deadline_of(weekend, china_date(at(30)), cal).on_time == true);

  // A public holiday is not a working day either.
  WorkCalendar holidays;
  holidays.add_holiday(logic::Date{2026, 11, 30});
  CHECK_FALSE(deadline_of(c, china_date(at(30)), holidays).overdue);
  CHECK(deadline_of(c, logic::Date{2026, 12, 1}, holidays).days_overdue == 1);

  // The latest working day up to a Sunday is the Friday before; a holiday moves it further back.
  CHECK(iso_date(latest_working_day(at(29), cal)) == "2026-11-27");
  CHECK(iso_date(latest_working_day(at(30), cal)) == "2026-11-30");
  cal.add_holiday(logic::Date{2026, 11, 27});
  CHECK(iso_date(latest_working_day(at(29), cal)) == "2026-11-26");
}

TEST_CASE("the supervision report counts by item and department, lists overdue and due-soon cases") {
  WorkCalendar cal;
  std::vector<CaseRecord> cases = {
      open_case("late", "2026-11-20", {dep("a", R, "lead"), dep("b", OK)}),       // overdue 1 day on Monday 23rd
      open_case("later", "2026-11-18", {dep("a", A, "lead")}),                   // overdue 3 days
      open_case("soon", "2026-11-25", {dep("a", S, "lead")}),                    // 2 working days left
      open_case("fine", "2026-12-04", {dep("a", R, "lead")}),                    // 9 left
      open_case("done", "2026-11-20", {dep("a", DONE, "lead")}, at(19)),         // on time
      open_case("slow", "2026-11-16", {dep("a", NO, "lead")}, at(17)),           // late
  };
  cases[3].item_id = "other";
  SupervisionNames names;
  names.items["item"] = {"事项", "Item"};
  names.departments["a"] = {"甲局", "Bureau A"};
  auto r = supervision_report(cases, china_date(at(23)), cal, names);
  CHECK(r["today"] == "2026-11-23");
  CHECK(r["totals"]["cases"] == 6);
  CHECK(r["totals"]["open"] == 4);
  CHECK(r["totals"]["completed"] == 2);
  CHECK(r["totals"]["overdue"] == 2);
  CHECK(r["totals"]["dueSoon"] == 1);
  CHECK(r["totals"]["byState"]["in_review"] == 2);
  CHECK(r["totals"]["byState"]["approved"] == 0);
  REQUIRE(r["items"].size() == 2);
  CHECK(r["items"][0]["itemId"] == "item");
  CHECK(r["items"][0]["title"]["en"] == "Item");
  CHECK(r["items"][0]["cases"] == 5);
  CHECK(r["items"][0]["overdue"] == 2);
  CHECK(r["items"][1]["itemId"] == "other");
  CHECK_FALSE(r["items"][1].contains("title"));
  REQUIRE(r["departments"].size() == 2);
  CHECK(r["departments"][0]["department"] == "a");
  CHECK(r["departments"][0]["name"]["zh-CN"] == "甲局");
  CHECK(r["departments"][0]["cases"] == 6);
  CHECK(r["departments"][0]["open"] == 4);
  CHECK(r["departments"][0]["overdue"] == 2);
  CHECK(r["departments"][1]["department"] == "b");
  CHECK(r["departments"][1]["byState"]["approved"] == 1);
  CHECK(r["departments"][1]["overdue"] == 0);  // b decided: the delay is a's
  REQUIRE(r["overdueCases"].size() == 2);
  CHECK(r["overdueCases"][0]["caseId"] == "later");
  CHECK(r["overdueCases"][0]["daysOverdue"] == 3);
  CHECK(r["overdueCases"][1]["caseId"] == "late");
  CHECK(r["overdueCases"][1]["departments"][1]["state"] == "approved");
  REQUIRE(r["dueSoonCases"].size() == 1);
  CHECK(r["dueSoonCases"][0]["caseId"] == "soon");
  CHECK(r["dueSoonCases"][0]["workingDaysLeft"] == 2);
  CHECK(r["onTime"]["completed"] == 2);
  CHECK(r["onTime"]["onTime"] == 1);
  CHECK(r["onTime"]["late"] == 1);
  CHECK(r["onTime"]["rate"] == 0.5);

  auto scoped = supervision_report(cases, china_date(at(23)), cal, names, {"b"});
  REQUIRE(scoped["departments"].size() == 1);
  CHECK(scoped["departments"][0]["department"] == "b");
  CHECK(supervision_report({}, china_date(at(23)), cal, names)["onTime"]["rate"].is_null());
}

TEST_CASE("base64 for result documents") {
  for (std::string s : {"", "a", "ab", "abc", "abcd", "中文 bytes\x01\xff"}) {
    auto encoded = encode_base64(s);
    CHECK(encoded.size() % 4 == 0);
    CHECK(decode_base64(encoded) == s);
  }
  CHECK(encode_base64("abcd") == "YWJjZA==");
  CHECK(decode_base64("YWJjZA") == "abcd");  // padding is optional
  CHECK_FALSE(decode_base64("YWJjZA=!"));
  CHECK_FALSE(decode_base64("YWJjZB=="));  // non-zero leftover bits
  CHECK_FALSE(decode_base64("Y"));
  CHECK_FALSE(decode_base64("YW Jj"));
  CHECK_FALSE(decode_base64("YW-j"));
}
