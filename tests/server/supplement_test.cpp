// The applicant's supplement (补正) over real HTTP: a caseworker asks, the applicant corrects the answers (validated
// like a submission), the departments that asked return to review; and who may supply.

#include <doctest/doctest.h>

#include "tests/server/workflow_fixtures.hpp"

using namespace wb;
using namespace wb::test;
using nlohmann::json;

namespace {

const std::string kSingle = "professional-qualification-review";  // humanResources
const std::string kParallel = "graduate-employment-hukou";         // humanResources (lead), publicSecurity

json ask(const std::string& material) {
  return {{"note", "请补正"}, {"missing", {{{"materialId", material}, {"reason", {{"zh-CN", "材料不清晰"}}}}}}};
}

HttpResult supply(TestServer& s, const std::string& token, const std::string& case_id, const json& body) {
  return s.post("/v1/cases/" + case_id + "/supplements", body, token);
}

}  // namespace

TEST_CASE("a supplement round trip: asked, refused while invalid, supplied, back in review") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto cw = s.login_demo("caseworker");
  std::string id = create_case(s, citizen.account_id, kSingle);
  to_review(s, cw, id, "humanResources");

  // Not asked yet.
  auto early = supply(s, citizen.token, id, {{"note", "补充"}});
  CHECK(early.status == 409);
  CHECK(early.error_code() == "protocol.not_awaiting_supplement");

  REQUIRE(move(s, cw, id, "humanResources", "supplement_requested",
               {{"missing", {{{"field", "applicantMobile"}, {"reason", {{"zh-CN", "号码无法接通"}}}}}}})
              .status == 200);

  // An invalid answer is refused with the same errors a submission gets; nothing changes.
  auto invalid = s.post("/v1/cases/" + id + "/supplements?lang=en", {{"data", {{"applicant", {{"mobile", "123"}}}}}},
                        citizen.token);
  CHECK(invalid.status == 422);
  CHECK(invalid.error_code() == "protocol.validation_failed");
  REQUIRE(invalid.body["errors"].size() == 1);
  auto e = invalid.body["errors"][0];
  CHECK(e["instancePath"] == "/applicant/mobile");
  CHECK(e["code"] == "validate.format.cn_mobile");
  CHECK(e["keyword"] == "format");
  CHECK(e["message"] == "Please enter a valid 11-digit mobile phone number");
  CHECK(e["messages"]["zh-CN"] == "请输入有效的11位手机号码");
  CHECK(s.ctx().storage->cases().get_case(id)->state == server::CaseState::SupplementRequested);

  // A file the case never had (and that was not uploaded) is refused.
  auto unknown_file = supply(s, citizen.token, id,
                             {{"data", {{"attachments", {{"diploma", {{"sha256", std::string(64, 'a')},
                                                                      {"name", "新毕业证.pdf"},
                                                                      {"size", 1000},
                                                                      {"mediaType", "application/pdf"}}}}}}}});
  CHECK(unknown_file.status == 422);
  CHECK(unknown_file.error_code() == "protocol.attachment_missing");

  s.clock().advance(600 * 1000);
  auto ok = supply(s, citizen.token, id,
                   {{"data", {{"applicant", {{"mobile", "13900000009"}, {"email", nullptr}}}}},
                    {"attachments", json::array()},
                    {"note", "已更正手机号码"}});
  REQUIRE(ok.status == 200);
  CHECK(ok.body["caseId"] == id);
  CHECK(ok.body["state"] == "in_review");
  CHECK(ok.body["departments"][0]["state"] == "in_review");
  auto event = ok.body["event"];
  CHECK(event["kind"] == "supplement_provided");
  CHECK(event["department"] == "humanResources");
  CHECK(event["state"] == "in_review");
  CHECK(event["at"] == kMonday0900 + 600 * 1000);
  CHECK(event["detail"]["note"] == "已更正手机号码");
  CHECK(event["detail"]["changed"] == json::array({"/applicant/email", "/applicant/mobile"}));

  // The case's data is the merged, effective data; its other answers are untouched.
  auto detail = s.get("/v1/admin/cases/" + id, cw).body;
  CHECK(detail["data"]["applicant"]["mobile"] == "13900000009");
  CHECK_FALSE(detail["data"]["applicant"].contains("email"));
  CHECK(detail["data"]["applicant"]["name"] == "王五");
  CHECK(detail["attachments"].size() == 4);
  CHECK(detail["supplementRequests"].empty());
  std::vector<std::string> kinds;
  for (const auto& t : detail["events"]) kinds.push_back(t["kind"]);
  CHECK(kinds == std::vector<std::string>{"submitted", "status", "status", "supplement_requested",
                                          "supplement_provided"});

  // Once supplied, a second supplement is refused; the case goes on.
  CHECK(supply(s, citizen.token, id, {{"note", "again"}}).error_code() == "protocol.not_awaiting_supplement");
  CHECK(move(s, cw, id, "humanResources", "approved").status == 200);

  // The applicant's feed shows the request (with what is missing) and the supplement.
  auto feed = s.ctx().storage->cases().events_since(citizen.account_id, 0, 100);
  REQUIRE(feed.size() == 6);
  CHECK(feed[3].kind == "supplement_requested");
  CHECK(feed[3].detail["missing"][0]["field"] == "applicantMobile");
  CHECK(feed[4].kind == "supplement_provided");
}

TEST_CASE("a supplement returns every department that asked to review; the others keep their state") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto cw = s.login_demo("caseworker");
  std::string id = create_case(s, citizen.account_id, kParallel);
  to_review(s, cw, id, "humanResources");
  to_review(s, cw, id, "publicSecurity");
  REQUIRE(move(s, cw, id, "humanResources", "supplement_requested", ask("contract")).status == 200);
  REQUIRE(move(s, cw, id, "publicSecurity", "supplement_requested", ask("photo")).status == 200);
  CHECK(s.get("/v1/admin/cases/" + id, cw).body["supplementRequests"].size() == 2);

  auto ok = supply(s, citizen.token, id, {{"note", "已补正"}});
  REQUIRE(ok.status == 200);
  CHECK(ok.body["state"] == "in_review");
  CHECK_FALSE(ok.body["event"].contains("department"));  // about the whole case
  CHECK(ok.body["event"]["detail"]["departments"] == json::array({"humanResources", "publicSecurity"}));
  CHECK(ok.body["event"]["detail"]["changed"] == json::array());

  // Only the department that asked goes back; one that had approved stays approved.
  std::string other = create_case(s, citizen.account_id, kParallel);
  to_review(s, cw, other, "humanResources");
  to_review(s, cw, other, "publicSecurity");
  REQUIRE(move(s, cw, other, "humanResources", "approved").status == 200);
  REQUIRE(move(s, cw, other, "publicSecurity", "supplement_requested", ask("photo")).status == 200);
  auto back = supply(s, citizen.token, other, json::object());
  REQUIRE(back.status == 200);
  CHECK(back.body["state"] == "in_review");
  CHECK(back.body["departments"][0]["state"] == "approved");
  CHECK(back.body["departments"][1]["state"] == "in_review");
  CHECK(back.body["event"]["department"] == "publicSecurity");
}

TEST_CASE("a refused case takes no supplement") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto cw = s.login_demo("caseworker");
  std::string id = create_case(s, citizen.account_id, kParallel);
  to_review(s, cw, id, "humanResources");
  to_review(s, cw, id, "publicSecurity");
  REQUIRE(move(s, cw, id, "humanResources", "supplement_requested", ask("contract")).status == 200);
  REQUIRE(move(s, cw, id, "publicSecurity", "rejected").status == 200);
  CHECK(supply(s, citizen.token, id, {{"note", "x"}}).error_code() == "protocol.not_awaiting_supplement");
}

TEST_CASE("only the case's owner may supply: others 404, caseworkers 403, anonymous 401") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto stranger = another_citizen(s, 7);
  auto enterprise = s.login_demo("enterprise");
  auto cw = s.login_demo("caseworker");
  std::string id = create_case(s, citizen.account_id, kSingle);
  to_review(s, cw, id, "humanResources");
  REQUIRE(move(s, cw, id, "humanResources", "supplement_requested", ask("diploma")).status == 200);

  json body = {{"note", "x"}};
  auto other = supply(s, stranger.token, id, body);
  CHECK(other.status == 404);
  CHECK(other.error_code() == "protocol.not_found");
  CHECK(supply(s, enterprise, id, body).status == 404);
  CHECK(supply(s, stranger.token, "no-such-case", body).status == 404);
  auto worker = supply(s, cw, id, body);
  CHECK(worker.status == 403);
  CHECK(worker.error_code() == "auth.forbidden");
  CHECK(supply(s, "", id, body).status == 401);
  CHECK(s.ctx().storage->cases().get_case(id)->state == server::CaseState::SupplementRequested);

  // Malformed bodies.
  CHECK(supply(s, citizen.token, id, {{"data", "x"}}).status == 400);
  CHECK(supply(s, citizen.token, id, {{"attachments", "x"}}).status == 400);
  CHECK(supply(s, citizen.token, id, {{"note", 5}}).status == 400);
  CHECK(supply(s, citizen.token, id, json::array()).status == 400);
  CHECK(supply(s, citizen.token, id, {{"note", std::string(2001, 'x')}}).status == 400);
}

TEST_CASE("a supplement may bring newly uploaded files of the applicant, of the size uploaded") {
  TestServer s;
  s.clock().set(kMonday0900);
  auto citizen = demo_citizen(s);
  auto stranger = another_citizen(s, 8);
  auto cw = s.login_demo("caseworker");
  std::string id = create_case(s, citizen.account_id, kSingle);
  to_review(s, cw, id, "humanResources");
  REQUIRE(move(s, cw, id, "humanResources", "supplement_requested", ask("diploma")).status == 200);
  std::string old_diploma = s.get("/v1/admin/cases/" + id, cw).body["data"]["attachments"]["diploma"]["sha256"];

  std::string bytes = "%PDF 清晰的毕业证书扫描件";
  auto value = attachment_value(bytes, "毕业证书.pdf", "application/pdf");
  auto with_diploma = [](json v) { return json{{"data", {{"attachments", {{"diploma", v}}}}}}; };

  // Another account's upload is not this applicant's file.
  upload_bytes(s, stranger.token, bytes, "毕业证书.pdf", "application/pdf");
  CHECK(supply(s, citizen.token, id, with_diploma(value)).error_code() == "protocol.attachment_missing");

  upload_bytes(s, citizen.token, bytes, "毕业证书.pdf", "application/pdf");
  json wrong = value;
  wrong["size"] = bytes.size() + 1;
  auto mismatch = supply(s, citizen.token, id, with_diploma(wrong));
  CHECK(mismatch.status == 422);
  CHECK(mismatch.error_code() == "protocol.attachment_mismatch");

  auto ok = supply(s, citizen.token, id, with_diploma(value));
  REQUIRE(ok.status == 200);
  CHECK(ok.body["event"]["detail"]["changed"] ==
        json::array({"/attachments/diploma/mediaType", "/attachments/diploma/name", "/attachments/diploma/sha256",
                     "/attachments/diploma/size"}));
  auto file = s.get("/v1/admin/cases/" + id + "/attachments/" + value["sha256"].get<std::string>(), cw);
  CHECK(file.status == 200);
  CHECK(file.raw == bytes);
  // The replaced file is no longer one of the case's materials.
  CHECK(s.get("/v1/admin/cases/" + id + "/attachments/" + old_diploma, cw).status == 404);
}
