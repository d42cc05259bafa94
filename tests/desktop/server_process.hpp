#pragma once
// A real wangban-server on a free port with a fresh data folder, stopped cleanly at the end of the test.

#include <signal.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

#include "tests/desktop/desktop_test_util.hpp"
#include "tests/support/process.hpp"

namespace wb::test {

class ServerProcess {
 public:
  explicit ServerProcess(const std::string& name) : dir_(fresh_dir(name)) {
    process_ = std::make_unique<Process>(std::vector<std::string>{WANGBAN_SERVER_BIN, "--data", dir_.string(), "--port", "0"},
                                         (dir_ / "server.log").string());
    // "wangban-server listening on http://127.0.0.1:PORT (data: DIR)"
    std::string line = process_->read_line(30000);
    auto at = line.find("127.0.0.1:");
    REQUIRE_MESSAGE(at != std::string::npos, "wangban-server did not start: " << line);
    port_ = std::atoi(line.c_str() + at + 10);
    REQUIRE(port_ > 0);
  }
  ~ServerProcess() {
    process_->kill(SIGTERM);
    CHECK(process_->wait(30000) == 0);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& dir() const { return dir_; }
  // `wangban-server cases --json`: what an operator sees.
  nlohmann::json cases() const {
    Process p({WANGBAN_SERVER_BIN, "cases", "--data", dir_.string(), "--json"});
    auto out = nlohmann::json::parse(p.read_all(), nullptr, false);
    CHECK(p.wait() == 0);
    return out;
  }

  static constexpr const char* kCitizen = "11010519491231002X";
  static constexpr const char* kPassword = "wangban-demo";

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Process> process_;
  int port_ = 0;
};

// Polls until `done` or the time is up; true when done.
inline bool eventually(const std::function<bool()>& done, int timeout_ms = 20000) {
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

}  // namespace wb::test
