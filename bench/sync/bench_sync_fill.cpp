// Fills a profile's outbox for the sync drain benchmark (bench/sync/run): N applications of one service item, each
// the item's example answers, validated and queued exactly as `wangban submit` does (core/store submit_draft: one
// durable transaction per item). Prints the number queued.
//   bench_sync_fill PROFILE_DIR FORM.json EXAMPLE.json N

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/form/form_loader.hpp"
#include "core/session/form_model.hpp"
#include "core/store/profile_store.hpp"
#include "core/store/submit.hpp"
#include "native/platform/system_env.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: bench_sync_fill PROFILE_DIR FORM.json EXAMPLE.json N\n";
    return 2;
  }
  try {
    fs::create_directories(argv[1]);
    wb::native::SystemClock clock;
    wb::native::SystemRandom random;
    auto store = wb::store::ProfileStore::open((fs::path(argv[1]) / "profile.db").string(), {&clock, &random});
    auto loaded = wb::form::load_form_text(read(argv[2]));
    if (!loaded.ok()) throw std::runtime_error("the form does not load");
    auto model = wb::session::FormModel::build(loaded.form);
    if (!model) throw std::runtime_error("the form has no model");
    store->cache_form(loaded.form->source);
    json answers = json::parse(read(argv[3]));
    int n = std::stoi(argv[4]), queued = 0;
    for (int i = 0; i < n; ++i) {
      auto draft = store->create_draft(*loaded.form, answers);
      auto result = wb::store::submit_draft(*store, draft, model, wb::native::local_today(clock));
      if (!result.item) throw std::runtime_error("the example does not validate (" + std::to_string(result.errors.size()) + " errors)");
      ++queued;
    }
    std::cout << queued << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_sync_fill: " << e.what() << "\n";
    return 1;
  }
}
