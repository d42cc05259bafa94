// What an upload's creation tells the server: the file's hash, size, type and name, and the item and material only
// together (the server refuses one without the other: "itemId and materialId go together").

#include <doctest/doctest.h>

#include <filesystem>

#include "core/form/form_loader.hpp"
#include "core/sync/engine.hpp"
#include "tests/core/sync/sim_server.hpp"
#include "tests/support/fake_env.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace wb;

TEST_CASE("uploads: an attachment without a material is created without itemId; with one, with both") {
  test::FakeEnv env;
  test::SimServer server(env.clock);
  std::string definition = test::read_file(test::source_dir() + "/examples/catalog/marriage-certificate-reissue.json");
  server.set_definition(definition);
  std::string path = (fs::temp_directory_path() / "wangban-engine-upload-body-test.db").string();
  for (const char* s : {"", "-wal", "-shm"}) fs::remove(path + s);
  auto store = store::ProfileStore::open(path, env.env());
  sync::MemoryCredentialStore credentials;
  sync::EngineOptions options;
  options.pull_catalog = options.pull_status = false;
  sync::Engine engine(*store, credentials, env.env(), options);
  engine.begin_login(test::SimServer::kAccount, test::SimServer::kPassword);
  for (auto& r : engine.poll()) engine.on_response(r.id, server.handle(r));
  REQUIRE(engine.login_result());

  auto form = form::load_form_text(definition).form;
  std::vector<json> bodies;
  for (bool with_material : {false, true}) {
    auto draft = store->create_draft(*form);
    auto ref = store->put_attachment(draft, "/attachments/jointPhoto", with_material ? "photo-b" : "photo-a", "p.jpg",
                                     "image/jpeg", nullptr);
    json entry = ref.to_json();
    if (with_material) entry["material"] = "jointPhoto";  // as store::attachment_manifest names it
    store->enqueue(draft, json::object(), json::array({entry}));
  }
  for (int round = 0; round < 50; ++round) {
    auto reqs = engine.poll();
    if (reqs.empty()) break;
    for (auto& r : reqs) {
      if (r.method == "POST" && r.path == "/v1/uploads") bodies.push_back(json::parse(r.body));
      engine.on_response(r.id, server.handle(r));
    }
  }
  REQUIRE(bodies.size() == 2);
  CHECK(bodies[0]["name"] == "p.jpg");
  CHECK(bodies[0]["mediaType"] == "image/jpeg");
  CHECK_FALSE(bodies[0].contains("itemId"));
  CHECK_FALSE(bodies[0].contains("materialId"));
  CHECK(bodies[1]["itemId"] == "marriage-certificate-reissue");
  CHECK(bodies[1]["materialId"] == "jointPhoto");
  store.reset();
  for (const char* s : {"", "-wal", "-shm"}) fs::remove(path + s);
}
