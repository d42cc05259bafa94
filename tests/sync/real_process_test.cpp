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

#include <nlohmann/json.hpp>

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
    // "wangban-server listening on http://127.0.0.1:PORT (data: DIR)"
    std::string line = process_->read_line(30000);
    auto at = line.find("http://");
    at = at == std::string::npos ? at : line.find(':', at + 7);
    REQUIRE_MESSAGE(at != std::string::npos, "wangban-server did not start: " << line);
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

json run_client(const fs::path& profile, int port, int items, int timeout_ms, int* exit_code) {
  Process p({WANGBAN_SYNC_CLIENT, "--profile", profile.string(), "--server", "http://127.0.0.1:" + std::to_string(port),
             "--items", std::to_string(items), "--timeout-ms", std::to_string(timeout_ms), "--deadline-s", "900"},
            (profile / "client.log").string());
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
  FaultProxy proxy(server.port(), 20261127);
  int items = env_int("WANGBAN_PROCESS_ITEMS", 200);
  struct Kind {
    Fault fault;
    int percent;
  };
  for (Kind kind : {Kind{Fault::Latency, 100}, Kind{Fault::Reset, 30}, Kind{Fault::CutRequest, 30},
                    Kind{Fault::CutResponse, 30}, Kind{Fault::Blackhole, 10}, Kind{Fault::Slow, 100}}) {
    CAPTURE(fault_name(kind.fault));
    FaultPlan plan;
    plan.fault = kind.fault;
    plan.percent = kind.percent;
    plan.latency_ms = 10;
    plan.bytes_per_second = 2 << 20;
    proxy.set_plan(plan);
    long faulted_before = proxy.faulted();
    int code = -1;
    auto profile = fresh_dir(std::string("client-") + fault_name(kind.fault));
    auto result = run_client(profile, proxy.port(), items, 1000, &code);
    CHECK(code == 0);
    check_exactly_once(server, result, items);
    CHECK(proxy.faulted() > faulted_before);  // the fault really happened
    MESSAGE(fault_name(kind.fault) << ": " << items << " submissions, " << proxy.faulted() - faulted_before
                                   << " faulted connections");
  }
}

TEST_CASE("real processes: a client killed with SIGKILL mid-sync and restarted loses and duplicates nothing") {
  Server server;
  FaultProxy proxy(server.port(), 7);
  proxy.set_plan({Fault::Latency, 100, 3, -1, 0});  // a little latency, so kills land mid-request
  int items = env_int("WANGBAN_PROCESS_KILL_ITEMS", 100);
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
  CHECK(killed > kills / 2);  // most runs were really cut short (some may finish first)
  int code = -1;
  auto result = run_client(profile, proxy.port(), items, 2000, &code);
  CHECK(code == 0);
  check_exactly_once(server, result, items);
}
