// The sync engine's behaviours one by one, against the model server with a perfect network (the fault storms are
// in simulation_test.cpp).

#include <doctest/doctest.h>

#include "tests/core/sync/engine_rig.hpp"

using nlohmann::json;
using namespace wb;

namespace {

std::string definition_text() { return test::marriage_definition_text(); }

using Rig = test::EngineRig;

}  // namespace

TEST_CASE("sign-in: a refused password is reported, a right one stores tokens") {
  Rig rig;
  CHECK(rig.engine->needs_sign_in());
  rig.engine->begin_login(test::SimServer::kAccount, "wrong");
  rig.run(1);
  REQUIRE(rig.engine->login_result());
  CHECK_FALSE(rig.engine->login_result()->ok);
  CHECK(rig.engine->login_result()->status == 401);
  CHECK(rig.engine->login_result()->error["error"]["code"] == "auth.invalid_credentials");
  CHECK(rig.engine->needs_sign_in());
  rig.sign_in();
  CHECK(rig.engine->login_result()->ok);
  CHECK_FALSE(rig.engine->needs_sign_in());
  REQUIRE(rig.credentials.load());
  CHECK(rig.credentials.load()->display_name == "模拟居民");
}

TEST_CASE("nothing is pushed while signed out; items wait queued, then go once signed in") {
  Rig rig;
  auto item = rig.queue({{"n", 1}});
  rig.run();
  CHECK(rig.store->outbox_item(item.id)->state == store::OutboxState::Queued);
  CHECK(rig.server.cases_created() == 0);
  auto status = rig.engine->status();
  CHECK(status.needs_sign_in);
  CHECK(status.queued == 1);
  rig.sign_in();
  rig.run();
  auto sent = rig.store->outbox_item(item.id);
  CHECK(sent->state == store::OutboxState::Accepted);
  CHECK(sent->receipt == rig.server.cases_by_key().at(item.idempotency_key).receipt);
  // The first status of the case came with the feed.
  auto history = rig.store->status_history(item.id);
  REQUIRE(!history.empty());
  CHECK(history.front().status == "submitted");
}

TEST_CASE("the catalog is pulled with its ETag; definitions are cached for offline use") {
  Rig rig;
  rig.run();
  CHECK(rig.store->cached_form("marriage-certificate-reissue", 1).has_value());
  CHECK(rig.store->meta("sync.catalog_etag").value_or("") == "\"catalog-1\"");
  rig.env.clock.advance(16 * 60 * 1000);
  rig.run();
  CHECK(rig.server.requests_seen("GET /v1/forms/") == 1);  // the second listing was 304: nothing fetched again
}

TEST_CASE("a newer form version moves drafts to it by field id, with a report") {
  Rig rig;
  auto form = form::load_form_text(definition_text()).form;
  rig.store->cache_form(form->source);
  auto draft = rig.store->create_draft(*form, {{"reason", "lost"}});
  auto v2 = json::parse(definition_text());
  v2["version"] = 2;
  rig.server.add_definition(v2.dump());
  rig.run();
  auto moved = rig.store->draft(draft);
  CHECK(moved->form_version == 2);
  CHECK(moved->data["reason"] == "lost");
  auto report = rig.store->draft_migration_report(draft);
  REQUIRE(report);
  CHECK((*report)["from"] == 1);
  CHECK((*report)["to"] == 2);
}

TEST_CASE("a retired form version puts the item in needs attention (version); superseding it clears the count") {
  Rig rig;
  rig.sign_in();
  rig.server.retire("marriage-certificate-reissue", 1);
  auto item = rig.queue({{"n", 1}});
  rig.run();
  auto after = rig.store->outbox_item(item.id);
  CHECK(after->state == store::OutboxState::NeedsAttention);
  CHECK(after->attention == "version");
  CHECK(rig.engine->status().needs_attention == 1);
  auto form = form::load_form_text(definition_text()).form;
  auto draft = rig.store->supersede_with_draft(item.id, *form, after->payload, {{"from", 1}, {"to", 1}});
  CHECK(rig.store->draft(draft).has_value());
  CHECK(rig.store->outbox_item(item.id)->attention == "superseded");
  CHECK(rig.engine->status().needs_attention == 0);
  CHECK(rig.store->outbox().size() == 1);  // kept, never deleted silently
}

TEST_CASE("a replayed refresh token ends the sign-in: the queue pauses in needs sign-in, nothing is dropped") {
  Rig rig;
  rig.sign_in();
  auto stolen = rig.credentials.load()->refresh_token;
  // Somebody else uses the refresh token first.
  sync::Request r;
  r.method = "POST";
  r.path = "/v1/auth/refresh";
  r.body = json{{"refreshToken", stolen}}.dump();
  CHECK(rig.server.handle(r).status == 200);
  rig.env.clock.advance(16 * 60 * 1000);  // our access token expires: we refresh with the same (now used) token
  auto item = rig.queue({{"n", 2}});
  rig.run();
  CHECK(rig.engine->needs_sign_in());
  CHECK_FALSE(rig.credentials.load().has_value());
  CHECK(rig.store->outbox_item(item.id)->state != store::OutboxState::NeedsAttention);
  rig.sign_in();
  rig.run();
  CHECK(rig.store->outbox_item(item.id)->state == store::OutboxState::Accepted);
}

TEST_CASE("a small item passes a large upload; the large one resumes from the server's offset") {
  sync::EngineOptions options;
  options.upload_chunk_bytes = 1000;
  options.large_upload_bytes = 5000;
  Rig rig(options);
  rig.sign_in();
  std::string big(20000, 'B'), small(100, 's');
  auto large = rig.queue({{"n", "large"}}, big);
  auto little = rig.queue({{"n", "small"}}, small);
  // Step by step: the small item is accepted while the large upload is still going.
  bool small_first = false;
  for (int i = 0; i < 200; ++i) {
    auto reqs = rig.engine->poll();
    if (reqs.empty()) break;
    for (auto& r : reqs) rig.engine->on_response(r.id, rig.server.handle(r));
    if (rig.store->outbox_item(little.id)->state == store::OutboxState::Accepted &&
        rig.store->outbox_item(large.id)->state != store::OutboxState::Accepted)
      small_first = true;
  }
  CHECK(small_first);
  CHECK(rig.store->outbox_item(large.id)->state == store::OutboxState::Accepted);
  CHECK(rig.server.requests_seen("PATCH /v1/uploads/") == 20 + 1);  // 20 chunks of the large file, 1 of the small
}

TEST_CASE("an upload cut mid-way resumes at the server's offset after a restart (no byte sent twice)") {
  sync::EngineOptions options;
  options.upload_chunk_bytes = 1000;
  Rig rig(options);
  rig.sign_in();
  auto item = rig.queue({{"n", 1}}, std::string(10000, 'x'));
  // Five chunks go through, then the app dies.
  int patches = 0;
  while (patches < 5) {
    for (auto& r : rig.engine->poll()) {
      if (r.method == "PATCH") ++patches;
      rig.engine->on_response(r.id, rig.server.handle(r));
    }
  }
  rig.engine = std::make_unique<sync::Engine>(*rig.store, rig.credentials, rig.env.env(), options);
  auto sent = rig.run();
  int later = 0;
  for (const auto& r : sent)
    if (r.method == "PATCH") ++later;
  CHECK(later == 5);  // the other half only: the server was asked where it stood (HEAD)
  CHECK(rig.server.requests_seen("HEAD /v1/uploads/") == 1);
  CHECK(rig.store->outbox_item(item.id)->state == store::OutboxState::Accepted);
}

TEST_CASE("retryable answers back off with full jitter and honour Retry-After; rejections need attention") {
  Rig rig;
  rig.sign_in();
  auto item = rig.queue({{"n", 1}});
  auto reqs = rig.engine->poll();
  sync::Request submit;
  for (auto& r : reqs)
    if (r.path == "/v1/submissions") submit = r;
    else rig.engine->on_response(r.id, rig.server.handle(r));
  REQUIRE(submit.id != 0);
  sync::Response busy;
  busy.status = 503;
  busy.headers = {{"Retry-After", "120"}};
  rig.engine->on_response(submit.id, busy);
  auto waiting = rig.store->outbox_item(item.id);
  CHECK(waiting->state == store::OutboxState::Queued);
  CHECK(waiting->next_attempt_at >= rig.env.clock.now_ms() + 120000);
  rig.run();  // everything else may go now; the item waits for its time
  CHECK(rig.server.cases_created() == 0);
  CHECK(rig.engine->next_wakeup() > rig.env.clock.now_ms());
  rig.env.clock.advance(121000);
  // Now the server refuses it for good (an invalid payload): needs attention, with the server's error.
  sync::Request again;
  for (int i = 0; i < 10 && again.id == 0; ++i)
    for (auto& r : rig.engine->poll())
      if (r.path == "/v1/submissions") again = r;
      else rig.engine->on_response(r.id, rig.server.handle(r));
  REQUIRE(again.id != 0);
  sync::Response invalid;
  invalid.status = 422;
  invalid.body = R"({"error":{"code":"protocol.validation_failed"},"errors":[{"instancePath":"/reason"}]})";
  rig.engine->on_response(again.id, invalid);
  auto refused = rig.store->outbox_item(item.id);
  CHECK(refused->state == store::OutboxState::NeedsAttention);
  CHECK(refused->attention == "rejected");
  CHECK(refused->last_error["errors"][0]["instancePath"] == "/reason");
}

TEST_CASE("a long upload on a flaky line: each cut retries soon while the upload keeps advancing") {
  sync::EngineOptions options;
  options.upload_chunk_bytes = 1000;
  options.retry_base_ms = 1000;
  Rig rig(options);
  rig.sign_in();
  auto item = rig.queue({{"n", 1}}, std::string(30000, 'x'));
  // Every other PATCH is cut on the way (the connection drops): 30 cuts in all. Without the reset, the 30th retry
  // would wait up to the 15-minute cap; with it, no wait is longer than base × 2 (one failure after progress).
  int patches = 0, cuts = 0;
  std::int64_t longest_wait = 0;
  for (int i = 0; i < 1000 && rig.store->outbox_item(item.id)->state != store::OutboxState::Accepted; ++i) {
    auto reqs = rig.engine->poll();
    if (reqs.empty()) {
      auto wait = rig.engine->next_wakeup() - rig.env.clock.now_ms();
      longest_wait = std::max(longest_wait, wait);
      rig.env.clock.advance(std::max<std::int64_t>(wait, 1));
      continue;
    }
    for (auto& r : reqs) {
      if (r.method == "PATCH" && patches++ % 2 == 0) {
        ++cuts;
        rig.engine->on_failure(r.id, "connection reset");
      } else {
        rig.engine->on_response(r.id, rig.server.handle(r));
      }
    }
  }
  CHECK(rig.store->outbox_item(item.id)->state == store::OutboxState::Accepted);
  CHECK(cuts >= 30);
  CHECK(longest_wait <= 2000);
}

TEST_CASE("an upload names the item and the material the file is for (together, as protocol v1 wants), or neither") {
  Rig rig;
  rig.store->cache_form(json::parse(definition_text()));
  rig.sign_in();
  auto form = form::load_form_text(definition_text()).form;
  auto draft = rig.store->create_draft(*form);
  auto ref = rig.store->put_attachment(draft, "/attachments/jointPhoto", "a joint photo", "p.jpg", "image/jpeg", nullptr);
  json payload = {{"attachments", {{"jointPhoto", ref.to_json()}}}};
  auto named = rig.store->enqueue(draft, payload, json::array({ref.to_json()}));
  auto unplaced = rig.queue({{"n", 1}}, "bytes that are nowhere in the payload");
  std::vector<json> uploads;
  for (const auto& r : rig.run())
    if (r.method == "POST" && r.path == "/v1/uploads") uploads.push_back(json::parse(r.body));
  REQUIRE(uploads.size() == 2);
  CHECK(uploads[0]["sha256"] == ref.sha256);
  CHECK(uploads[0]["itemId"] == "marriage-certificate-reissue");
  CHECK(uploads[0]["materialId"] == "jointPhoto");
  CHECK_FALSE(uploads[1].contains("itemId"));
  CHECK_FALSE(uploads[1].contains("materialId"));
  CHECK(rig.store->outbox_item(named.id)->state == store::OutboxState::Accepted);
  CHECK(rig.store->outbox_item(unplaced.id)->state == store::OutboxState::Accepted);
}

TEST_CASE("wake(): an item backing off after network failures is sent at once; one the server answered keeps its time") {
  sync::EngineOptions options;
  options.retry_base_ms = 60'000;
  Rig rig(options);
  rig.sign_in();
  rig.run();
  auto offline = rig.queue({{"n", 1}});
  // The network is down: every request fails without an answer, a few rounds.
  for (int round = 0; round < 3; ++round) {
    for (auto& r : rig.engine->poll()) rig.engine->on_failure(r.id, "connection refused");
    rig.env.clock.advance(1);
  }
  auto waiting = rig.store->outbox_item(offline.id);
  REQUIRE(waiting->attempts >= 1);
  rig.env.clock.advance(1);
  REQUIRE(rig.store->outbox_item(offline.id)->next_attempt_at > rig.env.clock.now_ms());  // backing off (seeded jitter)
  rig.engine->wake();
  CHECK(rig.store->outbox_item(offline.id)->next_attempt_at <= rig.env.clock.now_ms());
  rig.run();
  CHECK(rig.store->outbox_item(offline.id)->state == store::OutboxState::Accepted);
  CHECK(rig.server.cases_created() == 1);

  // A server's 503 with Retry-After is an answer: wake() does not override it.
  auto busy_item = rig.queue({{"n", 2}});
  sync::Request submit;
  for (int i = 0; i < 5 && submit.id == 0; ++i)
    for (auto& r : rig.engine->poll())
      if (r.path == "/v1/submissions") submit = r;
      else rig.engine->on_response(r.id, rig.server.handle(r));
  REQUIRE(submit.id != 0);
  sync::Response busy;
  busy.status = 503;
  busy.headers = {{"Retry-After", "120"}};
  rig.engine->on_response(submit.id, busy);
  rig.engine->wake();
  CHECK(rig.store->outbox_item(busy_item.id)->next_attempt_at >= rig.env.clock.now_ms() + 120000);
}

TEST_CASE("a case whose first event the feed passed before its receipt arrived gets its timeline, once; others do not") {
  Rig rig;
  rig.sign_in();
  rig.run();
  auto item = rig.queue({{"n", 1}});
  rig.env.clock.advance(61'000);  // the feed is due again
  // The submission and a feed pull go out together; the server commits the case, the feed answers first (with the
  // case's event, which the client cannot place yet), then the receipt arrives.
  sync::Request submit, changes;
  for (auto& r : rig.engine->poll()) {
    if (r.path == "/v1/submissions") submit = r;
    else if (r.path.rfind("/v1/changes", 0) == 0) changes = r;
    else rig.engine->on_response(r.id, rig.server.handle(r));
  }
  REQUIRE(submit.id != 0);
  REQUIRE(changes.id != 0);
  auto receipt = rig.server.handle(submit);
  rig.engine->on_response(changes.id, rig.server.handle(changes));
  rig.engine->on_response(submit.id, receipt);
  CHECK(rig.store->status_history(item.id).empty());
  rig.run();
  CHECK(rig.server.requests_seen("GET /v1/cases/") == 1);  // the missed event, from the case's timeline
  auto history = rig.store->status_history(item.id);
  REQUIRE(history.size() == 1);
  CHECK(history[0].status == "submitted");
  // An item accepted normally finds its first event on the feed: no timeline fetched for it.
  auto other = rig.queue({{"n", 2}});
  rig.run();
  CHECK(rig.server.requests_seen("GET /v1/cases/") == 1);
  CHECK(rig.store->status_history(other.id).size() == 1);
}
