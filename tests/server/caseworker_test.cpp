// The caseworkers' endpoints over real HTTP: the lifecycle of a single-department and a parallel-approval case,
// refused moves, department restrictions, work lists, result documents, and who may call what.

#include <doctest/doctest.h>

#include "core/common/sha256.hpp"
#include "tests/server/workflow_fixtures.hpp"

using namespace wb;
using namespace wb::test;
using nlohmann::json;

namespace {

const std::string kSingle = "professional-qualification-review";  // humanResources
const std::string kParallel = "graduate-employment-hukou";         // humanResources (lead), publicSecurity

std::vector<std::string> kinds_of(const json& timeline) {
  std::vector<std::string> out;
  for (const auto& e : timeline) out.push_back(e["kind"]);
  return out;
}

}  // namespace

TEST_CASE("a single-department case goes through its whole lifecycle") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto cw = s.login_demo("caseworker");
  std::string id = create_case(s, citizen.account_id, kSingle);

  auto list = s.get("/v1/admin/cases", cw);
  REQUIRE(list.status == 200);
  REQUIRE(list.body["cases"].size() == 1);
  auto summary = list.body["cases"][0];
  CHECK(summary["caseId"] == id);
  CHECK(summary["state"] == "submitted");
  CHECK(summary["itemId"] == kSingle);
  CHECK(summary["title"]["zh-CN"].is_string());
  CHECK(summary["dueDate"] == "2026-11-30");  // 5 working days after Monday the 23rd
  CHECK(summary["overdue"] == false);
  CHECK(summary["workingDaysLeft"] == 5);
  CHECK(summary["accountId"] == citizen.account_id);
  CHECK_FALSE(summary.contains("data"));
  CHECK(summary["departments"][0]["department"] == "humanResources");
  CHECK(summary["departments"][0]["name"]["zh-CN"] == "市人力资源和社会保障局");
  CHECK(list.body["nextCursor"].is_null());
  CHECK(list.header("Cache-Control") == "no-store");

  s.clock().advance(300 * 1000);  // (access tokens last 15 minutes)
  auto accepted = move(s, cw, id, "humanResources", "accepted", {{"note", "材料齐全，予以受理"}});
  REQUIRE(accepted.status == 200);
  CHECK(accepted.body["case"]["state"] == "accepted");
  CHECK(accepted.body["case"]["updatedAt"] == kMonday0900 + 300 * 1000);
  CHECK(accepted.body["event"]["kind"] == "status");
  CHECK(accepted.body["event"]["department"] == "humanResources");
  CHECK(accepted.body["event"]["state"] == "accepted");
  CHECK(accepted.body["event"]["detail"]["note"] == "材料齐全，予以受理");
  CHECK(move(s, cw, id, "humanResources", "in_review").body["case"]["state"] == "in_review");
  auto approved = move(s, cw, id, "humanResources", "approved");
  CHECK(approved.body["case"]["state"] == "approved");
  CHECK_FALSE(approved.body["case"].contains("completedAt"));

  std::string pdf = "%PDF-1.7 准予许可决定书";
  s.clock().advance(300 * 1000);
  auto published = publish(s, cw, id, pdf);
  REQUIRE(published.status == 201);
  CHECK(published.body["case"]["state"] == "result_available");
  CHECK(published.body["case"]["completedAt"] == kMonday0900 + 2 * 300 * 1000);
  CHECK(published.body["case"]["completedOnTime"] == true);
  CHECK(published.body["event"]["kind"] == "result");
  CHECK(published.body["event"]["department"] == "humanResources");
  CHECK(published.body["result"]["name"] == "准予许可决定书.pdf");
  CHECK(published.body["result"]["size"] == pdf.size());
  std::string url = published.body["result"]["url"];
  CHECK(published.header("Location") == url);

  auto bytes = s.get(url, cw);
  CHECK(bytes.status == 200);
  CHECK(bytes.raw == pdf);
  CHECK(bytes.header("Content-Type") == "application/pdf");
  // (cpp-httplib's client percent-decodes header values: the server sent filename*=UTF-8''%E5%87%86...)
  CHECK(bytes.header("Content-Disposition") ==
        "attachment; filename=\"_____________________.pdf\"; filename*=UTF-8''准予许可决定书.pdf");

  auto detail = s.get("/v1/admin/cases/" + id, cw);
  REQUIRE(detail.status == 200);
  CHECK(detail.body["data"]["applicant"]["name"] == "王五");
  CHECK(detail.body["attachments"].size() == 4);
  CHECK(detail.body["applicant"]["kind"] == "citizen");
  CHECK(kinds_of(detail.body["events"]) ==
        std::vector<std::string>{"submitted", "status", "status", "status", "result"});
  CHECK(detail.body["results"].size() == 1);
  CHECK(detail.body["supplementRequests"].empty());

  // Completed: nothing moves any more.
  auto again = move(s, cw, id, "humanResources", "rejected");
  CHECK(again.status == 409);
  CHECK(again.error_code() == "protocol.case_completed");

  // The applicant's feed shows every change, with the case's state after it.
  auto feed = s.ctx().storage->cases().events_since(citizen.account_id, 0, 100);
  REQUIRE(feed.size() == 5);
  CHECK(feed[1].state == server::CaseState::Accepted);
  CHECK(feed[4].kind == "result");
  CHECK(feed[4].state == server::CaseState::ResultAvailable);
  auto record = s.ctx().storage->cases().get_case(id);
  CHECK(record->completed_at == kMonday0900 + 2 * 300 * 1000);
}

TEST_CASE("parallel approval: the case's state follows all its departments") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto cw = s.login_demo("caseworker");
  std::string id = create_case(s, citizen.account_id, kParallel);

  CHECK(move(s, cw, id, "humanResources", "accepted").body["case"]["state"] == "submitted");  // least advanced
  CHECK(move(s, cw, id, "publicSecurity", "accepted").body["case"]["state"] == "accepted");
  CHECK(move(s, cw, id, "humanResources", "in_review").body["case"]["state"] == "accepted");
  CHECK(move(s, cw, id, "publicSecurity", "in_review").body["case"]["state"] == "in_review");
  auto one = move(s, cw, id, "humanResources", "approved");
  CHECK(one.body["case"]["state"] == "in_review");
  CHECK(one.body["case"]["departments"][0]["state"] == "approved");
  CHECK(one.body["case"]["departments"][1]["state"] == "in_review");
  CHECK(one.body["event"]["state"] == "in_review");
  CHECK(move(s, cw, id, "publicSecurity", "approved").body["case"]["state"] == "approved");

  // The parallel department's document does not complete the case; the lead's does.
  auto parallel_doc = publish(s, cw, id, "户口准迁证", "publicSecurity");
  REQUIRE(parallel_doc.status == 201);
  CHECK(parallel_doc.body["case"]["state"] == "approved");
  CHECK(parallel_doc.body["result"]["department"] == "publicSecurity");
  auto lead_doc = publish(s, cw, id, "人才引进落户批复", "humanResources");
  CHECK(lead_doc.body["case"]["state"] == "result_available");
  CHECK(lead_doc.body["case"].contains("completedAt"));

  // One refusal refuses the whole application and completes it.
  std::string other = create_case(s, citizen.account_id, kParallel);
  to_review(s, cw, other, "humanResources");
  auto refused = move(s, cw, other, "publicSecurity", "rejected", {{"note", "不符合落户条件"}});
  REQUIRE(refused.status == 200);
  CHECK(refused.body["case"]["state"] == "rejected");
  CHECK(refused.body["case"].contains("completedAt"));
  CHECK(move(s, cw, other, "humanResources", "approved").error_code() == "protocol.case_completed");
  // A refusal notice may still be published; the state stays rejected.
  auto notice = publish(s, cw, other, "不予许可决定书", "publicSecurity");
  CHECK(notice.status == 201);
  CHECK(notice.body["case"]["state"] == "rejected");

  auto feed = s.ctx().storage->cases().events_since(citizen.account_id, 0, 100);
  int transitions = 0;
  for (const auto& e : feed) transitions += e.kind == "status" || e.kind == "result";
  CHECK(transitions == 6 + 2 + 3 + 1);  // every move and every result, of both cases
}

TEST_CASE("refused moves say why") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto cw = s.login_demo("caseworker");
  std::string id = create_case(s, citizen.account_id, kSingle);

  auto skip = move(s, cw, id, "humanResources", "approved");
  CHECK(skip.status == 409);
  CHECK(skip.error_code() == "protocol.invalid_transition");
  CHECK(skip.body["error"]["messages"]["en"] ==
        "The case is \"submitted\" at department \"humanResources\"; it cannot move to \"approved\"");
  CHECK(move(s, cw, id, "humanResources", "submitted").error_code() == "protocol.invalid_transition");
  CHECK(move(s, cw, id, "nobody", "accepted").status == 422);
  CHECK(move(s, cw, id, "nobody", "accepted").error_code() == "protocol.unknown_department");
  CHECK(move(s, cw, id, "humanResources", "done").status == 400);
  CHECK(s.post("/v1/admin/cases/" + id + "/transitions", {{"to", "accepted"}}, cw).status == 400);
  CHECK(s.send("POST", "/v1/admin/cases/" + id + "/transitions", "{", "application/json", cw).status == 400);
  CHECK(s.send("POST", "/v1/admin/cases/" + id + "/transitions", "x", "text/plain", cw).status == 415);

  to_review(s, cw, id, "humanResources");
  // A supplement request must say what is missing, in terms of the form.
  CHECK(move(s, cw, id, "humanResources", "supplement_requested").error_code() == "protocol.missing_required");
  CHECK(move(s, cw, id, "humanResources", "supplement_requested", {{"missing", json::array()}}).status == 422);
  auto unknown = move(s, cw, id, "humanResources", "supplement_requested",
                      {{"missing", {{{"materialId", "passport"}, {"reason", {{"zh-CN", "缺少"}}}}}}});
  CHECK(unknown.status == 422);
  CHECK(unknown.error_code() == "protocol.missing_unknown");
  CHECK(move(s, cw, id, "humanResources", "supplement_requested",
             {{"missing", {{{"materialId", "diploma"}, {"field", "applicantMobile"}, {"reason", {{"zh-CN", "x"}}}}}}})
            .status == 400);
  CHECK(move(s, cw, id, "humanResources", "supplement_requested", {{"missing", {{{"materialId", "diploma"}}}}})
            .status == 400);
  CHECK(move(s, cw, id, "humanResources", "approved",
             {{"missing", {{{"materialId", "diploma"}, {"reason", {{"zh-CN", "x"}}}}}}})
            .status == 400);
  auto asked = move(s, cw, id, "humanResources", "supplement_requested",
                    {{"note", "请补充材料"},
                     {"missing", {{{"materialId", "diploma"}, {"reason", {{"zh-CN", "毕业证书不清晰"}, {"en", "Illegible"}}}},
                                  {{"field", "applicantMobile"}, {"reason", {{"zh-CN", "号码无法接通"}}}}}}});
  REQUIRE(asked.status == 200);
  CHECK(asked.body["case"]["state"] == "supplement_requested");
  CHECK(asked.body["event"]["kind"] == "supplement_requested");
  auto missing = asked.body["event"]["detail"]["missing"];
  CHECK(missing[0]["materialId"] == "diploma");
  CHECK(missing[0]["name"]["zh-CN"].is_string());
  CHECK(missing[0]["reason"]["en"] == "Illegible");
  CHECK(missing[1]["field"] == "applicantMobile");
  CHECK(missing[1]["name"]["en"] == "Mobile number");
  CHECK(asked.body["event"]["detail"]["note"] == "请补充材料");

  auto detail = s.get("/v1/admin/cases/" + id, cw).body;
  REQUIRE(detail["supplementRequests"].size() == 1);
  CHECK(detail["supplementRequests"][0]["department"] == "humanResources");
  CHECK(detail["supplementRequests"][0]["missing"] == missing);

  // Only the applicant's supplement returns the case to review; only a result makes it available.
  CHECK(move(s, cw, id, "humanResources", "in_review").error_code() == "protocol.awaiting_applicant");
  CHECK(move(s, cw, id, "humanResources", "rejected").status == 200);
  std::string approved = create_case(s, citizen.account_id, kSingle);
  to_review(s, cw, approved, "humanResources");
  REQUIRE(move(s, cw, approved, "humanResources", "approved").status == 200);
  CHECK(move(s, cw, approved, "humanResources", "result_available").error_code() == "protocol.result_required");
}

TEST_CASE("result documents: only after a decision, within the size limit, well described") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto cw = s.login_demo("caseworker");
  std::string id = create_case(s, citizen.account_id, kSingle);

  auto early = publish(s, cw, id, "too early");
  CHECK(early.status == 409);
  CHECK(early.error_code() == "protocol.result_not_decided");
  CHECK(s.get("/v1/admin/cases/" + id, cw).body["results"].empty());  // nothing was stored

  to_review(s, cw, id, "humanResources");
  REQUIRE(move(s, cw, id, "humanResources", "approved").status == 200);
  std::string path = "/v1/admin/cases/" + id + "/results";
  json good = {{"name", "决定书.pdf"}, {"mediaType", "application/pdf"}, {"contentBase64", "JVBERg=="}};
  auto with = [&](const char* key, json value) {
    json b = good;
    if (value.is_null()) b.erase(key);
    else b[key] = value;
    return s.post(path, b, cw);
  };
  CHECK(with("name", nullptr).status == 400);
  CHECK(with("name", "../etc/passwd").status == 400);
  CHECK(with("name", "a\"b.pdf").status == 400);
  CHECK(with("mediaType", "pdf").status == 400);
  CHECK(with("mediaType", "application/pdf; charset=x").status == 400);
  CHECK(with("contentBase64", "not base64!").status == 400);
  CHECK(with("contentBase64", "").status == 400);
  CHECK(with("contentBase64", nullptr).status == 400);
  CHECK(with("department", "publicSecurity").error_code() == "protocol.unknown_department");

  std::string big((5 << 20) + 1, 'x');
  auto too_big = publish(s, cw, id, big);
  CHECK(too_big.status == 413);
  CHECK(too_big.error_code() == "protocol.result_too_large");

  auto ok = s.post(path, good, cw);
  REQUIRE(ok.status == 201);
  CHECK(ok.body["result"]["sha256"] == sha256_hex("%PDF"));
  CHECK(ok.body["result"]["size"] == 4);
  CHECK(s.get(ok.body["result"]["url"].get<std::string>(), cw).raw == "%PDF");
  CHECK(s.get(path + "/no-such-result", cw).status == 404);
  // A further document for a completed case is published without moving anything.
  auto second = s.post(path, good, cw);
  CHECK(second.status == 201);
  CHECK(s.get("/v1/admin/cases/" + id, cw).body["results"].size() == 2);
}

TEST_CASE("caseworkers with departments act only for those departments") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto all = s.login_demo("caseworker");
  auto police = caseworker(s, "cw-police", {"publicSecurity"});
  auto civil = caseworker(s, "cw-civil", {"civilAffairs"});
  std::string hukou = create_case(s, citizen.account_id, kParallel);
  std::string single = create_case(s, citizen.account_id, kSingle);

  // Work lists hold only the cases of one's departments.
  auto mine = s.get("/v1/admin/cases", police).body["cases"];
  REQUIRE(mine.size() == 1);
  CHECK(mine[0]["caseId"] == hukou);
  CHECK(s.get("/v1/admin/cases", civil).body["cases"].empty());
  CHECK(s.get("/v1/admin/cases", all).body["cases"].size() == 2);
  CHECK(s.get("/v1/admin/cases?department=humanResources", police).error_code() == "protocol.department_forbidden");

  // A case of one's departments can be read; its other departments cannot be moved.
  CHECK(s.get("/v1/admin/cases/" + hukou, police).status == 200);
  auto forbidden = move(s, police, hukou, "humanResources", "accepted");
  CHECK(forbidden.status == 403);
  CHECK(forbidden.error_code() == "protocol.department_forbidden");
  CHECK(move(s, police, hukou, "publicSecurity", "accepted").status == 200);
  // A case of other departments only is refused entirely.
  CHECK(s.get("/v1/admin/cases/" + single, police).status == 403);
  CHECK(s.get("/v1/admin/cases/" + single + "/results/x", police).status == 403);
  CHECK(move(s, police, single, "humanResources", "accepted").status == 403);
  CHECK(publish(s, police, single, "x").status == 403);

  // Publishing for the whole case needs every department of it.
  to_review(s, all, hukou, "humanResources");
  REQUIRE(move(s, police, hukou, "publicSecurity", "in_review").status == 200);
  REQUIRE(move(s, all, hukou, "humanResources", "approved").status == 200);
  REQUIRE(move(s, police, hukou, "publicSecurity", "approved").status == 200);
  CHECK(publish(s, police, hukou, "x").status == 403);
  CHECK(publish(s, police, hukou, "x", "humanResources").status == 403);
  CHECK(publish(s, police, hukou, "x", "publicSecurity").status == 201);
  auto whole = publish(s, all, hukou, "y");  // every approved department at once
  REQUIRE(whole.status == 201);
  CHECK(whole.body["case"]["state"] == "result_available");
  CHECK(whole.body["event"]["department"] == "humanResources");  // the one that moved
  CHECK(whole.body["event"]["detail"]["departments"] == json::array({"humanResources"}));

  // Supervision is limited to one's departments too.
  auto report = s.get("/v1/admin/supervision", police).body;
  CHECK(report["totals"]["cases"] == 1);
  REQUIRE(report["departments"].size() == 1);
  CHECK(report["departments"][0]["department"] == "publicSecurity");
}

TEST_CASE("work lists filter by state, department, item and overdue, page by page") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto cw = s.login_demo("caseworker");
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(create_case(s, citizen.account_id, i % 2 ? kParallel : kSingle));
    s.clock().advance(60 * 1000);
  }
  REQUIRE(move(s, cw, ids[1], "publicSecurity", "accepted").status == 200);
  REQUIRE(move(s, cw, ids[0], "humanResources", "accepted").status == 200);

  auto count = [&](const std::string& query) {
    auto r = s.get("/v1/admin/cases" + query, cw);
    REQUIRE(r.status == 200);
    return r.body["cases"].size();
  };
  CHECK(count("") == 5);
  CHECK(count("?itemId=" + kParallel) == 2);
  CHECK(count("?department=publicSecurity") == 2);
  CHECK(count("?state=accepted") == 1);                                  // the case as a whole
  CHECK(count("?state=accepted&department=publicSecurity") == 1);        // that department's part
  CHECK(count("?state=submitted&department=publicSecurity") == 1);
  CHECK(count("?state=submitted") == 4);
  CHECK(count("?overdue=true") == 0);
  CHECK(count("?overdue=false") == 5);
  CHECK(s.get("/v1/admin/cases?state=done", cw).status == 400);
  CHECK(s.get("/v1/admin/cases?overdue=yes", cw).status == 400);
  CHECK(s.get("/v1/admin/cases?limit=0", cw).status == 400);
  CHECK(s.get("/v1/admin/cases?limit=201", cw).status == 400);
  CHECK(s.get("/v1/admin/cases?cursor=garbage", cw).status == 400);

  // Oldest first, two at a time.
  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    auto r = s.get("/v1/admin/cases?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), cw);
    REQUIRE(r.status == 200);
    for (const auto& c : r.body["cases"]) seen.push_back(c["caseId"]);
    if (r.body["nextCursor"].is_null()) break;
    cursor = r.body["nextCursor"];
  }
  CHECK(seen == ids);

  // Seven working days later the 5-day cases are overdue (the hukou item also promises 5 days).
  s.clock().advance(9 * kDayMs);  // Wednesday of the next week
  cw = s.login_demo("caseworker");
  auto overdue = s.get("/v1/admin/cases?overdue=true", cw).body["cases"];
  CHECK(overdue.size() == 5);
  CHECK(overdue[0]["overdue"] == true);
  CHECK(overdue[0]["daysOverdue"] == 2);
}

TEST_CASE("every caseworker route refuses applicants (403) and anonymous callers (401)") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto enterprise = s.login_demo("enterprise");
  std::string id = create_case(s, citizen.account_id, kSingle);
  std::string base = "/v1/admin/cases/" + id;
  struct Route {
    std::string method, path;
  };
  std::vector<Route> routes = {{"GET", "/v1/admin/cases"},
                               {"GET", base},
                               {"POST", base + "/transitions"},
                               {"POST", base + "/results"},
                               {"GET", base + "/results/x"},
                               {"GET", base + "/attachments/" + std::string(64, 'a')},
                               {"GET", "/v1/admin/supervision"}};
  json body = {{"department", "humanResources"}, {"to", "accepted"}};
  for (const auto& r : routes) {
    CAPTURE(r.path);
    auto anonymous = s.send(r.method, r.path, body.dump(), "application/json");
    CHECK(anonymous.status == 401);
    CHECK(anonymous.error_code() == "auth.token_missing");
    for (const auto& token : {citizen.token, enterprise}) {
      auto applicant = s.send(r.method, r.path, body.dump(), "application/json", token);
      CHECK(applicant.status == 403);
      CHECK(applicant.error_code() == "auth.forbidden");
    }
  }
  // Nothing moved.
  CHECK(s.ctx().storage->cases().get_case(id)->state == server::CaseState::Submitted);
  // An unknown case is 404 for a caseworker.
  auto cw = s.login_demo("caseworker");
  CHECK(s.get("/v1/admin/cases/no-such-case", cw).status == 404);
  CHECK(move(s, cw, "no-such-case", "humanResources", "accepted").status == 404);
}

TEST_CASE("the case store's workflow half, directly") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  std::string id = create_case(s, citizen.account_id, kSingle);
  auto& cases = s.ctx().storage->cases();

  auto rated = cases.record_event(id, "rated", {{"stars", 5}}, kMonday0900 + 1);
  CHECK(rated.seq > 0);
  CHECK(rated.account_id == citizen.account_id);
  CHECK(rated.state == server::CaseState::Submitted);
  CHECK(rated.department == "");
  CHECK(cases.timeline(id).back().detail["stars"] == 5);

  json data = {{"changed", true}};
  cases.set_case_data(id, data, json::array(), kMonday0900 + 2);
  auto record = cases.get_case(id);
  CHECK(record->data == data);
  CHECK(record->attachments == json::array());
  CHECK(record->updated_at == kMonday0900 + 2);

  server::CaseStore::ResultDocument doc;
  doc.id = "r1";
  doc.case_id = id;
  doc.name = "a.pdf";
  doc.media_type = "application/pdf";
  doc.sha256 = std::string(64, '0');
  doc.size = 3;
  doc.created_at = kMonday0900 + 3;
  doc.department = "humanResources";
  cases.add_result(doc, std::string("a\0b", 3));
  auto listed = cases.results(id);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].department == "humanResources");
  CHECK(listed[0].size == 3);
  CHECK(cases.result_bytes(id, "r1") == std::string("a\0b", 3));
  CHECK_FALSE(cases.result_bytes(id, "r2"));
  CHECK_FALSE(cases.result_bytes("other", "r1"));

  auto code = [](auto&& f) {
    try {
      f();
      return ErrorCode::Ok;
    } catch (const Error& e) {
      return e.code();
    }
  };
  CHECK(code([&] { cases.record_transition("nope", "humanResources", server::CaseState::Accepted, "status", {}, 1); }) ==
        ErrorCode::ProtoNotFound);
  CHECK(code([&] { cases.record_event("nope", "rated", {}, 1); }) == ErrorCode::ProtoNotFound);
  CHECK(code([&] { cases.set_case_data("nope", {}, {}, 1); }) == ErrorCode::ProtoNotFound);
  CHECK(code([&] { cases.provide_supplement(id, {}, {}, {}, 1); }) == ErrorCode::ProtoNotAwaitingSupplement);
  CHECK(cases.get_case(id)->data == data);  // the refused supplement wrote nothing
}

TEST_CASE("end to end: a submitted application, decided by caseworkers, followed by its applicant") {
  TestServer s;
  s.clock().set(kMonday0900);
  std::string token = s.login_demo("citizen");
  auto data = with_uploaded_attachments(s, token, example_data(kParallel));
  int version = s.ctx().forms.latest(kParallel)->published.version;
  auto submitted = submit(s, token, "end-to-end-0001", kParallel, version, data);
  REQUIRE(submitted.status == 201);
  std::string id = submitted.body["receipt"]["caseId"];
  auto cw = s.login_demo("caseworker");
  auto civil = caseworker(s, "cw-civil", {"civilAffairs"});

  // The caseworker reads the applicant's materials, by the hashes the case lists.
  auto detail = s.get("/v1/admin/cases/" + id, cw).body;
  REQUIRE(detail["attachments"].size() == 4);
  for (const auto& a : detail["attachments"]) {
    std::string sha = a["sha256"];
    auto file = s.get("/v1/admin/cases/" + id + "/attachments/" + sha, cw);
    CHECK(file.status == 200);
    CHECK(sha256_hex(file.raw) == sha);
    CHECK(file.header("Content-Type") == a["mediaType"]);
    CHECK(s.get("/v1/admin/cases/" + id + "/attachments/" + sha, civil).status == 403);
  }
  CHECK(s.get("/v1/admin/cases/" + id + "/attachments/" + std::string(64, 'a'), cw).status == 404);

  to_review(s, cw, id, "humanResources");
  to_review(s, cw, id, "publicSecurity");
  REQUIRE(move(s, cw, id, "humanResources", "approved").status == 200);
  REQUIRE(move(s, cw, id, "publicSecurity", "approved").status == 200);
  REQUIRE(publish(s, cw, id, "批复与准迁证").status == 201);

  // The applicant sees the result, downloads it, and the changes feed holds every step.
  auto mine = s.get("/v1/cases/" + id, token);
  REQUIRE(mine.status == 200);
  CHECK(mine.body["state"] == "result_available");
  REQUIRE(mine.body["results"].size() == 1);
  CHECK(s.get(mine.body["results"][0]["url"].get<std::string>(), token).raw == "批复与准迁证");
  auto feed = s.get("/v1/changes?cursor=0", token);
  REQUIRE(feed.status == 200);
  std::vector<std::string> kinds, states;
  for (const auto& e : feed.body["events"]) {
    kinds.push_back(e["kind"]);
    states.push_back(e["state"]);
  }
  CHECK(kinds == std::vector<std::string>{"submitted", "status", "status", "status", "status", "status", "status",
                                          "result"});
  // (The case is as far as its least advanced department until every department has decided.)
  CHECK(states == std::vector<std::string>{"submitted", "submitted", "submitted", "accepted", "in_review",
                                           "in_review", "approved", "result_available"});
}
