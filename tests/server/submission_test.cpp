// Idempotent submissions: the five outcomes of an Idempotency-Key, server-side validation with the clients' own
// session code, form versions in and past their grace period, attachments, due dates, and durability across a
// restart.

#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

#include "server/cases/submission_service.hpp"
#include "tests/server/case_test_helpers.hpp"
#include "tests/support/test_files.hpp"

using namespace wb;
using namespace wb::test;
using nlohmann::json;

namespace {

const std::string kItem = "marriage-certificate-reissue";

struct Session {
  TestServer s;
  std::string citizen;
  Session() {
    s.clock().set(kTuesdayMorning);
    citizen = s.login_demo("citizen");
  }
};

// Publishes version 2 of an item (the same definition, a new number) at the current time.
void publish_v2(TestServer& s, const std::string& item) {
  auto doc = json::parse(read_file(source_dir() + "/examples/catalog/" + item + ".json"));
  doc["version"] = 2;
  REQUIRE(s.ctx().forms.publish(doc.dump()).empty());
}

}  // namespace

TEST_CASE("an Idempotency-Key: first request, repeat, other payload, in progress, and no key") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);

  auto first = submit(t.s, t.citizen, "key-0000001", kItem, 1, data);
  REQUIRE(first.status == 201);
  auto receipt = first.body["receipt"];
  CHECK(std::regex_match(receipt["caseId"].get<std::string>(), std::regex("[0-9a-f-]{36}")));
  CHECK(receipt["acceptanceNumber"] == "WB20270302000001");
  CHECK(receipt["receivedAt"] == kTuesdayMorning);
  CHECK(first.header("Idempotent-Replayed").empty());
  CHECK(first.header("Location") == "/v1/cases/" + receipt["caseId"].get<std::string>());

  // The same key and payload (a client retrying after a lost response): the same receipt, no second case.
  t.s.clock().advance(5000);
  auto again = submit(t.s, t.citizen, "key-0000001", kItem, 1, data);
  CHECK(again.status == 200);
  CHECK(again.body["receipt"] == receipt);
  CHECK(again.header("Idempotent-Replayed") == "true");
  CHECK(t.s.ctx().storage->cases().cases_of(account_of(t.s, t.citizen)).size() == 1);

  // The same key with something else in it.
  auto other = data;
  other["original"]["registry"] = "示例市另一婚姻登记处";
  auto reused = submit(t.s, t.citizen, "key-0000001", kItem, 1, other);
  CHECK(reused.status == 422);
  CHECK(reused.error_code() == "protocol.idempotency_key_reused");
  CHECK(submit(t.s, t.citizen, "key-0000001", kItem, 1, data).status == 200);  // still the first receipt

  // While the first request with a key is being processed, a repeat is told to wait (the claim is taken here
  // directly, as a request in flight would hold it).
  std::string account = account_of(t.s, t.citizen);
  auto request = server::SubmissionRequest::from_json(submission_body(kItem, 1, other));
  auto& cases = t.s.ctx().storage->cases();
  REQUIRE(cases.begin_submission(account, "key-0000002", request.fingerprint(), t.s.clock().now_ms()).outcome ==
          server::BeginOutcome::Started);
  auto busy = submit(t.s, t.citizen, "key-0000002", kItem, 1, other);
  CHECK(busy.status == 409);
  CHECK(busy.error_code() == "protocol.idempotency_in_progress");
  CHECK(busy.body["error"]["messages"]["zh-CN"] == "该申请正在处理中，请稍后再查询");
  cases.abandon_submission(account, "key-0000002");
  auto second = submit(t.s, t.citizen, "key-0000002", kItem, 1, other);
  CHECK(second.status == 201);
  CHECK(second.body["receipt"]["acceptanceNumber"] == "WB20270302000002");

  // No key, and keys that are not 8-128 visible ASCII characters.
  auto none = t.s.post("/v1/submissions", submission_body(kItem, 1, data), t.citizen);
  CHECK(none.status == 400);
  CHECK(none.error_code() == "protocol.idempotency_key_missing");
  const std::vector<std::string> bad_keys = {"short", "has space-in-it", std::string(129, 'k'), "ключ-ключ"};
  for (const auto& bad : bad_keys) {
    auto r = submit(t.s, t.citizen, bad, kItem, 1, data);
    CHECK_MESSAGE(r.status == 400, bad);
    CHECK(r.error_code() == "protocol.idempotency_key_invalid");
  }
  CHECK(submit(t.s, t.citizen, std::string(128, 'k'), kItem, 1, data).status == 201);
  CHECK(submit(t.s, t.citizen, "12345678", kItem, 1, data).status == 201);
}

TEST_CASE("keys belong to an account: another account may use the same key") {
  Session t;
  std::string other = t.s.new_citizen(7);
  auto mine = submit(t.s, t.citizen, "shared-key-1", kItem, 1, marriage_reissue(t.s, t.citizen));
  auto theirs = submit(t.s, other, "shared-key-1", kItem, 1, marriage_reissue(t.s, other));
  REQUIRE(mine.status == 201);
  REQUIRE(theirs.status == 201);
  CHECK(mine.body["receipt"]["caseId"] != theirs.body["receipt"]["caseId"]);
  CHECK(theirs.body["receipt"]["acceptanceNumber"] == "WB20270302000002");
}

TEST_CASE("acceptance numbers count per China day") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  CHECK(submit(t.s, t.citizen, "day-one-a", kItem, 1, data).body["receipt"]["acceptanceNumber"] == "WB20270302000001");
  CHECK(submit(t.s, t.citizen, "day-one-b", kItem, 1, data).body["receipt"]["acceptanceNumber"] == "WB20270302000002");
  // 2027-03-02T16:30Z is already 00:30 on 3 March in China.
  t.s.clock().set(1'803'918'600'000 + kDayMs);
  std::string token = t.s.login_demo("citizen");
  CHECK(submit(t.s, token, "day-two-a", kItem, 1, data).body["receipt"]["acceptanceNumber"] == "WB20270303000001");
}

TEST_CASE("keys are kept at least 30 days, then forgotten") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  auto first = submit(t.s, t.citizen, "long-lived-key", kItem, 1, data);
  REQUIRE(first.status == 201);
  t.s.clock().advance(31 * kDayMs);
  std::string token = t.s.login_demo("citizen");
  auto month_later = submit(t.s, token, "long-lived-key", kItem, 1, data);
  CHECK(month_later.status == 200);
  CHECK(month_later.body["receipt"] == first.body["receipt"]);
  t.s.clock().advance(15 * kDayMs);  // 46 days: past the retention (45 days by default); purged on the next request
  token = t.s.login_demo("citizen");
  auto forgotten = submit(t.s, token, "long-lived-key", kItem, 1, data);
  CHECK(forgotten.status == 201);
  CHECK(forgotten.body["receipt"]["caseId"] != first.body["receipt"]["caseId"]);
}

TEST_CASE("invalid data is refused with the clients' error format, and the key stays usable") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  auto broken = data;
  broken["husband"]["idNumber"] = "330106198802141014";  // wrong check character
  broken.erase("declaration");
  auto r = submit(t.s, t.citizen, "fix-and-retry", kItem, 1, broken);
  REQUIRE(r.status == 422);
  CHECK(r.error_code() == "protocol.validation_failed");
  CHECK(r.body["error"]["messages"]["en"] == "The application has 2 problem(s) to fix");
  REQUIRE(r.body["errors"].size() == 2);
  std::map<std::string, json> by_path;
  for (const auto& e : r.body["errors"]) by_path[e["instancePath"]] = e;
  REQUIRE(by_path.count("/husband/idNumber"));
  REQUIRE(by_path.count("/declaration"));
  auto id_error = by_path["/husband/idNumber"];
  CHECK(id_error["keyword"] == "format");
  CHECK(id_error["code"].get<std::string>().rfind("validate.", 0) == 0);
  CHECK(id_error["message"] == id_error["messages"]["zh-CN"]);  // the request's language (zh-CN by default)
  CHECK_FALSE(id_error["messages"]["en"].get<std::string>().empty());
  CHECK(by_path["/declaration"]["keyword"] == "required");

  auto english = t.s.post("/v1/submissions?lang=en", submission_body(kItem, 1, broken), t.citizen,
                          {{"Idempotency-Key", "fix-and-retry"}});
  CHECK(english.body["errors"][0]["message"] == english.body["errors"][0]["messages"]["en"]);

  // A rule (assert) failing is refused just the same: the registration date may not be in the future.
  auto future = data;
  future["original"]["registrationDate"] = "2027-03-03";
  auto rule = submit(t.s, t.citizen, "fix-and-retry", kItem, 1, future);
  REQUIRE(rule.status == 422);
  REQUIRE(rule.body["errors"].size() == 1);
  CHECK(rule.body["errors"][0]["instancePath"] == "/original/registrationDate");
  CHECK(rule.body["errors"][0]["keyword"] == "assert");
  CHECK(rule.body["errors"][0]["messages"]["en"] == "The registration date cannot be in the future");

  // The refusals released the key: the corrected application goes through with it.
  CHECK(submit(t.s, t.citizen, "fix-and-retry", kItem, 1, data).status == 201);
}

TEST_CASE("malformed bodies are refused before anything is claimed") {
  Session t;
  auto post = [&](const json& body) {
    return t.s.post("/v1/submissions", body, t.citizen, {{"Idempotency-Key", "malformed-1"}});
  };
  CHECK(post(json::array()).status == 400);
  CHECK(post({{"formVersion", 1}, {"data", json::object()}}).status == 400);
  CHECK(post({{"itemId", kItem}, {"formVersion", "1"}, {"data", json::object()}}).status == 400);
  CHECK(post({{"itemId", kItem}, {"formVersion", 1}, {"data", json::array()}}).status == 400);
  CHECK(post({{"itemId", kItem}, {"formVersion", 1}, {"data", json::object()}, {"attachments", 3}}).status == 400);
  auto text = t.s.send("POST", "/v1/submissions", "{}", "text/plain", t.citizen, {{"Idempotency-Key", "malformed-1"}});
  CHECK(text.status == 415);
  auto syntax = t.s.send("POST", "/v1/submissions", "{\"itemId\": ", "application/json", t.citizen,
                         {{"Idempotency-Key", "malformed-1"}});
  CHECK(syntax.status == 400);
  CHECK(syntax.error_code() == "json.syntax");
}

TEST_CASE("hidden answers are not kept: the case holds the effective data") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  REQUIRE(data["reason"] == "lost");
  data["damageDescription"] = "这段文字只在选择“损毁”时显示";  // hidden while the reason is "lost"
  auto r = submit(t.s, t.citizen, "hidden-answer", kItem, 1, data);
  REQUIRE(r.status == 201);
  auto stored = t.s.ctx().storage->cases().get_case(r.body["receipt"]["caseId"]);
  REQUIRE(stored);
  CHECK_FALSE(stored->data.contains("damageDescription"));
  CHECK(stored->data["husband"] == data["husband"]);
  CHECK(stored->form_version == 1);
  CHECK(stored->idempotency_key == "hidden-answer");
}

TEST_CASE("form versions: unknown, current, in the grace period, retired") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  auto unknown = submit(t.s, t.citizen, "version-0", "no-such-item", 1, data);
  CHECK(unknown.status == 422);
  CHECK(unknown.error_code() == "protocol.unknown_form");
  CHECK(submit(t.s, t.citizen, "version-0", kItem, 9, data).error_code() == "protocol.unknown_form");

  publish_v2(t.s, kItem);
  t.s.clock().advance(29 * kDayMs);  // version 1 is in its 30-day grace period
  std::string token = t.s.login_demo("citizen");
  auto in_grace = submit(t.s, token, "version-1", kItem, 1, data);
  CHECK(in_grace.status == 201);
  CHECK(submit(t.s, token, "version-2", kItem, 2, data).status == 201);

  t.s.clock().advance(2 * kDayMs);
  token = t.s.login_demo("citizen");
  auto retired = submit(t.s, token, "version-3", kItem, 1, data);
  CHECK(retired.status == 422);
  CHECK(retired.error_code() == "protocol.form_version_retired");
  CHECK(retired.body["latest"] == 2);
  CHECK(retired.body["error"]["messages"]["en"].get<std::string>().find("move to version 2") != std::string::npos);
  // An application accepted earlier keeps its receipt.
  CHECK(submit(t.s, token, "version-1", kItem, 1, data).status == 200);
  // And the refused key works once the application moves to version 2.
  CHECK(submit(t.s, token, "version-3", kItem, 2, data).status == 201);
}

TEST_CASE("attachments must be uploaded completely by the same account, with the size stated") {
  Session t;
  auto data = example_data(kItem);  // its photo was never uploaded here
  auto missing = submit(t.s, t.citizen, "attach-1", kItem, 1, data);
  CHECK(missing.status == 422);
  CHECK(missing.error_code() == "protocol.attachment_missing");
  CHECK(missing.body["error"]["messages"]["zh-CN"] == "材料“孙七周八合影.jpg”尚未上传完成");

  // Uploaded by someone else: still missing for this account.
  std::string other = t.s.new_citizen(8);
  std::string photo = "joint photo bytes";
  upload_bytes(t.s, other, photo, "合影.jpg", "image/jpeg");
  data["attachments"]["jointPhoto"] = attachment_value(photo, "合影.jpg", "image/jpeg");
  CHECK(submit(t.s, t.citizen, "attach-1", kItem, 1, data).error_code() == "protocol.attachment_missing");

  // Started but not finished.
  auto created = t.s.post("/v1/uploads", {{"sha256", data["attachments"]["jointPhoto"]["sha256"]},
                                          {"size", photo.size()}, {"mediaType", "image/jpeg"}, {"name", "合影.jpg"}},
                          t.citizen);
  REQUIRE(created.status == 201);
  std::string upload_id = created.body["uploadId"];
  REQUIRE(patch_upload(t.s, t.citizen, upload_id, 0, photo.substr(0, 5)).status == 204);
  CHECK(submit(t.s, t.citizen, "attach-1", kItem, 1, data).error_code() == "protocol.attachment_missing");

  REQUIRE(patch_upload(t.s, t.citizen, upload_id, 5, photo.substr(5)).status == 204);
  auto wrong_size = data;
  wrong_size["attachments"]["jointPhoto"]["size"] = 999;
  CHECK(submit(t.s, t.citizen, "attach-1", kItem, 1, wrong_size).error_code() == "protocol.attachment_mismatch");
  auto ok = submit(t.s, t.citizen, "attach-1", kItem, 1, data);
  REQUIRE(ok.status == 201);
  auto stored = t.s.ctx().storage->cases().get_case(ok.body["receipt"]["caseId"]);
  REQUIRE(stored);
  auto expected = attachment_value(photo, "合影.jpg", "image/jpeg");
  expected["material"] = "jointPhoto";  // the case names each file's material, for the caseworker
  CHECK(stored->attachments == json::array({expected}));
}

TEST_CASE("attachments keep to their material's limits even when uploaded without naming the material") {
  Session t;
  auto data = example_data(kItem);
  // The joint photo must be a JPEG or PNG of at most 2 MiB: a PDF uploaded without a material is caught at submission.
  std::string pdf = "%PDF-1.7 not a photo";
  upload_bytes(t.s, t.citizen, pdf, "合影.pdf", "application/pdf");
  data["attachments"]["jointPhoto"] = attachment_value(pdf, "合影.pdf", "application/pdf");
  auto refused = submit(t.s, t.citizen, "material-1", kItem, 1, data);
  CHECK(refused.status == 422);
  CHECK(refused.error_code() == "protocol.upload_type_not_accepted");
  CHECK(refused.body["acceptedTypes"] == json::array({"image/jpeg", "image/png"}));

  std::string big(2 * 1024 * 1024 + 1, 'x');
  upload_bytes(t.s, t.citizen, big, "合影.jpg", "image/jpeg");
  data["attachments"]["jointPhoto"] = attachment_value(big, "合影.jpg", "image/jpeg");
  auto too_large = submit(t.s, t.citizen, "material-1", kItem, 1, data);
  CHECK(too_large.status == 422);
  CHECK(too_large.error_code() == "protocol.upload_too_large");

  std::string photo = "\xff\xd8 a real photo";
  upload_bytes(t.s, t.citizen, photo, "合影.jpg", "image/jpeg");
  data["attachments"]["jointPhoto"] = attachment_value(photo, "合影.jpg", "image/jpeg");
  CHECK(submit(t.s, t.citizen, "material-1", kItem, 1, data).status == 201);
}

TEST_CASE("cases get their departments and a due date in working days") {
  Session t;
  // Tuesday with a 1-working-day promise: due Wednesday.
  auto r = submit(t.s, t.citizen, "due-date-1", kItem, 1, marriage_reissue(t.s, t.citizen));
  REQUIRE(r.status == 201);
  auto c = t.s.ctx().storage->cases().get_case(r.body["receipt"]["caseId"]);
  REQUIRE(c);
  CHECK(c->due_date == "2027-03-03");
  REQUIRE(c->departments.size() == 1);
  CHECK(c->departments[0].department == "civilAffairs");
  CHECK(c->departments[0].role == "lead");
  CHECK(c->state == server::CaseState::Submitted);

  // Friday with a 15-day promise, over a holiday the operator's calendar declares: lead and parallel departments.
  t.s.clock().set(1'804'212'000'000);  // Friday 2027-03-05
  t.s.ctx().calendar = server::WorkCalendar::from_json({{"holidays", {"2027-03-10"}}});
  std::string token = t.s.login_demo("citizen");
  auto subsidy = with_uploaded_attachments(t.s, token, example_data("disability-hardship-subsidy"));
  auto r2 = submit(t.s, token, "due-date-2", "disability-hardship-subsidy", 1, subsidy);
  REQUIRE(r2.status == 201);
  auto c2 = t.s.ctx().storage->cases().get_case(r2.body["receipt"]["caseId"]);
  REQUIRE(c2);
  CHECK(c2->due_date == "2027-03-29");  // 15 working days from Monday 8 March, skipping Wednesday 10 March
  REQUIRE(c2->departments.size() == 2);
  CHECK(c2->departments[0].department == "civilAffairs");
  CHECK(c2->departments[0].role == "lead");
  CHECK(c2->departments[1].department == "disabledPersonsFederation");
  CHECK(c2->departments[1].role == "parallel");
  for (const auto& d : c2->departments) CHECK(d.state == server::CaseState::Submitted);
  auto events = t.s.ctx().storage->cases().timeline(c2->id);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == "submitted");
  CHECK(events[0].detail["acceptanceNumber"] == c2->acceptance_number);
}

TEST_CASE("every sample application is accepted by the server, as the clients accept it") {
  Session t;
  std::string enterprise = t.s.login_demo("enterprise");
  int n = 0;
  for (const auto& path : list_dir(source_dir() + "/examples/catalog", ".example.json")) {
    std::string item = std::filesystem::path(path).filename().string();
    item = item.substr(0, item.size() - std::string(".example.json").size());
    auto def = json::parse(read_file(source_dir() + "/examples/catalog/" + item + ".json"));
    std::string token = def["audience"] == "enterprise" ? enterprise : t.citizen;
    auto data = with_uploaded_attachments(t.s, token, example_data(item));
    auto r = submit(t.s, token, "sample-" + item, item, 1, data);
    CHECK_MESSAGE(r.status == 201, item << ": " << r.raw);
    ++n;
  }
  CHECK(n == 27);
  // An item for enterprises is not for a citizen's account.
  auto annual = example_data("company-annual-report");
  auto wrong = submit(t.s, t.citizen, "wrong-audience", "company-annual-report", 1, annual);
  CHECK(wrong.status == 422);
  CHECK(wrong.error_code() == "protocol.wrong_audience");
}

TEST_CASE("only applicants submit: anonymous 401, caseworkers 403") {
  Session t;
  auto data = example_data("traffic-violation-confirmation");
  CHECK(submit(t.s, "", "auth-key-1", "traffic-violation-confirmation", 1, data).status == 401);
  auto caseworker = submit(t.s, t.s.login_demo("caseworker"), "auth-key-1", "traffic-violation-confirmation", 1, data);
  CHECK(caseworker.status == 403);
  CHECK(caseworker.error_code() == "auth.forbidden");
}

TEST_CASE("an accepted case survives a restart, and its key still returns the same receipt") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  auto first = submit(t.s, t.citizen, "durable-key", kItem, 1, data);
  REQUIRE(first.status == 201);
  // A claim left "processing" by a crash is released at start-up (no case was created for it).
  auto request = server::SubmissionRequest::from_json(submission_body(kItem, 1, data));
  t.s.ctx().storage->cases().begin_submission(account_of(t.s, t.citizen), "crashed-key", request.fingerprint(),
                                               t.s.clock().now_ms());

  t.s.restart();
  auto c = t.s.get("/v1/cases/" + first.body["receipt"]["caseId"].get<std::string>(), t.citizen);
  CHECK(c.status == 200);
  CHECK(c.body["acceptanceNumber"] == first.body["receipt"]["acceptanceNumber"]);
  auto again = submit(t.s, t.citizen, "durable-key", kItem, 1, data);
  CHECK(again.status == 200);
  CHECK(again.body["receipt"] == first.body["receipt"]);
  CHECK(submit(t.s, t.citizen, "crashed-key", kItem, 1, data).status == 201);
}
