// Real processes: the real wangban-server, and a native client (tests/sync/sync_test_client.cpp) syncing through a
// fault-injecting TCP proxy — each fault kind in turn, WANGBAN_PROCESS_ITEMS submissions each (default 200) — and
// a client killed with SIGKILL mid-sync WANGBAN_PROCESS_KILLS times (default 100) and restarted. The check is on
// the server's side: every queued submission is there exactly once, and the client holds its receipt.

#include <doctest/doctest.h>

#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/common/sha256.hpp"

#include "tests/support/fault_proxy.hpp"
#include "tests/support/process.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace wb::test;

namespace {

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("wangban-process-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

class Server {
 public:
  Server() : dir_(fresh_dir("server")) {
    process_ = std::make_unique<Process>(std::vector<std::string>{WANGBAN_SERVER_BIN, "--data", dir_.string(), "--port", "0"},
                                         (dir_ / "server.log").string());
    // The server logs a few start-up lines, then "wangban-server listening on http://127.0.0.1:PORT (data: ...)".
    std::string line;
    for (int i = 0; i < 50 && line.find("listening on") == std::string::npos; ++i) line = process_->read_line(30000);
    REQUIRE_MESSAGE(line.find("listening on") != std::string::npos, "wangban-server did not start: " << line);
    line = line.substr(0, line.find(" (data:"));
    auto at = line.rfind(':');
    port_ = std::atoi(line.c_str() + at + 1);
    REQUIRE(port_ > 0);
  }
  ~Server() {
    process_->kill(SIGTERM);
    CHECK(process_->wait(30000) == 0);  // a clean stop on SIGTERM
  }
  int port() const { return port_; }

  // Every case: idempotency key → how many cases carry it, and the case id.
  std::map<std::string, std::pair<int, std::string>> cases() const {
    Process p({WANGBAN_SERVER_BIN, "cases", "--data", dir_.string(), "--json"});
    auto all = json::parse(p.read_all());
    CHECK(p.wait() == 0);
    std::map<std::string, std::pair<int, std::string>> out;
    for (const auto& c : all) {
      auto& entry = out[c.value("idempotencyKey", "")];
      ++entry.first;
      entry.second = c.value("caseId", "");
    }
    return out;
  }

 private:
  fs::path dir_;
  std::unique_ptr<Process> process_;
  int port_ = 0;
};

json run_client(const fs::path& profile, int port, int items, int timeout_ms, int* exit_code,
                std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {WANGBAN_SYNC_CLIENT, "--profile", profile.string(), "--server",
                                   "http://127.0.0.1:" + std::to_string(port), "--items", std::to_string(items),
                                   "--timeout-ms", std::to_string(timeout_ms), "--deadline-s", "900"};
  args.insert(args.end(), extra.begin(), extra.end());
  Process p(args, (profile / "client.log").string());
  std::string out = p.read_all();
  *exit_code = p.wait();
  auto last = out.find_last_of('\n', out.size() >= 2 ? out.size() - 2 : 0);
  auto parsed = json::parse(last == std::string::npos ? out : out.substr(last + 1), nullptr, false);
  return parsed.is_discarded() ? json() : parsed;
}

// The client's items all reached the server exactly once, and the client holds each one's receipt.
void check_exactly_once(const Server& server, const json& client, int items) {
  REQUIRE(client.is_object());
  CHECK(client["accepted"] == items);
  CHECK(client["queued"] == 0);
  CHECK(client["attention"] == 0);
  auto cases = server.cases();
  int found = 0;
  for (const auto& item : client["items"]) {
    std::string key = item["key"];
    CAPTURE(key);
    auto it = cases.find(key);
    REQUIRE(it != cases.end());             // not lost
    CHECK(it->second.first == 1);           // not duplicated
    CHECK(it->second.second == item["caseId"]);  // the client's receipt is the server's case
    ++found;
  }
  CHECK(found == items);
}

}  // namespace

TEST_CASE("real processes: submissions through a fault-injecting proxy arrive exactly once, for every fault kind") {
  Server server;
  int items = env_int("WANGBAN_PROCESS_ITEMS", 200);
  struct Kind {
    Fault fault;
    int percent;
  };
  const std::vector<Kind> kinds = {{Fault::Latency, 100}, {Fault::Reset, 30},     {Fault::CutRequest, 30},
                                   {Fault::CutResponse, 30}, {Fault::Blackhole, 10}, {Fault::Slow, 100}};
  // Each fault kind gets its own proxy and client, all at once: the runs mostly wait (latency, timeouts), and the
  // server sees several clients at a time, as it would in the field.
  struct Run {
    std::unique_ptr<FaultProxy> proxy;
    json result;
    int code = -1;
  };
  std::vector<Run> runs(kinds.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < kinds.size(); ++i) {
    runs[i].proxy = std::make_unique<FaultProxy>(server.port(), 20261127 + i);
    FaultPlan plan;
    plan.fault = kinds[i].fault;
    plan.percent = kinds[i].percent;
    plan.latency_ms = 10;
    plan.bytes_per_second = 2 << 20;
    runs[i].proxy->set_plan(plan);
    threads.emplace_back([&, i] {
      auto profile = fresh_dir(std::string("client-") + fault_name(kinds[i].fault));
      runs[i].result = run_client(profile, runs[i].proxy->port(), items, 1000, &runs[i].code);
    });
  }
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < kinds.size(); ++i) {
    std::string fault = fault_name(kinds[i].fault);
    CAPTURE(fault);
    CHECK(runs[i].code == 0);
    check_exactly_once(server, runs[i].result, items);
    CHECK(runs[i].proxy->faulted() > 0);  // the fault really happened
    MESSAGE(fault << ": " << items << " submissions, " << runs[i].proxy->faulted() << " faulted connections of "
                  << runs[i].proxy->connections());
  }
}

TEST_CASE("real processes: a client killed with SIGKILL mid-sync and restarted loses and duplicates nothing") {
  Server server;
  FaultProxy proxy(server.port(), 7);
  proxy.set_plan({Fault::Latency, 100, 3, -1, 0});  // a little latency, so kills land mid-request
  // Enough work that every restart still has some left: batched sends drain 100 items within one run.
  int items = env_int("WANGBAN_PROCESS_KILL_ITEMS", 300);
  int kills = env_int("WANGBAN_PROCESS_KILLS", 100);
  auto profile = fresh_dir("client-killed");
  std::mt19937 rng(42);
  int killed = 0;
  for (int i = 0; i < kills; ++i) {
    Process p({WANGBAN_SYNC_CLIENT, "--profile", profile.string(), "--server",
               "http://127.0.0.1:" + std::to_string(proxy.port()), "--items", std::to_string(items), "--timeout-ms", "1000"},
              (profile / "client.log").string());
    std::this_thread::sleep_for(std::chrono::milliseconds(30 + rng() % 250));
    p.kill(SIGKILL);
    if (p.wait(30000) == 128 + SIGKILL) ++killed;
  }
  MESSAGE(killed << " of " << kills << " runs killed mid-way");
  CHECK(killed > kills / 2);  // most runs were really cut short (some may finish first)
  int code = -1;
  auto result = run_client(profile, proxy.port(), items, 2000, &code);
  CHECK(code == 0);
  check_exactly_once(server, result, items);
}

TEST_CASE("real processes: a 25 MB attachment cut at 50 or more random offsets resumes to a byte-identical file") {
  Server server;
  FaultProxy proxy(server.port(), 2525);
  // Every connection is cut at a random byte of what the client sends within its first 768 KiB (the client keeps
  // connections alive, so that is within the first three 256 KiB chunks, headers included): about 70 cuts, and
  // two connections in three make some progress first.
  proxy.set_plan({Fault::CutRequest, 100, 0, -1, 3L << 18, 0});
  auto profile = fresh_dir("client-big");
  int code = -1;
  auto result = run_client(profile, proxy.port(), 0, 5000, &code,
                           {"--big-mb", std::to_string(env_int("WANGBAN_PROCESS_BIG_MB", 25)), "--chunk",
                            std::to_string(256 << 10)});
  CHECK(code == 0);
  check_exactly_once(server, result, 1);
  CHECK(proxy.faulted() >= 50);
  MESSAGE("25 MB upload: " << proxy.faulted() << " cuts in " << proxy.connections() << " connections");

  // The server's copy, downloaded by a caseworker, hashes to what the client stored: byte-identical.
  httplib::Client http("127.0.0.1", server.port());
  auto login = http.Post("/v1/auth/login", R"({"account":"caseworker","password":"wangban-demo"})", "application/json");
  REQUIRE(login);
  REQUIRE(login->status == 200);
  std::string token = json::parse(login->body)["accessToken"];
  const auto& item = result["items"][0];
  REQUIRE(item["files"].size() == 3);
  for (const auto& f : item["files"]) {
    std::string sha = f["sha256"];
    auto got = http.Get("/v1/admin/cases/" + item["caseId"].get<std::string>() + "/attachments/" + sha,
                        {{"Authorization", "Bearer " + token}});
    REQUIRE(got);
    CHECK(got->status == 200);
    CHECK(got->body.size() == f["size"].get<std::size_t>());
    CHECK(wb::sha256_hex(got->body) == sha);
  }
}
