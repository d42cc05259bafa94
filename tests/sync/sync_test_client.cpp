// A native client for the real-process sync tests: fills applications offline (the sample marriage-certificate
// reissue, each with its own photo), queues them, and syncs through the real HTTP transport until its outbox is
// empty. The tests kill it with SIGKILL at random moments and start it again on the same profile.
//
//   wangban_sync_test_client --profile DIR --server URL --items N [--timeout-ms T] [--deadline-s S] [--chunk B]
//                            [--big-mb M]
// --big-mb queues one more application (a disability certificate) carrying an M MB medical record.
// Prints one JSON line {"accepted", "queued", "attention", "items": [{"key", "state", "caseId", "files"}]}; exit 0
// when every item is accepted.

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "core/form/form_loader.hpp"
#include "core/session/form_model.hpp"
#include "core/store/submit.hpp"
#include "core/sync/engine.hpp"
#include "native/platform/file_credentials.hpp"
#include "native/platform/files.hpp"
#include "native/platform/system_env.hpp"
#include "native/sync/sync_runner.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace wb;

int main(int argc, char** argv) {
  std::string profile, server, account = "11010519491231002X", password = "wangban-demo";
  int items = 0, timeout_ms = 2000, deadline_s = 600, big_mb = 0;
  std::int64_t chunk = 16 * 1024;
  CLI::App app{"sync test client"};
  app.add_option("--profile", profile)->required();
  app.add_option("--server", server)->required();
  app.add_option("--items", items);
  app.add_option("--timeout-ms", timeout_ms);
  app.add_option("--deadline-s", deadline_s);
  app.add_option("--chunk", chunk);
  app.add_option("--big-mb", big_mb);
  CLI11_PARSE(app, argc, argv);

  native::SystemClock clock;
  native::SystemRandom random;
  Environment env{&clock, &random};
  fs::create_directories(profile);
  auto store = store::ProfileStore::open((fs::path(profile) / "profile.db").string(), env);
  native::FileCredentialStore credentials(fs::path(profile) / "credentials.json");

  // Fill and queue what is still missing (a restart after a kill continues where it was).
  std::string error;
  auto text = native::read_file(fs::path(WANGBAN_SOURCE_DIR) / "examples/catalog/marriage-certificate-reissue.json", error);
  auto example = native::read_file(fs::path(WANGBAN_SOURCE_DIR) / "examples/catalog/marriage-certificate-reissue.example.json", error);
  auto form = form::load_form_text(*text).form;
  auto model = session::FormModel::build(form);
  store->cache_form(form->source);
  int have = static_cast<int>(store->outbox().size());
  for (int i = have; i < items; ++i) {
    json data = json::parse(*example);
    auto draft = store->create_draft(*form, data);
    std::string photo = "\xff\xd8\xff\xe0 photo of application " + std::to_string(i) + " in " + profile;
    photo.resize(20000 + static_cast<size_t>(i % 7) * 3000, static_cast<char>('a' + i % 26));
    auto ref = store->put_attachment(draft, "/attachments/jointPhoto", photo, "合影" + std::to_string(i) + ".jpg", "image/jpeg", nullptr);
    data["attachments"]["jointPhoto"] = ref.to_json();
    store->save_draft(draft, data, 1.0, 0);
    auto result = store::submit_draft(*store, draft, model, native::local_today(clock));
    if (!result.item) {
      for (const auto& e : result.errors) std::cerr << e.location << ": " << e.message(Lang::En) << "\n";
      return 2;
    }
  }

  if (big_mb > 0 && static_cast<int>(store->outbox().size()) == items) {
    auto big_text = native::read_file(fs::path(WANGBAN_SOURCE_DIR) / "examples/catalog/disability-certificate.json", error);
    auto big_example = native::read_file(fs::path(WANGBAN_SOURCE_DIR) / "examples/catalog/disability-certificate.example.json", error);
    auto big_form = form::load_form_text(*big_text).form;
    auto big_model = session::FormModel::build(big_form);
    store->cache_form(big_form->source);
    json data = json::parse(*big_example);
    auto draft = store->create_draft(*big_form, data);
    auto file = [&](const std::string& pointer, std::size_t size, const std::string& name, const std::string& type) {
      std::string bytes;
      bytes.reserve(size);
      std::uint64_t x = 0x9e3779b97f4a7c15ULL ^ size;  // not compressible, not repetitive: offsets matter
      while (bytes.size() < size) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        bytes.push_back(static_cast<char>(x & 0xff));
      }
      return store->put_attachment(draft, pointer, bytes, name, type, nullptr).to_json();
    };
    data["attachments"]["idCard"] = file("/attachments/idCard", 245760, "身份证.jpg", "image/jpeg");
    data["attachments"]["photo"] = file("/attachments/photo", 64000, "照片.jpg", "image/jpeg");
    data["attachments"]["medicalRecords"] = json::array(
        {file("/attachments/medicalRecords/0", static_cast<std::size_t>(big_mb) << 20, "病历.pdf", "application/pdf")});
    store->save_draft(draft, data, 1.0, 0);
    auto result = store::submit_draft(*store, draft, big_model, native::local_today(clock));
    if (!result.item) {
      for (const auto& e : result.errors) std::cerr << e.location << ": " << e.message(Lang::En) << "\n";
      return 2;
    }
  }

  sync::EngineOptions options;
  options.retry_base_ms = 50;  // real time, short backoff: the faults are many and the test has a deadline
  options.upload_chunk_bytes = chunk;
  options.large_upload_bytes = 4 * chunk;
  options.pull_catalog = false;
  sync::Engine engine(*store, credentials, env, options);
  native::HttpTransport transport(server, {timeout_ms, timeout_ms});
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(deadline_s);
  while (std::chrono::steady_clock::now() < deadline) {
    if (engine.needs_sign_in() && !engine.login_pending()) engine.begin_login(account, password);
    auto report = native::drain(engine, transport, 10000);
    if (std::getenv("WANGBAN_CLIENT_TRACE"))  // timings for debugging a slow run
      std::cerr << clock.now_ms() << " drained " << report.requests << " requests; wait "
                << engine.next_wakeup() - clock.now_ms() << " ms; " << engine.status().last_error << "\n";
    if (report.status.queued == 0 && !engine.needs_sign_in()) break;
    auto wait = engine.next_wakeup() - clock.now_ms();
    std::this_thread::sleep_for(std::chrono::milliseconds(std::clamp<std::int64_t>(wait, 5, 200)));
  }
  auto status = engine.status();
  json out = {{"accepted", status.accepted}, {"queued", status.queued}, {"attention", status.needs_attention}, {"items", json::array()}};
  for (const auto& item : store->outbox())
    out["items"].push_back({{"key", item.idempotency_key}, {"state", std::string(store::outbox_state_name(item.state))},
                            {"caseId", item.receipt.is_object() ? item.receipt.value("caseId", "") : ""},
                            {"error", item.last_error}, {"files", item.manifest}});
  std::cout << out.dump() << std::endl;
  return status.queued == 0 && status.needs_attention == 0 ? 0 : 1;
}
