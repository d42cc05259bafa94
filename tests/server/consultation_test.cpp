// Online consultation (在线咨询): applicants ask about a service item, caseworkers answer and publish; the public FAQ
// shows published answers without anything about the asker.

#include <doctest/doctest.h>

#include "tests/server/test_server.hpp"

using namespace wb;
using wb::test::TestServer;

namespace {

const std::string kItem = "marriage-registration-appointment";

std::string repeat(const std::string& piece, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += piece;
  return out;
}

test::HttpResult ask(TestServer& s, const std::string& token, const std::string& question,
                     const std::string& item = kItem) {
  return s.post("/v1/consultations", {{"itemId", item}, {"question", question}}, token);
}

}  // namespace

TEST_CASE("consultations: ask, list mine newest first, answer, publish to the item's FAQ") {
  TestServer s;
  auto citizen = s.login_demo("citizen");
  auto worker = s.login_demo("caseworker");
  std::int64_t t0 = s.clock().now_ms();

  auto first = ask(s, citizen, "  预约后需要带户口本原件吗？\n");
  REQUIRE(first.status == 201);
  CHECK(first.body["itemId"] == kItem);
  CHECK(first.body["question"] == "预约后需要带户口本原件吗？");  // trimmed
  CHECK(first.body["askedAt"] == t0);
  CHECK(first.body["answered"] == false);
  CHECK(first.body["published"] == false);
  CHECK_FALSE(first.body.contains("answer"));
  CHECK_FALSE(first.body.contains("accountId"));
  std::string first_id = first.body["consultationId"];
  CHECK(first_id.rfind("cns_", 0) == 0);

  s.clock().advance(1000);
  auto second = ask(s, citizen, "可以改约吗？", "marriage-certificate-reissue");
  REQUIRE(second.status == 201);
  std::string second_id = second.body["consultationId"];

  auto mine = s.get("/v1/consultations", citizen);
  REQUIRE(mine.status == 200);
  REQUIRE(mine.body["consultations"].size() == 2);
  CHECK(mine.body["consultations"][0]["consultationId"] == second_id);
  CHECK(mine.body["consultations"][1]["consultationId"] == first_id);

  auto queue = s.get("/v1/admin/consultations?answered=false", worker);
  REQUIRE(queue.status == 200);
  REQUIRE(queue.body["consultations"].size() == 2);
  CHECK(queue.body["consultations"][0]["consultationId"] == first_id);  // the oldest first: a queue
  CHECK(queue.body["consultations"][0]["accountId"].get<std::string>().rfind("acc_", 0) == 0);
  auto by_item = s.get("/v1/admin/consultations?itemId=" + kItem, worker);
  REQUIRE(by_item.body["consultations"].size() == 1);
  CHECK(by_item.body["consultations"][0]["consultationId"] == first_id);

  s.clock().advance(60'000);
  auto answered = s.post("/v1/admin/consultations/" + first_id + "/answer",
                         {{"answer", "需要，请携带户口本和身份证原件。"}, {"publish", true}}, worker);
  REQUIRE(answered.status == 200);
  CHECK(answered.body["answered"] == true);
  CHECK(answered.body["answer"] == "需要，请携带户口本和身份证原件。");
  CHECK(answered.body["answeredAt"] == s.clock().now_ms());
  CHECK(answered.body["answeredBy"] == "王窗口（演示受理人员）");
  CHECK(answered.body["published"] == true);
  auto private_answer = s.post("/v1/admin/consultations/" + second_id + "/answer", {{"answer", "可以。"}}, worker);
  REQUIRE(private_answer.status == 200);
  CHECK(private_answer.body["published"] == false);

  auto mine_after = s.get("/v1/consultations/" + first_id, citizen);
  REQUIRE(mine_after.status == 200);
  CHECK(mine_after.body["answer"] == "需要，请携带户口本和身份证原件。");
  CHECK(mine_after.body["answeredBy"] == "王窗口（演示受理人员）");
  CHECK(s.get("/v1/consultations", citizen).body["consultations"][0]["answer"] == "可以。");
  CHECK(s.get("/v1/admin/consultations?answered=false", worker).body["consultations"].empty());
  CHECK(s.get("/v1/admin/consultations?answered=true", worker).body["consultations"].size() == 2);

  // The public FAQ: published answers only, nothing about who asked, no sign-in needed.
  auto faq = s.get("/v1/forms/" + kItem + "/consultations");
  REQUIRE(faq.status == 200);
  REQUIRE(faq.body["consultations"].size() == 1);
  auto entry = faq.body["consultations"][0];
  CHECK(entry["question"] == "预约后需要带户口本原件吗？");
  CHECK(entry["answer"] == "需要，请携带户口本和身份证原件。");
  for (const char* hidden : {"accountId", "askedAt", "answeredBy", "displayName"}) CHECK_FALSE(entry.contains(hidden));
  CHECK(faq.raw.find("acc_") == std::string::npos);
  CHECK(s.get("/v1/forms/marriage-certificate-reissue/consultations").body["consultations"].empty());

  // A corrected answer replaces the first one; unpublishing takes it out of the FAQ.
  auto corrected = s.post("/v1/admin/consultations/" + first_id + "/answer",
                          {{"answer", "需要户口本原件。"}, {"publish", false}}, worker);
  CHECK(corrected.body["answer"] == "需要户口本原件。");
  CHECK(s.get("/v1/forms/" + kItem + "/consultations").body["consultations"].empty());
}

TEST_CASE("consultations: invalid requests get precise errors") {
  TestServer s;
  auto citizen = s.login_demo("citizen");
  auto worker = s.login_demo("caseworker");

  auto unknown = ask(s, citizen, "有什么材料？", "no-such-item");
  CHECK(unknown.status == 404);
  CHECK(unknown.error_code() == "protocol.not_found");
  auto blank = ask(s, citizen, " \n ");
  CHECK(blank.status == 400);
  CHECK(blank.error_code() == "protocol.text_length");
  CHECK(blank.body["error"]["pointer"] == "/question");
  CHECK(blank.body["error"]["messages"]["zh-CN"] == "问题应为 1 到 2000 个字");
  CHECK(ask(s, citizen, repeat("问", 2000)).status == 201);  // counted in characters, not bytes
  CHECK(ask(s, citizen, repeat("问", 2001)).error_code() == "protocol.text_length");
  auto missing = s.post("/v1/consultations", {{"question", "x"}}, citizen);
  CHECK(missing.status == 400);
  CHECK(missing.error_code() == "protocol.bad_request");
  CHECK(s.post("/v1/consultations", {{"itemId", kItem}, {"question", 5}}, citizen).error_code() == "protocol.bad_request");
  CHECK(s.post("/v1/consultations", nlohmann::json::array(), citizen).error_code() == "protocol.bad_request");
  CHECK(s.send("POST", "/v1/consultations", "itemId=x", "text/plain", citizen).status == 415);

  std::string id = ask(s, citizen, "几点开门？").body["consultationId"];
  auto empty_answer = s.post("/v1/admin/consultations/" + id + "/answer", {{"answer", ""}}, worker);
  CHECK(empty_answer.status == 400);
  CHECK(empty_answer.error_code() == "protocol.text_length");
  CHECK(empty_answer.body["error"]["pointer"] == "/answer");
  CHECK(s.post("/v1/admin/consultations/" + id + "/answer", {{"answer", "九点"}, {"publish", "yes"}}, worker)
            .error_code() == "protocol.bad_request");
  auto no_such = s.post("/v1/admin/consultations/cns_nope/answer", {{"answer", "九点"}}, worker);
  CHECK(no_such.status == 404);
  CHECK(no_such.error_code() == "protocol.not_found");
  CHECK(s.get("/v1/admin/consultations?answered=maybe", worker).error_code() == "protocol.bad_request");
  CHECK(s.get("/v1/admin/consultations?limit=0", worker).error_code() == "protocol.bad_request");
  CHECK(s.get("/v1/forms/no-such-item/consultations").status == 404);
}

TEST_CASE("consultations: every route is authorised") {
  TestServer s;
  auto citizen = s.login_demo("citizen");
  auto other = s.new_citizen(41);
  auto enterprise = s.login_demo("enterprise");
  auto worker = s.login_demo("caseworker");
  std::string id = ask(s, citizen, "需要预约吗？").body["consultationId"];

  // Another applicant: the consultation does not exist for them.
  auto theirs = s.get("/v1/consultations/" + id, other);
  CHECK(theirs.status == 404);
  CHECK(theirs.error_code() == "protocol.not_found");
  CHECK(s.get("/v1/consultations/" + id, enterprise).status == 404);
  CHECK(s.get("/v1/consultations", other).body["consultations"].empty());
  CHECK(s.get("/v1/consultations/cns_unknown", citizen).status == 404);
  CHECK(ask(s, enterprise, "企业也可以咨询吗？").status == 201);  // enterprises are applicants too

  // Anonymous: 401 everywhere but the public FAQ.
  CHECK(s.post("/v1/consultations", {{"itemId", kItem}, {"question", "x"}}).status == 401);
  CHECK(s.get("/v1/consultations").status == 401);
  CHECK(s.get("/v1/consultations/" + id).status == 401);
  CHECK(s.get("/v1/admin/consultations").status == 401);
  CHECK(s.post("/v1/admin/consultations/" + id + "/answer", {{"answer", "要"}}).status == 401);
  CHECK(s.get("/v1/forms/" + kItem + "/consultations").status == 200);

  // Applicants on the caseworkers' routes, and a caseworker on the applicants' routes: 403.
  auto forbidden = s.get("/v1/admin/consultations", citizen);
  CHECK(forbidden.status == 403);
  CHECK(forbidden.error_code() == "auth.forbidden");
  CHECK(s.post("/v1/admin/consultations/" + id + "/answer", {{"answer", "要"}}, citizen).status == 403);
  CHECK(s.post("/v1/admin/consultations/" + id + "/answer", {{"answer", "要"}}, other).status == 403);
  CHECK(ask(s, worker, "x").status == 403);
  CHECK(s.get("/v1/consultations", worker).status == 403);
  CHECK(s.get("/v1/consultations/" + id, worker).status == 403);
}
