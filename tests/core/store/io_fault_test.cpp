#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <functional>

#include "core/form/form_loader.hpp"
#include "core/store/autosaved_draft.hpp"
#include "core/store/profile_store.hpp"
#include "tests/support/fake_env.hpp"
#include "tests/support/faulty_vfs.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::store;
namespace fs = std::filesystem;

namespace {

form::FormPtr housing() {
  auto r = form::load_form_text(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.json"));
  REQUIRE(r.ok());
  return r.form;
}

// Everything the store holds, as JSON: an operation is all-or-nothing when this is either unchanged or exactly the
// state a successful run leaves.
json digest(ProfileStore& s) {
  json d = json::object();
  for (const auto& r : s.drafts()) d["drafts"].push_back({r.id, r.revision, s.draft(r.id)->data});
  for (const auto& o : s.outbox(true))
    d["outbox"].push_back({o.id, o.idempotency_key, outbox_state_name(o.state), o.attempts, o.payload, o.receipt});
  auto count = [&](const char* table) {
    auto st = s.database().prepare(std::string("SELECT count(*) FROM ") + table);
    st.step();
    return st.column_int(0);
  };
  d["attachments"] = count("attachment_chunks");
  d["statuses"] = count("case_status");
  d["events"] = count("events");
  return d;
}

bool integrity_ok(ProfileStore& s) {
  auto st = s.database().prepare("PRAGMA integrity_check");
  return st.step() && st.column_text(0) == "ok";
}

struct Operation {
  const char* name;
  std::function<void(ProfileStore&, const form::FormDefinition&)> run;
};

std::vector<Operation> operations() {
  std::string file(64 * 1024, 'f');
  return {
      {"create draft", [](ProfileStore& s, const form::FormDefinition& f) { s.create_draft(f, {{"support", "flat"}}); }},
      {"autosave", [](ProfileStore& s, const form::FormDefinition&) { s.save_draft(s.drafts()[0].id, {{"support", "subsidy"}}, 0.5, 1); }},
      {"attach 64 KB", [file](ProfileStore& s, const form::FormDefinition& f) {
         s.put_attachment(s.drafts()[0].id, "/attachments/idCard", file, "id.pdf", "application/pdf", f.guide.find_material("idCard"));
       }},
      {"submit", [](ProfileStore& s, const form::FormDefinition&) { s.enqueue(s.drafts()[0].id, {{"n", 1}}, json::array()); }},
      {"retry", [](ProfileStore& s, const form::FormDefinition&) { s.mark_retry(s.outbox()[0].id, {{"network", "reset"}}); }},
      {"accept", [](ProfileStore& s, const form::FormDefinition&) { s.mark_accepted(s.outbox()[0].id, {{"acceptanceNumber", "A1"}}); }},
      {"status", [](ProfileStore& s, const form::FormDefinition&) { s.add_status(s.outbox()[0].id, "in_review", "d", json::object(), 5); }},
  };
}

// A profile with one draft and one queued item, so every operation has something to work on.
void seed(ProfileStore& s, const form::FormDefinition& f) {
  s.create_draft(f, {{"support", "flat"}});
  std::string d = s.create_draft(f, json::object());
  s.enqueue(d, {{"n", 0}}, json::array());
}

}  // namespace

TEST_CASE("store: every write and sync of every operation can fail (once or for good, disk full or I/O error) "
          "and the operation is all-or-nothing, reports a clear error, and damages nothing") {
  auto& vfs = test::FaultyVfs::install();
  auto form = housing();
  fs::path dir = fs::temp_directory_path() / ("wangban-fault-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  int injected = 0;
  for (const auto& op : operations()) {
    CAPTURE(op.name);
    // How many writes and syncs does the operation do?
    long ios = 0;
    json success;
    {
      test::FakeEnv fe;
      fs::remove_all(dir / "count");
      fs::create_directories(dir / "count");
      auto s = ProfileStore::open((dir / "count" / "p.db").string(), fe.env(), {true, vfs.name()});
      seed(*s, *form);
      vfs.set_plan({});
      op.run(*s, *form);
      ios = vfs.io_count();
      success = digest(*s);
    }
    REQUIRE(ios > 0);
    for (bool persistent : {false, true}) {
      for (bool disk_full : {true, false}) {
        for (long n = 0; n < ios; ++n) {
          CAPTURE(persistent);
          CAPTURE(disk_full);
          CAPTURE(n);
          test::FakeEnv fe;
          fs::path p = dir / "run";
          fs::remove_all(p);
          fs::create_directories(p);
          std::string path = (p / "p.db").string();
          json before;
          {
            auto s = ProfileStore::open(path, fe.env(), {true, vfs.name()});
            seed(*s, *form);
            before = digest(*s);
            vfs.set_plan({n, persistent, disk_full});
            bool failed = false;
            try {
              op.run(*s, *form);
            } catch (const Error& e) {
              failed = true;
              ++injected;
              CHECK((e.code() == (disk_full ? ErrorCode::StoreDiskFull : ErrorCode::StoreIo)));
              CHECK_FALSE(e.diagnostic().message(Lang::ZhCN).empty());
            }
            vfs.set_plan({});
            json after = digest(*s);
            if (failed)
              CHECK(after == before);
            else
              CHECK(after == success);
            CHECK(integrity_ok(*s));
          }
          // The file opens again, intact, and the operation can be done now that the disk is fine.
          auto again = ProfileStore::open(path, fe.env(), {false, vfs.name()});
          CHECK(integrity_ok(*again));
          json reopened = digest(*again);
          CHECK((reopened == before || reopened == success));
          if (reopened == before) {
            op.run(*again, *form);
            CHECK(integrity_ok(*again));
          }
        }
      }
    }
  }
  MESSAGE("injected faults that failed an operation: " << injected);
  CHECK(injected > 50);
  fs::remove_all(dir);
}

TEST_CASE("store: an autosaved edit that cannot be saved is undone in memory too") {
  auto& vfs = test::FaultyVfs::install();
  auto form = housing();
  auto model = session::FormModel::build(form);
  REQUIRE(model);
  fs::path dir = fs::temp_directory_path() / ("wangban-autosave-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  test::FakeEnv fe;
  auto s = ProfileStore::open((dir / "p.db").string(), fe.env(), {true, vfs.name()});
  std::string id = s->create_draft(*form);
  AutosavedDraft d(*s, id, model, logic::Date{2026, 11, 26});
  d.set("/applicant/name", "张三");
  CHECK(s->draft(id)->data["applicant"]["name"] == "张三");
  vfs.set_plan({0, true, true});
  try {
    d.set("/applicant/name", "李四");
    FAIL("a save on a full disk succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::StoreDiskFull);
  }
  vfs.set_plan({});
  CHECK(d.draft().data()["applicant"]["name"] == "张三");  // memory matches the disk
  CHECK(s->draft(id)->data["applicant"]["name"] == "张三");
  d.add_row("/household", {{"name", "张三"}});
  CHECK(s->draft(id)->data["household"].size() == 1);
  CHECK(s->draft(id)->revision == 2);
  fs::remove_all(dir);
}
