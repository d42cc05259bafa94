// Deterministic simulation of "offline now, sync later": the real sync engine and the real profile store against a
// model server, through a network that drops requests and responses (before and after the server commits),
// duplicates and reorders them, answers 5xx/429/409, while the clock jumps (tokens expire), the client process
// crashes and restarts, and (natively) the disk fills up. After the faults stop, every submission the store
// reported queued must have reached the server exactly once, the client must hold the server's receipt for it,
// every item must be accepted, and every status event of its case must be recorded exactly once. Ready items go
// in batches (POST /v1/submissions/batch) of a size that varies per scenario; some servers limit batches further
// (413), some have no batch route at all (404: single submissions), and batches meet the same faults, plus an
// item answered 409 (still being processed) inside an otherwise answered batch.
//
// Each scenario is a seed. A failure prints it; replay one with WANGBAN_SIM_SEED=<seed> (native), run more with
// WANGBAN_SIM_SCENARIOS=<n> WANGBAN_SIM_FIRST=<seed> (scripts/soak-sync).

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>

#include "core/form/form_loader.hpp"
#include "core/sync/engine.hpp"
#include "tests/core/sync/sim_server.hpp"
#include "tests/support/fake_env.hpp"
#include "tests/support/test_files.hpp"
#ifndef __EMSCRIPTEN__
#include "tests/support/faulty_vfs.hpp"
#include <unistd.h>
#endif

namespace fs = std::filesystem;
using nlohmann::json;
using namespace wb;

namespace {

std::uint64_t batches_sent = 0;  // batch requests the model server answered, over all scenarios

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
#ifdef __EMSCRIPTEN__
  (void)name;
  return fallback;
#else
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
#endif
}

std::uint64_t default_scenarios() {
#if defined(__EMSCRIPTEN__) || defined(__SANITIZE_ADDRESS__)
  return 500;  // the full 10,000 run natively; these builds prove the same code on their platform
#else
  return 10000;
#endif
}

fs::path scratch_dir() {
  // tmpfs when there is one: the store's fsyncs are real but cheap there, so thousands of scenarios stay fast.
  std::error_code ec;
  fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
#ifdef __EMSCRIPTEN__
  fs::path dir = base / "wangban-sim-wasm";
#else
  fs::path dir = base / ("wangban-sim-" + std::to_string(::getpid()));
#endif
  fs::create_directories(dir);
  return dir;
}

struct Faults {
  unsigned drop_request, drop_response, duplicate, server_error, in_progress, crash, clock_jump, disk_full;
};

class Scenario {
 public:
  Scenario(std::uint64_t seed, const std::string& definition, const form::FormPtr& form)
      : seed_(seed), rng_(seed), server_(env_.clock), form_(form) {
    env_.random.reseed(seed * 2654435761u + 1);
    server_.set_definition(definition);
    path_ = (scratch_dir() / ("s" + std::to_string(seed % 64) + ".db")).string();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
    // Fault rates differ per scenario: some are calm, some are storms.
    auto rate = [&](unsigned max) { return static_cast<unsigned>(rng_() % (max + 1)); };
    faults_ = {rate(20), rate(20), rate(10), rate(10), rate(10), rate(3), rate(8), rate(2)};
    options_.upload_chunk_bytes = 64 + static_cast<std::int64_t>(rng_() % 400);
    options_.large_upload_bytes = 300 + static_cast<std::int64_t>(rng_() % 1500);
    options_.status_interval_ms = 5000;
    options_.submit_batch = 1 + static_cast<int>(rng_() % 6);
    server_.set_batch_route(rng_() % 5 != 0, 2 + rng_() % 4);
#ifndef __EMSCRIPTEN__
    vfs_ = &test::FaultyVfs::install();
    vfs_->set_plan({});
#endif
    open_client();
  }

  ~Scenario() {
    engine_.reset();
    store_.reset();
#ifndef __EMSCRIPTEN__
    vfs_->set_plan({});
#endif
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }

  void run() {
    int steps = 60 + static_cast<int>(rng_() % 200);
    for (int i = 0; i < steps; ++i) step(true);
    heal();
    check();
  }

 private:
  struct Wire {
    sync::Request req;
    std::uint64_t epoch;  // the client incarnation that sent it
  };

  bool trace_ = std::getenv("WANGBAN_SIM_TRACE") != nullptr;
  bool chance(unsigned percent) { return rng_() % 100 < percent; }

  void open_client() {
    store::OpenOptions opts;
#ifndef __EMSCRIPTEN__
    opts.vfs = vfs_->name();
#endif
    store_ = store::ProfileStore::open(path_, env_.env(), opts);
    engine_ = std::make_unique<sync::Engine>(*store_, credentials_, env_.env(), options_);
    ++epoch_;
  }

  void crash() {
    // In-flight requests may still reach the server after the client died; their answers go nowhere.
    for (auto& w : wire_)
      if (chance(50)) server_.handle(w.req);
    wire_.clear();
    engine_.reset();
    store_.reset();
    open_client();
  }

  void enqueue_one() {
    if (enqueued_.size() >= 5) return;
    try {
      auto draft = store_->create_draft(*form_);
      json files = json::array();
      json manifest = json::array();
      int attachments = static_cast<int>(rng_() % 3);
      for (int a = 0; a < attachments; ++a) {
        std::string bytes(static_cast<size_t>(rng_() % 2500), '\0');
        for (auto& c : bytes) c = static_cast<char>(rng_() & 0xff);
        auto ref = store_->put_attachment(draft, "/files/" + std::to_string(a), bytes, "f" + std::to_string(a) + ".pdf",
                                          "application/pdf", nullptr);
        files.push_back(ref.to_json());
        manifest.push_back({{"sha256", ref.sha256}, {"name", ref.name}, {"size", ref.size}, {"mediaType", ref.media_type}});
      }
      json payload = {{"n", enqueued_.size()}, {"seed", seed_}, {"files", files}};
      auto item = store_->enqueue(draft, payload, manifest);
      enqueued_.push_back(item.idempotency_key);  // the store said "queued": from here on it must arrive
    } catch (const Error&) {
      // Disk full: the person was told it was not saved. Nothing to track.
    }
  }

  void deliver(size_t index, bool faulty) {
    Wire w = wire_[index];
    wire_.erase(wire_.begin() + static_cast<long>(index));
    if (w.epoch != epoch_) return;
    auto& e = *engine_;
    if (faulty && chance(faults_.drop_request)) return e.on_failure(w.req.id, "connection refused");
    if (faulty && chance(faults_.server_error)) {
      sync::Response r;
      r.status = chance(50) ? 503 : 429;
      r.headers = {{"Retry-After", std::to_string(rng_() % 3)}};
      return e.on_response(w.req.id, r);
    }
    if (faulty && w.req.path == "/v1/submissions" && chance(faults_.in_progress)) {
      sync::Response r;
      r.status = 409;
      r.body = R"({"error":{"code":"protocol.idempotency_in_progress"}})";
      return e.on_response(w.req.id, r);
    }
    auto response = server_.handle(w.req);
    if (w.req.path == "/v1/submissions/batch") {
      ++batches_sent;
      if (faulty && response.status == 200 && chance(faults_.in_progress)) {
        // One entry was being processed by another request at that moment (it may have been committed by now).
        auto body = json::parse(response.body);
        auto& results = body["results"];
        auto& one = results[rng_() % results.size()];
        one = {{"idempotencyKey", one["idempotencyKey"]}, {"status", 409},
               {"error", {{"code", "protocol.idempotency_in_progress"}}}};
        response.body = body.dump();
      }
    }
    if (trace_)
      MESSAGE("t=" << env_.clock.now_ms() << " #" << w.req.id << " " << w.req.method << " " << w.req.path << " off="
              << [&] { for (auto& h : w.req.headers) if (h.first == "Upload-Offset") return h.second; return std::string(); }()
              << " len=" << w.req.body.size() << " -> " << response.status << " " << response.body.substr(0, 120));
    if (faulty && chance(faults_.duplicate)) server_.handle(w.req);  // the network delivered it twice
    if (faulty && chance(faults_.drop_response)) return e.on_failure(w.req.id, "connection reset");
    e.on_response(w.req.id, response);
    if (faulty && chance(faults_.duplicate)) e.on_response(w.req.id, response);  // a duplicated answer
  }

  void pump() {
    for (auto& r : engine_->poll()) wire_.push_back({std::move(r), epoch_});
  }

  void step(bool faulty) {
    unsigned action = static_cast<unsigned>(rng_() % 100);
    if (engine_->needs_sign_in() && !engine_->login_pending() && chance(30))
      engine_->begin_login(test::SimServer::kAccount, test::SimServer::kPassword);
    if (action < 35) {
      pump();
    } else if (action < 75) {
      if (!wire_.empty()) deliver(static_cast<size_t>(rng_() % wire_.size()), faulty);
    } else if (action < 83) {
      env_.clock.advance(chance(faults_.clock_jump) ? 16 * 60 * 1000 : static_cast<std::int64_t>(rng_() % 4000));
    } else if (action < 83 + faults_.crash) {
      crash();
    } else if (action < 90) {
      server_.advance_some_case(rng_());
    } else if (action < 94) {
      enqueue_one();
    } else if (action < 94 + faults_.disk_full) {
#ifndef __EMSCRIPTEN__
      vfs_->reset_counter();
      vfs_->set_plan({static_cast<long>(rng_() % 4), true, true});
      disk_full_until_ = env_.clock.now_ms() + static_cast<std::int64_t>(rng_() % 10000);
#endif
    } else {
      engine_->wake();
    }
#ifndef __EMSCRIPTEN__
    if (disk_full_until_ && env_.clock.now_ms() >= disk_full_until_) {
      vfs_->set_plan({});
      disk_full_until_ = 0;
    }
#endif
  }

  bool settled() {
    for (const auto& item : store_->outbox())
      if (item.state != store::OutboxState::Accepted) return false;
    // Every event of our cases is on the client (the feed is caught up).
    size_t ours = 0, recorded = 0;
    std::set<std::string> cases;
    for (const auto& item : store_->outbox()) {
      cases.insert(item.receipt.value("caseId", ""));
      recorded += store_->status_history(item.id).size();
    }
    for (const auto& e : server_.events())
      if (cases.count(e.value("caseId", ""))) ++ours;
    return ours == recorded;
  }

  void heal() {
#ifndef __EMSCRIPTEN__
    vfs_->set_plan({});
    disk_full_until_ = 0;
#endif
    engine_->wake();
    for (int i = 0; i < 5000; ++i) {
      if (engine_->needs_sign_in() && !engine_->login_pending())
        engine_->begin_login(test::SimServer::kAccount, test::SimServer::kPassword);
      pump();
      if (wire_.empty()) {
        if (settled()) return;
        auto next = engine_->next_wakeup();
        auto now = env_.clock.now_ms();
        env_.clock.advance(std::max<std::int64_t>(1, std::min<std::int64_t>(next - now, 60 * 60 * 1000)));
        continue;
      }
      while (!wire_.empty()) deliver(0, false);
    }
  }

  void check() {
    CAPTURE(seed_);
    INFO("replay: WANGBAN_SIM_SEED=" << seed_ << " build/native/bin/wangban_core_tests -tc='*simulation*'");
    auto items = store_->outbox();
    if (std::getenv("WANGBAN_SIM_DEBUG")) {
      auto st = engine_->status();
      MESSAGE("signed_in=" << st.signed_in << " needs_sign_in=" << st.needs_sign_in << " queued=" << st.queued
              << " attention=" << st.needs_attention << " accepted=" << st.accepted << " last_error=" << st.last_error);
      for (const auto& item : items) MESSAGE("item " << item.id << " " << outbox_state_name(item.state) << " " << item.last_error.dump() << " attention=" << item.attention);
    }
    REQUIRE(items.size() == enqueued_.size());
    CHECK(server_.cases_created() == static_cast<int>(enqueued_.size()));  // nothing duplicated, nothing invented
    for (const auto& item : items) {
      CAPTURE(item.id);
      auto found = server_.cases_by_key().find(item.idempotency_key);
      REQUIRE(found != server_.cases_by_key().end());  // arrived
      CHECK(found->second.created == 1);
      CHECK(item.state == store::OutboxState::Accepted);
      CHECK(item.receipt == found->second.receipt);  // the client holds the server's receipt
      size_t events = 0;
      for (const auto& e : server_.events())
        if (e.value("caseId", "") == found->second.id) ++events;
      CHECK(store_->status_history(item.id).size() == events);  // each status recorded exactly once
    }
  }

  std::uint64_t seed_;
  std::mt19937_64 rng_;
  test::FakeEnv env_;
  test::SimServer server_;
  form::FormPtr form_;
  std::string path_;
  Faults faults_{};
  sync::EngineOptions options_;
  sync::MemoryCredentialStore credentials_;  // the platform's keystore: survives the app's crashes
  std::unique_ptr<store::ProfileStore> store_;
  std::unique_ptr<sync::Engine> engine_;
  std::vector<Wire> wire_;
  std::uint64_t epoch_ = 0;
  std::vector<std::string> enqueued_;
#ifndef __EMSCRIPTEN__
  test::FaultyVfs* vfs_ = nullptr;
  std::int64_t disk_full_until_ = 0;
#endif
};

}  // namespace

TEST_CASE("sync simulation: exactly-once delivery, receipts and statuses under every fault (seeded)") {
  std::string definition = test::read_file(test::source_dir() + "/examples/catalog/marriage-certificate-reissue.json");
  auto form = form::load_form_text(definition).form;
  REQUIRE(form);
  std::uint64_t only = env_number("WANGBAN_SIM_SEED", 0);
  std::uint64_t first = only ? only : env_number("WANGBAN_SIM_FIRST", 1);
  std::uint64_t count = only ? 1 : env_number("WANGBAN_SIM_SCENARIOS", default_scenarios());
  batches_sent = 0;
  for (std::uint64_t seed = first; seed < first + count; ++seed) {
    Scenario scenario(seed, definition, form);
    scenario.run();
  }
  if (count >= 100) CHECK(batches_sent >= count / 10);  // the batch route is really exercised, under faults
  MESSAGE("batch requests answered: " << batches_sent);
}
