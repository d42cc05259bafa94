// Local store speed (bench/store/run): enqueue rate against a raw SQLite insert loop with the same settings,
// draft autosave latency on the 1,000-field form, and opening a profile with 10,000 drafts and 10,000 outbox items.
//   bench_store DIR [--enqueues N]

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>

#include "bench/session/big_form.hpp"
#include "core/form/form_loader.hpp"
#include "core/store/profile_store.hpp"

using nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

class WallClock : public wb::Clock {
 public:
  std::int64_t now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
};

class Rng : public wb::RandomSource {
 public:
  void fill(std::uint8_t* out, size_t n) override {
    for (size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(gen_());
  }

 private:
  std::mt19937_64 gen_{7};
};

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5))];
}

json payload_2kb(int i) {
  json p = {{"n", i}, {"applicant", {{"name", "张三"}, {"idNumber", "11010519491231002X"}}}};
  p["note"] = std::string(2048 - p.dump().size() - 12, 'x');
  return p;
}

// The floor: one INSERT of a 2 KB row per transaction, WAL + synchronous=FULL, nothing else.
class RawInserter {
 public:
  explicit RawInserter(const std::string& path) {
    sqlite3_open(path.c_str(), &db_);
    sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                      "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, payload TEXT)", nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(db_, "INSERT INTO t (k, payload) VALUES (?, ?)", -1, &st_, nullptr);
  }
  ~RawInserter() {
    sqlite3_finalize(st_);
    sqlite3_close(db_);
  }
  void insert(int i) {
    std::string k = "key-" + std::to_string(i);
    std::string p = payload_2kb(i).dump();
    sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(st_, 1, k.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st_, 2, p.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st_);
    sqlite3_reset(st_);
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* st_ = nullptr;
};

double median(std::vector<double> v) { return pct(std::move(v), 0.5); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_store DIR [--enqueues N]\n";
    return 2;
  }
  fs::path dir = argv[1];
  int n = 1000;
  for (int i = 2; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--enqueues")) n = std::atoi(argv[i + 1]);
  fs::create_directories(dir);
  WallClock clock;
  Rng rng;
  wb::Environment env{&clock, &rng};
  auto big = wb::bench::make_big_form();
  auto form = wb::form::load_form(big.definition).form;

  // Enqueue: drafts made beforehand; each enqueue is one durable transaction.
  fs::remove(dir / "enqueue.db");
  auto store = wb::store::ProfileStore::open((dir / "enqueue.db").string(), env);
  std::vector<std::string> drafts;
  for (int i = 0; i < n; ++i) drafts.push_back(store->create_draft(*form, json::object()));
  // Interleaved rounds (fsync latency drifts with the machine's load): each round times a block of enqueues and
  // a block of raw inserts; the medians are compared.
  fs::remove(dir / "raw.db");
  RawInserter raw((dir / "raw.db").string());
  const int rounds = 10;
  int per_round = std::max(1, n / rounds);
  std::vector<double> ours, floor;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = Clock::now();
    for (int i = 0; i < per_round; ++i) {
      int k = r * per_round + i;
      store->enqueue(drafts[static_cast<size_t>(k)], payload_2kb(k), json::array());
    }
    ours.push_back(per_round / seconds(Clock::now() - t0));
    auto t1 = Clock::now();
    for (int i = 0; i < per_round; ++i) raw.insert(r * per_round + i);
    floor.push_back(per_round / seconds(Clock::now() - t1));
  }
  double enqueue_rate = median(ours), raw_rate = median(floor);

  // Autosave of the 1,000-field form's data (about 60 KB of JSON).
  std::string d = store->create_draft(*form, big.data);
  std::vector<double> saves;
  for (int i = 0; i < 300; ++i) {
    big.data["s0"]["f0"] = "李四" + std::to_string(i);
    auto a = Clock::now();
    store->save_draft(d, big.data, 0.5, 3);
    saves.push_back(seconds(Clock::now() - a) * 1e3);
  }
  store.reset();

  // Opening a profile with 10,000 drafts and 10,000 outbox items.
  fs::remove(dir / "large.db");
  {
    auto s = wb::store::ProfileStore::open((dir / "large.db").string(), env);
    auto& db = s->database();
    db.exec("BEGIN");
    auto ins = db.prepare("INSERT INTO drafts (id, item_id, form_version, title, data, created_at, updated_at) VALUES (?, 'x', 1, '{\"zh-CN\":\"草稿\"}', ?, 1, ?)");
    auto out = db.prepare("INSERT INTO outbox (idempotency_key, item_id, form_version, title, payload, manifest, state, next_attempt_at, created_at, updated_at) "
                          "VALUES (?, 'x', 1, '{\"zh-CN\":\"申请\"}', ?, '[]', 'queued', 0, 1, 1)");
    std::string p = payload_2kb(0).dump();
    for (int i = 0; i < 10000; ++i) {
      ins.bind(1, "d" + std::to_string(i)).bind(2, p).bind(3, i).run();
      ins.reset();
      out.bind(1, "k" + std::to_string(i)).bind(2, p).run();
      out.reset();
    }
    db.exec("COMMIT");
  }
  auto o0 = Clock::now();
  auto large = wb::store::ProfileStore::open((dir / "large.db").string(), env, {false});
  auto o1 = Clock::now();
  auto list = large->drafts();
  auto o2 = Clock::now();
  auto items = large->outbox();
  auto o3 = Clock::now();

  json result = {{"enqueues", n},
                 {"enqueue_per_s", enqueue_rate},
                 {"raw_insert_per_s", raw_rate},
                 {"enqueue_vs_raw", enqueue_rate / raw_rate},
                 {"autosave_60kb_p50_ms", pct(saves, 0.5)},
                 {"autosave_60kb_p99_ms", pct(saves, 0.99)},
                 {"open_10k_ms", seconds(o1 - o0) * 1e3},
                 {"list_10k_drafts_ms", seconds(o2 - o1) * 1e3},
                 {"list_10k_outbox_ms", seconds(o3 - o2) * 1e3},
                 {"drafts", list.size()},
                 {"outbox", items.size()}};
  std::cout << result.dump() << std::endl;
  return 0;
}
