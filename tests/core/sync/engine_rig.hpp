#pragma once
// The sync engine on a fresh profile against the model server with a perfect network: what the engine tests share.
// Each rig has its own database file, removed with the rig.

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/form/form_loader.hpp"
#include "core/sync/engine.hpp"
#include "tests/core/sync/sim_server.hpp"
#include "tests/support/fake_env.hpp"
#include "tests/support/test_files.hpp"

namespace wb::test {

inline std::string marriage_definition_text() {
  return read_file(source_dir() + "/examples/catalog/marriage-certificate-reissue.json");
}

struct EngineRig {
  explicit EngineRig(sync::EngineOptions options = {}) : server(env.clock) {
    path = (std::filesystem::temp_directory_path() / ("wangban-engine-test-" + std::to_string(counter++) + ".db")).string();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
    server.set_definition(marriage_definition_text());
    store = store::ProfileStore::open(path, env.env());
    engine = std::make_unique<sync::Engine>(*store, credentials, env.env(), options);
  }
  ~EngineRig() {
    engine.reset();
    store.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
  }
  EngineRig(const EngineRig&) = delete;
  EngineRig& operator=(const EngineRig&) = delete;

  // Sends everything, in order, until the engine has nothing more to send now. Returns the requests sent.
  std::vector<sync::Request> run(int max = 10000) {
    std::vector<sync::Request> sent;
    for (int i = 0; i < max; ++i) {
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
    engine->begin_login(SimServer::kAccount, SimServer::kPassword);
    run(1);
  }
  // Queues an application of the marriage form, with a photo when `attachment` has bytes.
  store::OutboxItem queue(const nlohmann::json& payload, const std::string& attachment = "") {
    auto draft = store->create_draft(*form);
    nlohmann::json manifest = nlohmann::json::array();
    if (!attachment.empty()) {
      auto ref = store->put_attachment(draft, "/attachments/jointPhoto", attachment, "p.jpg", "image/jpeg", nullptr);
      manifest.push_back({{"sha256", ref.sha256}, {"name", ref.name}, {"size", ref.size}, {"mediaType", ref.media_type}});
    }
    return store->enqueue(draft, payload, manifest);
  }

  static inline int counter = 0;
  FakeEnv env;
  SimServer server;
  std::string path;
  form::FormPtr form = form::load_form_text(marriage_definition_text()).form;
  sync::MemoryCredentialStore credentials;
  std::unique_ptr<store::ProfileStore> store;
  std::unique_ptr<sync::Engine> engine;
};

}  // namespace wb::test
