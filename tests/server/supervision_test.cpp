// Supervision (督办) over real HTTP with the fake clock: due dates in working days, overdue flags that ignore
// weekends, the report's counts, due-soon and overdue lists, and the on-time rate.

#include <doctest/doctest.h>

#include "tests/server/workflow_fixtures.hpp"

using namespace wb;
using namespace wb::test;
using nlohmann::json;

namespace {

const std::string kSingle = "professional-qualification-review";  // humanResources, 5 working days
const std::string kParallel = "graduate-employment-hukou";         // humanResources + publicSecurity, 5 days

json summary_of(TestServer& s, const std::string& token, const std::string& id) {
  return s.get("/v1/admin/cases/" + id, token).body;
}

std::vector<std::string> ids_of(const json& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c["caseId"]);
  return out;
}

}  // namespace

TEST_CASE("supervision follows the working-day calendar as days pass") {
  TestServer s;
  s.clock().set(kMonday0900);  // Monday 2026-11-23
  auto citizen = demo_citizen(s);
  auto cw = s.login_demo("caseworker");
  // Access tokens last 15 minutes: the caseworker signs in again whenever days pass.
  auto pass = [&](std::int64_t ms) {
    s.clock().advance(ms);
    cw = s.login_demo("caseworker");
  };
  std::string a = create_case(s, citizen.account_id, kSingle);
  std::string b = create_case(s, citizen.account_id, kParallel);
  CHECK(summary_of(s, cw, a)["dueDate"] == "2026-11-30");
  CHECK(summary_of(s, cw, b)["dueDate"] == "2026-11-30");

  pass(3 * kDayMs);  // Thursday the 26th
  std::string c = create_case(s, citizen.account_id, kSingle);
  CHECK(summary_of(s, cw, c)["dueDate"] == "2026-12-03");  // the weekend is not counted

  pass(kDayMs);  // Friday the 27th: a is decided and its licence published, on time
  to_review(s, cw, a, "humanResources");
  REQUIRE(move(s, cw, a, "humanResources", "approved").status == 200);
  REQUIRE(publish(s, cw, a, "licence").status == 201);
  auto friday = s.get("/v1/admin/supervision", cw);
  REQUIRE(friday.status == 200);
  CHECK(friday.body["today"] == "2026-11-27");
  CHECK(friday.body["generatedAt"] == s.clock().now_ms());
  CHECK(friday.body["totals"]["cases"] == 3);
  CHECK(friday.body["totals"]["open"] == 2);
  CHECK(friday.body["totals"]["overdue"] == 0);
  CHECK(ids_of(friday.body["dueSoonCases"]) == std::vector<std::string>{b});
  CHECK(friday.body["dueSoonCases"][0]["workingDaysLeft"] == 1);
  CHECK(friday.body["onTime"]["completed"] == 1);
  CHECK(friday.body["onTime"]["rate"] == 1.0);

  // The weekend: b is due on Monday, so it is not overdue, with one working day left.
  for (int day = 0; day < 2; ++day) {
    pass(kDayMs);
    auto summary = summary_of(s, cw, b);
    CHECK(summary["overdue"] == false);
    CHECK(summary["workingDaysLeft"] == 1);
    CHECK(s.get("/v1/admin/cases?overdue=true", cw).body["cases"].empty());
  }

  pass(kDayMs);  // Monday the 30th: due today
  CHECK(summary_of(s, cw, b)["overdue"] == false);
  CHECK(summary_of(s, cw, b)["workingDaysLeft"] == 0);
  CHECK(ids_of(s.get("/v1/admin/supervision", cw).body["dueSoonCases"]) == std::vector<std::string>{b});

  pass(kDayMs);  // Tuesday 1 December: b is overdue by one working day
  auto late = summary_of(s, cw, b);
  CHECK(late["overdue"] == true);
  CHECK(late["daysOverdue"] == 1);
  auto overdue_list = s.get("/v1/admin/cases?overdue=true", cw).body["cases"];
  CHECK(ids_of(overdue_list) == std::vector<std::string>{b});
  CHECK(overdue_list[0]["overdue"] == true);
  CHECK(ids_of(s.get("/v1/admin/cases?overdue=false", cw).body["cases"]) == std::vector<std::string>{a, c});
  auto tuesday = s.get("/v1/admin/supervision", cw).body;
  CHECK(tuesday["totals"]["overdue"] == 1);
  REQUIRE(tuesday["overdueCases"].size() == 1);
  CHECK(tuesday["overdueCases"][0]["caseId"] == b);
  CHECK(tuesday["overdueCases"][0]["daysOverdue"] == 1);
  CHECK(tuesday["overdueCases"][0]["acceptanceNumber"].is_string());
  CHECK(ids_of(tuesday["dueSoonCases"]) == std::vector<std::string>{c});  // due Thursday: 2 working days left

  // Per item and per department, with names from the catalog.
  json single, parallel;
  for (const auto& item : tuesday["items"]) (item["itemId"] == kSingle ? single : parallel) = item;
  CHECK(single["cases"] == 2);
  CHECK(single["byState"]["result_available"] == 1);
  CHECK(single["byState"]["submitted"] == 1);
  CHECK(single["overdue"] == 0);
  CHECK(parallel["cases"] == 1);
  CHECK(parallel["overdue"] == 1);
  CHECK(parallel["title"]["zh-CN"].is_string());
  json hr, police;
  for (const auto& d : tuesday["departments"]) (d["department"] == "humanResources" ? hr : police) = d;
  CHECK(hr["cases"] == 3);
  CHECK(hr["open"] == 2);
  CHECK(hr["overdue"] == 1);
  CHECK(hr["name"]["zh-CN"] == "市人力资源和社会保障局");
  CHECK(police["department"] == "publicSecurity");
  CHECK(police["overdue"] == 1);

  // b completes a day late: the on-time rate falls to one in two, and the summary says so.
  to_review(s, cw, b, "humanResources");
  to_review(s, cw, b, "publicSecurity");
  REQUIRE(move(s, cw, b, "humanResources", "approved").status == 200);
  REQUIRE(move(s, cw, b, "publicSecurity", "rejected").status == 200);
  auto done = summary_of(s, cw, b);
  CHECK(done["overdue"] == false);
  CHECK(done["completedOnTime"] == false);
  CHECK_FALSE(done.contains("daysOverdue"));
  auto after = s.get("/v1/admin/supervision", cw).body;
  CHECK(after["totals"]["overdue"] == 0);
  CHECK(after["onTime"]["completed"] == 2);
  CHECK(after["onTime"]["onTime"] == 1);
  CHECK(after["onTime"]["late"] == 1);
  CHECK(after["onTime"]["rate"] == 0.5);
}

TEST_CASE("the supervision report of an empty server") {
  TestServer s;
  auto report = s.get("/v1/admin/supervision", s.login_demo("caseworker"));
  REQUIRE(report.status == 200);
  CHECK(report.body["totals"]["cases"] == 0);
  CHECK(report.body["items"].empty());
  CHECK(report.body["overdueCases"].empty());
  CHECK(report.body["onTime"]["rate"].is_null());
}
