#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <set>
#include <thread>

#include "core/form/form_loader.hpp"
#include "core/store/profile_store.hpp"
#include "tests/support/fake_env.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::store;
namespace fs = std::filesystem;

namespace {

class RealClock : public Clock {
 public:
  std::int64_t now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
};

// The child: autosaves, submits and state transitions as fast as it can, telling the parent (through the pipe)
// the idempotency key of every submission the API reported as queued. It runs until killed.
[[noreturn]] void workload(const std::string& path, int fd, unsigned seed, const form::FormDefinition& form) {
  RealClock clock;
  test::SeededRandom random(seed);
  std::mt19937 rng(seed);
  try {
    auto s = ProfileStore::open(path, Environment{&clock, &random});
    for (int i = 0;; ++i) {
      std::string d = s->create_draft(form, {{"n", i}});
      s->save_draft(d, {{"n", i}, {"note", std::string(rng() % 3000, 'x')}}, 0.5, 1);
      auto item = s->enqueue(d, {{"n", i}, {"seed", seed}}, json::array());
      std::string line = item.idempotency_key + "\n";
      if (write(fd, line.data(), line.size()) < 0) _exit(3);
      auto due = s->due_items(clock.now_ms() + 1000000, 4);
      for (const auto& it : due) {
        switch (rng() % 3) {
          case 0: s->mark_sending(it.id); break;
          case 1: s->mark_retry(it.id, {{"network", "reset"}}); break;
          default: s->mark_accepted(it.id, {{"acceptanceNumber", "A" + std::to_string(it.id)}}); break;
        }
      }
    }
  } catch (...) {
    _exit(2);
  }
}

}  // namespace

TEST_CASE("store: SIGKILL at 500 random points never loses a queued submission, never duplicates one, never corrupts") {
  auto loaded = form::load_form_text(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.json"));
  REQUIRE(loaded.ok());
  fs::path dir = fs::temp_directory_path() / ("wangban-crash-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string path = (dir / "profile.db").string();
  std::set<std::string> reported;
  std::mt19937 rng(20261126);
  const int kills = 500;
  int killed_mid_run = 0;
  for (int k = 0; k < kills; ++k) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      workload(path, fds[1], static_cast<unsigned>(k + 1), *loaded.form);
    }
    close(fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 25000));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed_mid_run;
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    close(fds[0]);
    size_t start = 0;
    for (size_t nl = out.find('\n'); nl != std::string::npos; start = nl + 1, nl = out.find('\n', start))
      reported.insert(out.substr(start, nl - start));

    // After each kill: the file is intact, opens, and holds every reported submission exactly once.
    test::FakeEnv fe;
    auto s = ProfileStore::open(path, fe.env(), {false, ""});
    auto check = s->database().prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    REQUIRE(check.column_text(0) == "ok");
    auto items = s->outbox(true);
    std::set<std::string> keys;
    for (const auto& it : items) {
      REQUIRE(keys.insert(it.idempotency_key).second);  // never twice
      REQUIRE(it.payload.is_object());                  // never half-written
      REQUIRE(it.payload.contains("n"));
    }
    for (const auto& key : reported) REQUIRE_MESSAGE(keys.count(key) == 1, "lost " << key << " after kill " << k);
  }
  MESSAGE("kills: " << kills << " (" << killed_mid_run << " mid-run), submissions reported queued: " << reported.size());
  CHECK(killed_mid_run > kills / 2);
  CHECK(reported.size() > 100);
  fs::remove_all(dir);
}
