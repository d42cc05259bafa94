// Satisfaction ratings (好差评): five levels, one per case, only by the case's owner, only once the case is
// completed; the caseworkers' summary per item and department.

#include <doctest/doctest.h>

#include "core/store/sqlite_db.hpp"
#include "tests/server/test_server.hpp"

using namespace wb;
using wb::test::TestServer;

namespace {

std::string account_id(TestServer& s, const std::string& token) { return s.get("/v1/me", token).body["id"]; }

struct CaseSpec {
  std::string item_id = "marriage-certificate-reissue";
  std::string state = "result_available";
  bool completed_at = true;
  std::vector<std::pair<std::string, std::string>> departments = {{"civilAffairs", "lead"}};
};

// Test-only: a case row as the submission and workflow work would leave it, written with SQL into the server's
// database (a second connection on the same file; WAL lets both work).
std::string insert_case(TestServer& s, const std::string& owner, const CaseSpec& spec = {}) {
  static int serial = 0;
  std::string id = "case_test" + std::to_string(++serial);
  auto db = store::Database::open(s.data_dir() + "/server.db", false);
  db.exec("PRAGMA busy_timeout = 5000");
  std::int64_t now = s.clock().now_ms();
  auto insert = db.prepare(
      "INSERT INTO cases (id, acceptance_number, account_id, item_id, form_version, idempotency_key, data, "
      "attachments, state, submitted_at, updated_at, due_date, completed_at) "
      "VALUES (?1, ?2, ?3, ?4, 1, ?5, '{}', '[]', ?6, ?7, ?7, '2026-01-01', ?8)");
  insert.bind(1, id).bind(2, "WB20251124" + std::to_string(100000 + serial)).bind(3, owner).bind(4, spec.item_id)
      .bind(5, "key-" + id).bind(6, spec.state).bind(7, now);
  if (spec.completed_at) insert.bind(8, now); else insert.bind_null(8);
  insert.run();
  for (const auto& [department, role] : spec.departments)
    db.prepare("INSERT INTO case_departments (case_id, department, role, state, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, id).bind(2, department).bind(3, role).bind(4, spec.state).bind(5, now).run();
  return id;
}

test::HttpResult rate(TestServer& s, const std::string& token, const std::string& case_id, const nlohmann::json& body) {
  return s.post("/v1/cases/" + case_id + "/rating", body, token);
}

}  // namespace

TEST_CASE("ratings: the owner rates a completed case once, and reads the rating back") {
  TestServer s;
  auto citizen = s.login_demo("citizen");
  std::string c = insert_case(s, account_id(s, citizen));

  CHECK(s.get("/v1/cases/" + c + "/rating", citizen).status == 404);  // not rated yet
  auto r = rate(s, citizen, c, {{"level", 5}, {"comment", "  窗口办理很快，态度很好。 "}});
  REQUIRE(r.status == 201);
  CHECK(r.body["caseId"] == c);
  CHECK(r.body["itemId"] == "marriage-certificate-reissue");
  CHECK(r.body["level"] == 5);
  CHECK(r.body["levelName"]["zh-CN"] == "非常满意");
  CHECK(r.body["levelName"]["en"] == "Very satisfied");
  CHECK(r.body["comment"] == "窗口办理很快，态度很好。");
  CHECK(r.body["ratedAt"] == s.clock().now_ms());

  auto read = s.get("/v1/cases/" + c + "/rating", citizen);
  REQUIRE(read.status == 200);
  CHECK(read.body == r.body);

  auto second = rate(s, citizen, c, {{"level", 1}});
  CHECK(second.status == 409);
  CHECK(second.error_code() == "protocol.already_rated");
  CHECK(s.get("/v1/cases/" + c + "/rating", citizen).body["level"] == 5);

  // No comment is fine; level 1 is 非常不满意.
  auto low = rate(s, citizen, insert_case(s, account_id(s, citizen)), {{"level", 1}});
  REQUIRE(low.status == 201);
  CHECK(low.body["comment"] == "");
  CHECK(low.body["levelName"]["zh-CN"] == "非常不满意");
}

TEST_CASE("ratings: only completed cases can be rated") {
  TestServer s;
  auto citizen = s.login_demo("citizen");
  auto me = account_id(s, citizen);

  // Approved is not completed (办结): the result is not out yet (server/cases/case_workflow.hpp).
  for (const char* state : {"submitted", "accepted", "in_review", "supplement_requested", "approved"}) {
    CaseSpec open;
    open.state = state;
    open.completed_at = false;
    auto r = rate(s, citizen, insert_case(s, me, open), {{"level", 4}});
    CHECK(r.status == 409);
    CHECK(r.error_code() == "protocol.case_not_completed");
  }
  for (const char* state : {"rejected", "result_available"}) {
    CaseSpec done;
    done.state = state;
    done.completed_at = false;  // the state alone says it is completed
    CHECK(rate(s, citizen, insert_case(s, me, done), {{"level", 4}}).status == 201);
  }
  CaseSpec closed;
  closed.state = "in_review";  // a department still reviewing, but the case was closed (completed_at set)
  CHECK(rate(s, citizen, insert_case(s, me, closed), {{"level", 3}}).status == 201);
}

TEST_CASE("ratings: invalid levels and comments get precise errors") {
  TestServer s;
  auto citizen = s.login_demo("citizen");
  std::string c = insert_case(s, account_id(s, citizen));
  for (const auto& level : {nlohmann::json(0), nlohmann::json(6), nlohmann::json(-1), nlohmann::json("5"),
                            nlohmann::json(4.5), nlohmann::json(nullptr), nlohmann::json(true)}) {
    auto r = rate(s, citizen, c, {{"level", level}});
    CHECK(r.status == 400);
    CHECK(r.error_code() == "protocol.rating_level_invalid");
    CHECK(r.body["error"]["pointer"] == "/level");
  }
  CHECK(rate(s, citizen, c, nlohmann::json::object()).error_code() == "protocol.rating_level_invalid");
  CHECK(rate(s, citizen, c, nlohmann::json::array()).error_code() == "protocol.bad_request");
  std::string long_comment;
  for (int i = 0; i < 501; ++i) long_comment += "好";
  auto too_long = rate(s, citizen, c, {{"level", 4}, {"comment", long_comment}});
  CHECK(too_long.status == 400);
  CHECK(too_long.error_code() == "protocol.text_length");
  CHECK(too_long.body["error"]["pointer"] == "/comment");
  CHECK(rate(s, citizen, c, {{"level", 4}, {"comment", 12}}).error_code() == "protocol.bad_request");
  CHECK(s.get("/v1/cases/" + c + "/rating", citizen).status == 404);  // nothing was recorded
  CHECK(rate(s, citizen, c, {{"level", 4}, {"comment", long_comment.substr(3)}}).status == 201);  // 500 characters
}

TEST_CASE("ratings: the summary counts each level per item and department, with averages") {
  TestServer s;
  auto citizen = s.login_demo("citizen");
  auto worker = s.login_demo("caseworker");
  auto me = account_id(s, citizen);

  auto empty = s.get("/v1/admin/ratings/summary", worker);
  REQUIRE(empty.status == 200);
  CHECK(empty.body["total"] == 0);
  CHECK(empty.body["average"].is_null());
  CHECK(empty.body["byItem"].empty());
  REQUIRE(empty.body["levels"].size() == 5);
  CHECK(empty.body["levels"][2]["name"]["zh-CN"] == "基本满意");

  CaseSpec reissue;  // civilAffairs
  CaseSpec housing;
  housing.item_id = "low-rent-housing";
  housing.departments = {{"civilAffairs", "parallel"}, {"housingBureau", "lead"}};
  for (int level : {5, 4, 4}) REQUIRE(rate(s, citizen, insert_case(s, me, reissue), {{"level", level}}).status == 201);
  for (int level : {2, 5}) REQUIRE(rate(s, citizen, insert_case(s, me, housing), {{"level", level}}).status == 201);

  auto sum = s.get("/v1/admin/ratings/summary", worker);
  REQUIRE(sum.status == 200);
  CHECK(sum.body["total"] == 5);
  CHECK(sum.body["average"] == 4.0);
  CHECK(sum.body["counts"] == nlohmann::json({{"1", 0}, {"2", 1}, {"3", 0}, {"4", 2}, {"5", 2}}));
  REQUIRE(sum.body["byItem"].size() == 2);
  auto housing_row = sum.body["byItem"][0];
  CHECK(housing_row["itemId"] == "low-rent-housing");
  CHECK(housing_row["department"] == "housingBureau");  // the lead department
  CHECK(housing_row["total"] == 2);
  CHECK(housing_row["average"] == 3.5);
  CHECK(housing_row["title"]["zh-CN"] == "廉租住房保障申请");
  auto reissue_row = sum.body["byItem"][1];
  CHECK(reissue_row["itemId"] == "marriage-certificate-reissue");
  CHECK(reissue_row["department"] == "civilAffairs");
  CHECK(reissue_row["counts"]["4"] == 2);
  CHECK(reissue_row["average"] == 4.33);
  REQUIRE(sum.body["byDepartment"].size() == 2);
  CHECK(sum.body["byDepartment"][0]["department"] == "civilAffairs");
  CHECK(sum.body["byDepartment"][0]["total"] == 3);
  CHECK(sum.body["byDepartment"][1]["department"] == "housingBureau");
  CHECK(sum.body["byDepartment"][1]["counts"]["2"] == 1);
  // No comments and no applicants in the summary.
  CHECK(sum.raw.find("acc_") == std::string::npos);
  CHECK(sum.raw.find("comment") == std::string::npos);
}

TEST_CASE("ratings: every route is authorised") {
  TestServer s;
  auto citizen = s.login_demo("citizen");
  auto other = s.new_citizen(81);
  auto enterprise = s.login_demo("enterprise");
  auto worker = s.login_demo("caseworker");
  std::string c = insert_case(s, account_id(s, citizen));

  // Another applicant: the case does not exist for them, rated or not.
  auto theirs = rate(s, other, c, {{"level", 1}});
  CHECK(theirs.status == 404);
  CHECK(theirs.error_code() == "protocol.not_found");
  CHECK(rate(s, enterprise, c, {{"level", 1}}).status == 404);
  CHECK(s.get("/v1/cases/" + c + "/rating", other).status == 404);
  REQUIRE(rate(s, citizen, c, {{"level", 4}}).status == 201);
  CHECK(s.get("/v1/cases/" + c + "/rating", other).status == 404);
  CHECK(rate(s, citizen, "case_unknown", {{"level", 4}}).status == 404);

  // Anonymous.
  CHECK(rate(s, "", c, {{"level", 4}}).status == 401);
  CHECK(s.get("/v1/cases/" + c + "/rating").status == 401);
  CHECK(s.get("/v1/admin/ratings/summary").status == 401);

  // Wrong role.
  CHECK(rate(s, worker, c, {{"level", 4}}).status == 403);
  CHECK(s.get("/v1/cases/" + c + "/rating", worker).status == 403);
  auto forbidden = s.get("/v1/admin/ratings/summary", citizen);
  CHECK(forbidden.status == 403);
  CHECK(forbidden.error_code() == "auth.forbidden");
}
