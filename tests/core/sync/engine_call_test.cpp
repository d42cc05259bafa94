// One-off calls through the sync engine (what the C API's consultations, appointments and ratings use): the token
// is attached, refreshed first when it is about to expire, refreshed and sent once more after a 401; calls without
// a sign-in end at once; a network failure is reported, never retried behind the person's back.

#include <doctest/doctest.h>

#include <filesystem>

#include "core/sync/engine.hpp"
#include "tests/core/sync/sim_server.hpp"
#include "tests/support/fake_env.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace wb;

namespace {

struct CallRig {
  CallRig() : server(env.clock) {
    path = (fs::temp_directory_path() / ("wangban-engine-call-test-" + std::to_string(counter++) + ".db")).string();
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(path + s);
    server.set_definition(test::read_file(test::source_dir() + "/examples/catalog/marriage-certificate-reissue.json"));
    store = store::ProfileStore::open(path, env.env());
    sync::EngineOptions options;
    options.pull_catalog = false;
    options.pull_status = false;
    engine = std::make_unique<sync::Engine>(*store, credentials, env.env(), options);
  }
  ~CallRig() {
    engine.reset();
    store.reset();
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(path + s);
  }
  std::vector<sync::Request> run() {
    std::vector<sync::Request> sent;
    for (int i = 0; i < 100; ++i) {
      auto reqs = engine->poll();
      if (reqs.empty()) break;
      for (auto& r : reqs) {
        engine->on_response(r.id, server.handle(r));
        sent.push_back(std::move(r));
      }
    }
    return sent;
  }
  void sign_in() {
    engine->begin_login(test::SimServer::kAccount, test::SimServer::kPassword);
    run();
    REQUIRE(engine->login_result());
    REQUIRE(engine->login_result()->ok);
  }

  static inline int counter = 0;
  test::FakeEnv env;
  test::SimServer server;
  std::string path;
  sync::MemoryCredentialStore credentials;
  std::unique_ptr<store::ProfileStore> store;
  std::unique_ptr<sync::Engine> engine;
};

std::string header(const sync::Request& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

}  // namespace

TEST_CASE("calls: without a sign-in an authenticated call ends at once; a public one is sent") {
  CallRig rig;
  auto mine = rig.engine->begin_call("GET", "/v1/appointments");
  auto open = rig.engine->begin_call("GET", "/v1/forms/marriage-certificate-reissue/versions/1", "", "", false);
  CHECK(rig.engine->next_wakeup() == rig.env.clock.now_ms());
  auto sent = rig.run();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].path == "/v1/forms/marriage-certificate-reissue/versions/1");
  CHECK(header(sent[0], "Authorization").empty());

  auto refused = rig.engine->take_call_result(mine);
  REQUIRE(refused);
  CHECK(refused->status == 401);
  CHECK(json::parse(refused->body)["error"]["code"] == "auth.token_missing");
  auto answered = rig.engine->take_call_result(open);
  REQUIRE(answered);
  CHECK(answered->status == 200);
  CHECK(json::parse(answered->body)["id"] == "marriage-certificate-reissue");
  CHECK_FALSE(rig.engine->take_call_result(open));  // taken once
  CHECK_FALSE(rig.engine->call_pending(open));
}

TEST_CASE("calls: the access token is attached; an answer of any status is the call's result") {
  CallRig rig;
  rig.sign_in();
  auto t = rig.engine->begin_call("GET", "/v1/cases/case-that-is-not-there");
  CHECK(rig.engine->call_pending(t));
  CHECK_FALSE(rig.engine->take_call_result(t));  // not sent yet
  auto sent = rig.run();
  REQUIRE(sent.size() == 1);
  CHECK(header(sent[0], "Authorization").rfind("Bearer ", 0) == 0);
  auto r = rig.engine->take_call_result(t);
  REQUIRE(r);
  CHECK(r->status == 404);
  CHECK(json::parse(r->body)["error"]["code"] == "protocol.not_found");
  CHECK(r->error.is_null());
}

TEST_CASE("calls: a token refused by the server is refreshed and the call sent once more") {
  CallRig rig;
  rig.sign_in();
  rig.server.expire_all_access_tokens();  // the client still thinks its token is fresh
  auto t = rig.engine->begin_call("GET", "/v1/cases/x");
  auto sent = rig.run();
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].path == "/v1/cases/x");
  CHECK(sent[1].path == "/v1/auth/refresh");
  CHECK(sent[2].path == "/v1/cases/x");
  CHECK(header(sent[2], "Authorization") != header(sent[0], "Authorization"));
  auto r = rig.engine->take_call_result(t);
  REQUIRE(r);
  CHECK(r->status == 404);  // past the token check: the server looked for the case
}

TEST_CASE("calls: a token about to expire is refreshed before the call is sent") {
  CallRig rig;
  rig.sign_in();
  rig.env.clock.advance(15 * 60 * 1000);
  auto t = rig.engine->begin_call("POST", "/v1/consultations", R"({"itemId":"x","question":"?"})", "application/json");
  auto sent = rig.run();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].path == "/v1/auth/refresh");
  CHECK(sent[1].path == "/v1/consultations");
  CHECK(sent[1].method == "POST");
  CHECK(sent[1].content_type == "application/json");
  CHECK(sent[1].body == R"({"itemId":"x","question":"?"})");
  CHECK(rig.engine->take_call_result(t));
}

TEST_CASE("calls: a network failure is the result, and the call is not sent again") {
  CallRig rig;
  rig.sign_in();
  auto t = rig.engine->begin_call("DELETE", "/v1/appointments/a1");
  auto reqs = rig.engine->poll();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].method == "DELETE");
  rig.engine->on_failure(reqs[0].id, "connection refused");
  auto r = rig.engine->take_call_result(t);
  REQUIRE(r);
  CHECK(r->status == 0);
  CHECK(r->error["error"]["code"] == "network");
  CHECK(r->error["error"]["message"] == "connection refused");
  CHECK(rig.engine->poll().empty());
}

TEST_CASE("calls: a cancelled call's late answer is ignored") {
  CallRig rig;
  rig.sign_in();
  auto t = rig.engine->begin_call("GET", "/v1/cases/x");
  auto reqs = rig.engine->poll();
  REQUIRE(reqs.size() == 1);
  rig.engine->cancel_call(t);
  CHECK_FALSE(rig.engine->call_pending(t));
  rig.engine->on_response(reqs[0].id, rig.server.handle(reqs[0]));
  CHECK_FALSE(rig.engine->take_call_result(t));
  CHECK_FALSE(rig.engine->call_pending(t));
}
