// Batch submissions (POST /v1/submissions/batch): ready items go together in outbox order, each gets its own verdict,
// a failed batch is retried whole (idempotent by keys), and a server without the route gets single submissions.

#include <doctest/doctest.h>

#include "tests/core/sync/engine_rig.hpp"

using nlohmann::json;
using namespace wb;

namespace {

struct BatchRig : test::EngineRig {
  explicit BatchRig(sync::EngineOptions options = {}) : EngineRig(without_catalog(options)) { sign_in(); }
  static sync::EngineOptions without_catalog(sync::EngineOptions options) {
    options.pull_catalog = false;
    return options;
  }
  // Polls until the engine asks for a submission (batch or single), answering everything else.
  sync::Request next_submission() {
    for (int i = 0; i < 20; ++i)
      for (auto& r : engine->poll()) {
        if (r.path.rfind("/v1/submissions", 0) == 0) return r;
        engine->on_response(r.id, server.handle(r));
      }
    FAIL("no submission was sent");
    return {};
  }
  std::vector<store::OutboxItem> queue_many(int n) {
    std::vector<store::OutboxItem> items;
    for (int i = 0; i < n; ++i) items.push_back(queue({{"n", i}}));
    return items;
  }
  void check_accepted(const std::vector<store::OutboxItem>& items) {
    for (const auto& item : items) {
      auto now = store->outbox_item(item.id);
      CAPTURE(item.id);
      CHECK(now->state == store::OutboxState::Accepted);
      auto found = server.cases_by_key().find(item.idempotency_key);
      REQUIRE(found != server.cases_by_key().end());
      CHECK(now->receipt == found->second.receipt);
    }
  }
};

std::vector<std::string> batch_keys(const sync::Request& r) {
  std::vector<std::string> keys;
  json body = json::parse(r.body);
  for (const auto& s : body["submissions"]) keys.push_back(s["idempotencyKey"]);
  return keys;
}

int count(const std::vector<sync::Request>& sent, const std::string& method_path) {
  int n = 0;
  for (const auto& r : sent)
    if (r.method + " " + r.path == method_path) ++n;
  return n;
}

}  // namespace

TEST_CASE("batch: ready items go as one request, in outbox order, and every receipt is recorded") {
  BatchRig rig;
  auto items = rig.queue_many(5);
  auto batch = rig.next_submission();
  CHECK(batch.path == "/v1/submissions/batch");
  std::vector<std::string> expected;
  for (const auto& i : items) expected.push_back(i.idempotency_key);
  CHECK(batch_keys(batch) == expected);
  for (const auto& i : items) CHECK(rig.store->outbox_item(i.id)->state == store::OutboxState::Sending);
  rig.engine->on_response(batch.id, rig.server.handle(batch));
  rig.check_accepted(items);
  auto sent = rig.run();
  CHECK(count(sent, "POST /v1/submissions") == 0);
  CHECK(rig.server.cases_created() == 5);
  // The feed brought every case's first status; no case's timeline had to be fetched one by one.
  CHECK(rig.server.requests_seen("GET /v1/cases/") == 0);
  for (const auto& i : items) CHECK(rig.store->status_history(i.id).size() == 1);
}

TEST_CASE("batch: each item gets its own verdict; a refused one needs attention, the others are accepted") {
  BatchRig rig;
  auto first = rig.queue({{"n", 1}});
  auto refused = rig.queue({{"n", 2}, {"refuse", true}});
  auto last = rig.queue({{"n", 3}});
  auto sent = rig.run();
  CHECK(count(sent, "POST /v1/submissions/batch") == 1);
  rig.check_accepted({first, last});
  auto r = rig.store->outbox_item(refused.id);
  CHECK(r->state == store::OutboxState::NeedsAttention);
  CHECK(r->attention == "rejected");
  CHECK(r->last_error["status"] == 422);
  CHECK(r->last_error["error"]["code"] == "protocol.validation_failed");
  CHECK_FALSE(r->last_error.contains("idempotencyKey"));
  CHECK(rig.server.cases_created() == 2);
  auto status = rig.engine->status();
  CHECK(status.accepted == 2);
  CHECK(status.needs_attention == 1);
  CHECK(status.queued == 0);
}

TEST_CASE("batch: cut after the server committed, the whole batch goes again and gets the same receipts") {
  BatchRig rig;
  auto items = rig.queue_many(4);
  auto batch = rig.next_submission();
  REQUIRE(batch.path == "/v1/submissions/batch");
  rig.server.handle(batch);  // committed, but the answer is lost
  rig.engine->on_failure(batch.id, "connection reset");
  for (const auto& i : items) {
    auto waiting = rig.store->outbox_item(i.id);
    CHECK(waiting->state == store::OutboxState::Queued);
    CHECK(waiting->last_error["error"]["code"] == "network");
  }
  rig.engine->wake();
  auto again = rig.next_submission();
  CHECK(again.path == "/v1/submissions/batch");
  CHECK(batch_keys(again) == batch_keys(batch));  // the same keys: the server answers with the first receipts
  rig.engine->on_response(again.id, rig.server.handle(again));
  rig.check_accepted(items);
  CHECK(rig.server.cases_created() == 4);
}

TEST_CASE("batch: 5xx or 429 retries the whole batch after Retry-After; a 409 item waits alone") {
  BatchRig rig;
  auto items = rig.queue_many(3);
  auto batch = rig.next_submission();
  sync::Response busy;
  busy.status = 429;
  busy.headers = {{"Retry-After", "60"}};
  rig.engine->on_response(batch.id, busy);
  for (const auto& i : items) CHECK(rig.store->outbox_item(i.id)->next_attempt_at >= rig.env.clock.now_ms() + 60000);
  rig.run();
  CHECK(rig.server.cases_created() == 0);
  rig.env.clock.advance(61000);
  auto again = rig.next_submission();
  REQUIRE(again.path == "/v1/submissions/batch");
  // The server answers; the second item was being processed by another request at that moment.
  auto response = rig.server.handle(again);
  auto body = json::parse(response.body);
  body["results"][1] = {{"idempotencyKey", items[1].idempotency_key}, {"status", 409},
                        {"error", {{"code", "protocol.idempotency_in_progress"}}}};
  response.body = body.dump();
  rig.engine->on_response(again.id, response);
  CHECK(rig.store->outbox_item(items[0].id)->state == store::OutboxState::Accepted);
  CHECK(rig.store->outbox_item(items[2].id)->state == store::OutboxState::Accepted);
  auto waiting = rig.store->outbox_item(items[1].id);
  CHECK(waiting->state == store::OutboxState::Queued);
  CHECK(waiting->next_attempt_at > rig.env.clock.now_ms());
  rig.env.clock.advance(15 * 60 * 1000);
  rig.run();
  rig.check_accepted(items);  // it had been committed: the single retry got the same receipt
  CHECK(rig.server.cases_created() == 3);
}

TEST_CASE("batch: a server without the batch route gets single submissions, and is not asked again") {
  BatchRig rig;
  rig.server.set_batch_route(false);
  auto items = rig.queue_many(3);
  auto sent = rig.run();
  CHECK(count(sent, "POST /v1/submissions/batch") == 1);
  CHECK(count(sent, "POST /v1/submissions") == 3);
  rig.check_accepted(items);
  auto more = rig.queue_many(3);
  sent = rig.run();
  CHECK(count(sent, "POST /v1/submissions/batch") == 0);
  CHECK(count(sent, "POST /v1/submissions") == 3);
  rig.check_accepted(more);
}

TEST_CASE("batch: over the server's limit (413), smaller batches follow; nothing is lost or duplicated") {
  BatchRig rig;
  rig.server.set_batch_route(true, 2);
  auto items = rig.queue_many(5);
  auto sent = rig.run();
  std::vector<size_t> sizes;
  for (const auto& r : sent)
    if (r.path == "/v1/submissions/batch") sizes.push_back(batch_keys(r).size());
  CHECK(sizes == std::vector<size_t>{5, 2, 2});  // refused, then halved (the last item goes alone)
  CHECK(count(sent, "POST /v1/submissions") == 1);
  rig.check_accepted(items);
  CHECK(rig.server.cases_created() == 5);
}

TEST_CASE("batch: at most submit_batch items and about submit_batch_bytes per request; order kept across batches") {
  sync::EngineOptions options;
  options.submit_batch = 4;
  BatchRig rig(options);
  auto items = rig.queue_many(10);
  auto sent = rig.run();
  std::vector<std::string> order;
  std::vector<size_t> sizes;
  for (const auto& r : sent)
    if (r.path == "/v1/submissions/batch") {
      sizes.push_back(batch_keys(r).size());
      for (auto& k : batch_keys(r)) order.push_back(k);
    }
  CHECK(sizes == std::vector<size_t>{4, 4, 2});
  std::vector<std::string> expected;
  for (const auto& i : items) expected.push_back(i.idempotency_key);
  CHECK(order == expected);
  rig.check_accepted(items);

  sync::EngineOptions small;
  small.submit_batch_bytes = 600;
  BatchRig bytes(small);
  auto big = bytes.queue_many(6);
  for (const auto& r : bytes.run())
    if (r.path == "/v1/submissions/batch") CHECK(r.body.size() <= 600);
  bytes.check_accepted(big);
}

TEST_CASE("batch: an item with attachments uploads first and ends the batch before it; order is kept") {
  BatchRig rig;
  auto a = rig.queue({{"n", "a"}});
  auto b = rig.queue({{"n", "b"}}, "a photo");
  auto c = rig.queue({{"n", "c"}});
  auto d = rig.queue({{"n", "d"}});
  auto sent = rig.run();
  std::vector<std::string> submitted;  // keys in the order they reached the server
  for (const auto& r : sent) {
    if (r.path == "/v1/submissions")
      for (const auto& [k, v] : r.headers)
        if (k == "Idempotency-Key") submitted.push_back(v);
    if (r.path == "/v1/submissions/batch")
      for (auto& k : batch_keys(r)) submitted.push_back(k);
  }
  CHECK(submitted == std::vector<std::string>{a.idempotency_key, b.idempotency_key, c.idempotency_key, d.idempotency_key});
  CHECK(count(sent, "POST /v1/submissions") == 1);        // a: alone, the next one has a file to upload first
  CHECK(count(sent, "POST /v1/submissions/batch") == 1);  // b (its file uploaded), c and d
  rig.check_accepted({a, b, c, d});
}

TEST_CASE("batch: submit_batch = 1 sends one submission per request") {
  sync::EngineOptions options;
  options.submit_batch = 1;
  BatchRig rig(options);
  auto items = rig.queue_many(3);
  auto sent = rig.run();
  CHECK(count(sent, "POST /v1/submissions/batch") == 0);
  CHECK(count(sent, "POST /v1/submissions") == 3);
  rig.check_accepted(items);
}
