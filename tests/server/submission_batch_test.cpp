// POST /v1/submissions/batch: each entry answered exactly as the single route would answer it (same keys, same
// validation, same error bodies), the accepted ones committed together; keys repeated within and across batches;
// a retried batch; the size limits.

#include <doctest/doctest.h>

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
  HttpResult batch(const json& entries) { return s.post("/v1/submissions/batch", {{"submissions", entries}}, citizen); }
  size_t cases() { return s.ctx().storage->cases().cases_of(account_of(s, citizen)).size(); }
};

json entry(const std::string& key, const json& data, int version = 1) {
  json e = submission_body(kItem, version, data);
  e["idempotencyKey"] = key;
  return e;
}

}  // namespace

TEST_CASE("batch: each entry gets the single route's answer; the accepted ones become cases") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  json malformed = entry("batch-key-4", data);
  malformed.erase("itemId");
  json keyless = submission_body(kItem, 1, data);
  auto r = t.batch({entry("batch-key-1", data), entry("batch-key-2", json::object()), entry("batch-key-3", data),
                    malformed, keyless, entry("short", data)});
  REQUIRE(r.status == 200);
  const auto& results = r.body["results"];
  REQUIRE(results.size() == 6);
  CHECK(results[0]["status"] == 201);
  CHECK(results[0]["idempotencyKey"] == "batch-key-1");
  CHECK(results[0]["receipt"]["acceptanceNumber"] == "WB20270302000001");
  CHECK(results[0]["receipt"]["receivedAt"] == kTuesdayMorning);
  CHECK_FALSE(results[0].contains("replayed"));
  CHECK(results[1]["status"] == 422);
  CHECK(results[1]["error"]["code"] == "protocol.validation_failed");
  CHECK(results[1]["errors"].is_array());
  CHECK_FALSE(results[1]["errors"].empty());
  CHECK(results[2]["status"] == 201);
  CHECK(results[2]["receipt"]["acceptanceNumber"] == "WB20270302000002");
  CHECK(results[3]["status"] == 400);
  CHECK(results[3]["error"]["code"] == "protocol.bad_request");
  CHECK(results[3]["idempotencyKey"] == "batch-key-4");
  CHECK(results[4]["status"] == 400);
  CHECK(results[4]["error"]["code"] == "protocol.idempotency_key_missing");
  CHECK_FALSE(results[4].contains("idempotencyKey"));
  CHECK(results[5]["status"] == 400);
  CHECK(results[5]["error"]["code"] == "protocol.idempotency_key_invalid");
  CHECK(t.cases() == 2);

  // The error body of an entry is the single route's, word for word.
  auto single = submit(t.s, t.citizen, "single-key-2", kItem, 1, json::object());
  json expected = single.body;
  expected["status"] = 422;
  expected["idempotencyKey"] = "batch-key-2";
  CHECK(results[1] == expected);

  // Keys are shared with the single route: a repeat there gets the batch's receipt; the refused entry's key was
  // released, so its corrected retry may use it.
  auto again = submit(t.s, t.citizen, "batch-key-1", kItem, 1, data);
  CHECK(again.status == 200);
  CHECK(again.body["receipt"] == results[0]["receipt"]);
  CHECK(submit(t.s, t.citizen, "batch-key-2", kItem, 1, data).status == 201);
  CHECK(t.cases() == 3);
}

TEST_CASE("batch: a key repeated inside a batch meets its first entry's outcome; across batches, the same receipt") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  auto other = data;
  other["original"]["registry"] = "示例市另一婚姻登记处";
  auto r = t.batch({entry("dup-key-1", data), entry("dup-key-1", data), entry("dup-key-2", data),
                    entry("dup-key-2", other), entry("dup-key-3", json::object()), entry("dup-key-3", data)});
  REQUIRE(r.status == 200);
  const auto& results = r.body["results"];
  REQUIRE(results.size() == 6);
  CHECK(results[0]["status"] == 201);
  CHECK(results[1]["status"] == 200);  // as if sent after the first: the same receipt, replayed
  CHECK(results[1]["replayed"] == true);
  CHECK(results[1]["receipt"] == results[0]["receipt"]);
  CHECK(results[2]["status"] == 201);
  CHECK(results[3]["status"] == 422);
  CHECK(results[3]["error"]["code"] == "protocol.idempotency_key_reused");
  CHECK(results[4]["status"] == 422);  // refused: the key is released ...
  CHECK(results[4]["error"]["code"] == "protocol.validation_failed");
  CHECK(results[5]["status"] == 201);  // ... so the corrected entry behind it is accepted
  CHECK(t.cases() == 3);

  // The whole batch again (its answer was lost, say): every receipt as before, nothing created twice.
  t.s.clock().advance(60'000);
  auto retried = t.batch({entry("dup-key-1", data), entry("dup-key-2", data), entry("dup-key-3", data)});
  REQUIRE(retried.status == 200);
  CHECK(retried.body["results"][0]["receipt"] == results[0]["receipt"]);
  CHECK(retried.body["results"][1]["receipt"] == results[2]["receipt"]);
  CHECK(retried.body["results"][2]["receipt"] == results[5]["receipt"]);
  for (const auto& one : retried.body["results"]) CHECK(one["status"] == 200);
  CHECK(t.cases() == 3);
}

TEST_CASE("batch: accepted cases survive a restart; a claim held by another request is answered 409 for that entry") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  auto first = t.batch({entry("keep-key-1", data), entry("keep-key-2", data)});
  REQUIRE(first.status == 200);
  t.s.restart();
  t.citizen = t.s.login_demo("citizen");
  auto account = account_of(t.s, t.citizen);
  auto request = server::SubmissionRequest::from_json(submission_body(kItem, 1, data));
  auto& cases = t.s.ctx().storage->cases();
  REQUIRE(cases.begin_submission(account, "keep-key-3", request.fingerprint(), t.s.clock().now_ms()).outcome ==
          server::BeginOutcome::Started);
  auto again = t.batch({entry("keep-key-1", data), entry("keep-key-3", data), entry("keep-key-2", data)});
  REQUIRE(again.status == 200);
  CHECK(again.body["results"][0]["receipt"] == first.body["results"][0]["receipt"]);
  CHECK(again.body["results"][1]["status"] == 409);
  CHECK(again.body["results"][1]["error"]["code"] == "protocol.idempotency_in_progress");
  CHECK(again.body["results"][2]["receipt"] == first.body["results"][1]["receipt"]);
  cases.abandon_submission(account, "keep-key-3");
  CHECK(t.cases() == 2);
}

TEST_CASE("batch: limits — 100 entries at most (413 batch_too_large), 4 MiB of JSON, not empty, the right shape") {
  Session t;
  auto data = marriage_reissue(t.s, t.citizen);
  json many = json::array();
  for (int i = 0; i < 101; ++i) many.push_back(entry("many-key-" + std::to_string(i), data));
  auto over = t.batch(many);
  CHECK(over.status == 413);
  CHECK(over.error_code() == "protocol.batch_too_large");
  CHECK(over.body["error"]["messages"]["en"] ==
        "A batch takes at most 100 applications (101 were sent); send them in smaller batches");
  CHECK(t.cases() == 0);  // refused whole: nothing of it was taken
  many.erase(many.end() - 1);
  auto hundred = t.batch(many);
  REQUIRE(hundred.status == 200);
  for (const auto& one : hundred.body["results"]) CHECK(one["status"] == 201);
  CHECK(t.cases() == 100);

  std::string huge = R"({"submissions": [], "pad": ")" + std::string(4 << 20, 'x') + R"("})";
  auto too_big = t.s.send("POST", "/v1/submissions/batch", huge, "application/json", t.citizen);
  CHECK(too_big.status == 413);
  CHECK(too_big.error_code() == "protocol.body_too_large");
  CHECK(too_big.body["error"]["messages"]["en"] == "The request is too large (limit 4194304 bytes)");

  auto empty = t.batch(json::array());
  CHECK(empty.status == 400);
  CHECK(empty.error_code() == "protocol.bad_request");
  auto shapeless = t.s.post("/v1/submissions/batch", json::array({entry("x-key-0001", data)}), t.citizen);
  CHECK(shapeless.status == 400);
  CHECK(shapeless.error_code() == "protocol.bad_request");
  CHECK(t.s.post("/v1/submissions/batch", {{"submissions", json::array()}}).status == 401);
}
