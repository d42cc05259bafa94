// The applicant's read side: the case list with pagination, one case with its timeline, the changes feed, result
// downloads, and that no account ever sees another account's cases.

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/server/case_test_helpers.hpp"

using namespace wb;
using namespace wb::test;
using nlohmann::json;

namespace {

const std::string kTraffic = "traffic-violation-confirmation";

struct Session {
  TestServer s;
  std::string citizen, other, caseworker;
  Session() {
    s.clock().set(kTuesdayMorning);
    citizen = s.login_demo("citizen");
    other = s.new_citizen(31);
    caseworker = s.login_demo("caseworker");
  }
  // Submits the traffic sample (no attachments) with `key`; returns the case id.
  std::string submit_case(const std::string& token, const std::string& key) {
    auto r = submit(s, token, key, kTraffic, 1, example_data(kTraffic));
    REQUIRE(r.status == 201);
    s.clock().advance(1000);
    return r.body["receipt"]["caseId"];
  }
};

}  // namespace

TEST_CASE("my cases, newest first, a page at a time") {
  Session t;
  std::vector<std::string> mine;
  for (int i = 0; i < 5; ++i) {
    mine.push_back(t.submit_case(t.citizen, "list-key-" + std::to_string(i)));
    t.submit_case(t.other, "list-key-" + std::to_string(i));  // interleaved: never listed for the citizen
  }
  auto all = t.s.get("/v1/cases", t.citizen);
  REQUIRE(all.status == 200);
  REQUIRE(all.body["cases"].size() == 5);
  CHECK(all.body["nextCursor"].is_null());
  for (size_t i = 0; i < 5; ++i) CHECK(all.body["cases"][i]["caseId"] == mine[4 - i]);
  auto first = all.body["cases"][0];
  CHECK(first["itemId"] == kTraffic);
  CHECK(first["formVersion"] == 1);
  CHECK(first["title"]["zh-CN"] == "交通违法确认");
  CHECK(first["state"] == "submitted");
  CHECK(first["dueDate"] == "2027-03-02");  // promised the same day
  CHECK(first["departments"] == json::array({{{"department", "trafficPolice"}, {"role", "lead"},
                                              {"state", "submitted"}, {"updatedAt", first["submittedAt"]},
                                              {"name", first["departments"][0]["name"]}}}));
  CHECK_FALSE(first.contains("data"));  // the list is a summary

  std::vector<std::string> paged;
  std::string cursor;
  int pages = 0;
  do {
    auto page = t.s.get("/v1/cases?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), t.citizen);
    REQUIRE(page.status == 200);
    CHECK(page.body["cases"].size() <= 2);
    for (const auto& c : page.body["cases"]) paged.push_back(c["caseId"]);
    cursor = page.body["nextCursor"].is_null() ? "" : page.body["nextCursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  CHECK(pages == 3);
  CHECK(paged == std::vector<std::string>(mine.rbegin(), mine.rend()));

  CHECK(t.s.get("/v1/cases?limit=0", t.citizen).status == 400);
  CHECK(t.s.get("/v1/cases?limit=101", t.citizen).status == 400);
  CHECK(t.s.get("/v1/cases?cursor=garbage", t.citizen).status == 400);
  CHECK(t.s.get("/v1/cases", t.s.new_citizen(32)).body["cases"].empty());
}

TEST_CASE("one case: data, attachments, departments, due date, timeline and results") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  auto r = submit(t.s, t.citizen, "detail-key", "marriage-certificate-reissue", 1, data);
  REQUIRE(r.status == 201);
  std::string id = r.body["receipt"]["caseId"];
  auto c = t.s.get("/v1/cases/" + id, t.citizen);
  REQUIRE(c.status == 200);
  CHECK(c.body["caseId"] == id);
  CHECK(c.body["acceptanceNumber"] == r.body["receipt"]["acceptanceNumber"]);
  CHECK(c.body["submittedAt"] == kTuesdayMorning);
  CHECK(c.body["data"] == data);
  json photo = data["attachments"]["jointPhoto"];
  photo["material"] = "jointPhoto";
  CHECK(c.body["attachments"] == json::array({photo}));
  CHECK(c.body["dueDate"] == "2027-03-03");
  REQUIRE(c.body["departments"].size() == 1);
  CHECK(c.body["departments"][0]["name"]["zh-CN"] == "市民政局");
  REQUIRE(c.body["events"].size() == 1);
  auto e = c.body["events"][0];
  CHECK(e["kind"] == "submitted");
  CHECK(e["state"] == "submitted");
  CHECK(e["caseId"] == id);
  CHECK(e["at"] == kTuesdayMorning);
  CHECK(e["detail"]["acceptanceNumber"] == c.body["acceptanceNumber"]);
  CHECK_FALSE(e.contains("department"));
  CHECK(c.body["results"] == json::array());
  CHECK(c.header("Cache-Control") == "no-store");

  CHECK(t.s.get("/v1/cases/no-such-case", t.citizen).status == 404);
}

TEST_CASE("the changes feed: my events after a cursor, a page at a time") {
  Session t;
  auto empty = t.s.get("/v1/changes", t.citizen);
  REQUIRE(empty.status == 200);
  CHECK(empty.body == json{{"events", json::array()}, {"cursor", 0}, {"more", false}});

  std::vector<std::string> mine;
  for (int i = 0; i < 3; ++i) {
    mine.push_back(t.submit_case(t.citizen, "feed-key-" + std::to_string(i)));
    t.submit_case(t.other, "feed-key-" + std::to_string(i));
  }
  auto all = t.s.get("/v1/changes?cursor=0", t.citizen);
  REQUIRE(all.body["events"].size() == 3);
  CHECK(all.body["more"] == false);
  std::int64_t last = 0;
  for (size_t i = 0; i < 3; ++i) {
    auto ev = all.body["events"][i];
    CHECK(ev["caseId"] == mine[i]);
    CHECK(ev["kind"] == "submitted");
    CHECK(ev["seq"].get<std::int64_t>() > last);
    last = ev["seq"];
  }
  CHECK(all.body["cursor"] == last);
  CHECK(last == 5);  // the global sequence: the other account's events took 2 and 4

  auto p1 = t.s.get("/v1/changes?cursor=0&limit=2", t.citizen);
  CHECK(p1.body["events"].size() == 2);
  CHECK(p1.body["more"] == true);
  auto p2 = t.s.get("/v1/changes?cursor=" + p1.body["cursor"].dump() + "&limit=2", t.citizen);
  REQUIRE(p2.body["events"].size() == 1);
  CHECK(p2.body["events"][0]["caseId"] == mine[2]);
  CHECK(p2.body["more"] == false);
  auto caught_up = t.s.get("/v1/changes?cursor=" + p2.body["cursor"].dump(), t.citizen);
  CHECK(caught_up.body == json{{"events", json::array()}, {"cursor", last}, {"more", false}});

  auto theirs = t.s.get("/v1/changes", t.other).body["events"];
  REQUIRE(theirs.size() == 3);
  for (const auto& ev : theirs)
    CHECK(std::find(mine.begin(), mine.end(), ev["caseId"].get<std::string>()) == mine.end());

  CHECK(t.s.get("/v1/changes?cursor=-1", t.citizen).status == 400);
  CHECK(t.s.get("/v1/changes?limit=501", t.citizen).status == 400);
  CHECK(t.s.get("/v1/changes?cursor=abc", t.citizen).status == 400);
}

TEST_CASE("result downloads: unknown results, cases and other accounts' cases are not found") {
  Session t;
  std::string id = t.submit_case(t.citizen, "result-key");
  auto unknown_case = t.s.get("/v1/cases/no-such-case/results/r1", t.citizen);
  CHECK(unknown_case.status == 404);
  CHECK(unknown_case.error_code() == "protocol.not_found");
  auto theirs = t.s.get("/v1/cases/" + id + "/results/r1", t.other);
  CHECK(theirs.status == 404);
  // Exactly as if the case did not exist (the message names what was asked for).
  auto without = [](std::string text, const std::string& id) { return text.replace(text.find(id), id.size(), "X"); };
  CHECK(without(theirs.raw, id) == without(unknown_case.raw, "no-such-case"));
}

TEST_CASE("case routes: anonymous 401, caseworkers 403, another account 404") {
  Session t;
  std::string id = t.submit_case(t.citizen, "authz-key");
  const std::vector<std::string> routes = {"/v1/cases", "/v1/cases/" + id, "/v1/changes",
                                           "/v1/cases/" + id + "/results/r1"};
  for (const auto& path : routes) {
    CHECK_MESSAGE(t.s.get(path).status == 401, path);
    auto cw = t.s.get(path, t.caseworker);
    CHECK_MESSAGE(cw.status == 403, path);
    CHECK(cw.error_code() == "auth.forbidden");
  }
  auto peek = t.s.get("/v1/cases/" + id, t.other);
  CHECK(peek.status == 404);
  CHECK(peek.body["error"]["messages"]["zh-CN"] == "未找到该办件");
  CHECK(t.s.get("/v1/cases", t.other).body["cases"].empty());
  CHECK(t.s.get("/v1/changes", t.other).body["events"].empty());
  // The same key in another account is its own submission, never a replay of the citizen's.
  auto r = submit(t.s, t.other, "authz-key", kTraffic, 1, example_data(kTraffic));
  CHECK(r.status == 201);
  CHECK(r.body["receipt"]["caseId"] != id);
}
