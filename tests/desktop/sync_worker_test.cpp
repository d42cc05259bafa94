#include <doctest/doctest.h>

#include "core/form/form_loader.hpp"
#include "examples/desktop/model/form_view.hpp"
#include "examples/desktop/model/sync_status.hpp"
#include "examples/desktop/model/sync_worker.hpp"
#include "native/platform/system_env.hpp"
#include "tests/desktop/server_process.hpp"
#include "tests/support/fake_env.hpp"

using namespace wb;
using namespace wb::desktop;
using nlohmann::json;
namespace fs = std::filesystem;
using Phase = SyncSnapshot::Phase;

namespace {

struct Profile {
  explicit Profile(const std::string& name) : dir(test::fresh_dir(name)) {
    store = store::ProfileStore::open((dir / "profile.db").string(), env.env());
  }
  SyncWorker::Options worker(const std::string& server) {
    SyncWorker::Options o;
    o.database = dir / "profile.db";
    o.credentials = dir / "credentials.json";
    o.server = server;
    o.engine.retry_base_ms = 50;
    return o;
  }
  // Queues a complete marriage-certificate reissue with its photo.
  std::int64_t queue_application() {
    auto loaded = form::load_form_text(test::read_file((test::sample_catalog() / "marriage-certificate-reissue.json").string()));
    auto model = session::FormModel::build(loaded.form);
    store->cache_form(loaded.form->source);
    auto id = store->create_draft(model->form());
    FormView v(*store, id, model, native::local_today(env.clock), Lang::ZhCN);
    test::write_file(dir / "合影.png", test::tiny_png());
    v.commit_text("/husband/name", "孙七");
    v.commit_text("/husband/idNumber", "330106198802141013");
    v.commit_text("/husband/mobile", "13700000004");
    v.commit_text("/wife/name", "周八");
    v.commit_text("/wife/idNumber", "330106199007301027");
    v.commit_text("/wife/mobile", "18600000005");
    v.commit_text("/original/registrationDate", "2016-09-18");
    v.commit_text("/original/registry", "示例市婚姻登记中心");
    v.choose("/reason", 0);
    v.attach("/attachments/jointPhoto", (dir / "合影.png").string());
    v.set_checked("/declaration", true);
    auto out = v.submit();
    REQUIRE(out.outbox_id);
    return *out.outbox_id;
  }

  fs::path dir;
  struct Env {
    native::SystemClock clock;
    native::SystemRandom random;
    Environment env() { return Environment{&clock, &random}; }
  } env;
  std::unique_ptr<store::ProfileStore> store;
};

}  // namespace

TEST_CASE("without a server the worker says so, and a sign-in asks for one") {
  Profile p("worker-no-server");
  SyncWorker w(p.worker(""));
  REQUIRE(test::eventually([&] { return w.snapshot().generation > 0; }));
  CHECK(w.snapshot().phase == Phase::NoServer);
  w.login("", "11010519491231002X", "x");
  REQUIRE(test::eventually([&] { return w.snapshot().login_error.has_value(); }));
  CHECK(*w.snapshot().login_error == "尚未设置服务器");
  CHECK_FALSE(w.snapshot().signed_in);
}

TEST_CASE("an unreachable server: the sign-in fails with a reason, the outbox keeps its item queued") {
  Profile p("worker-offline");
  auto id = p.queue_application();
  SyncWorker w(p.worker("http://127.0.0.1:1"));
  w.login("", "11010519491231002X", "wangban-demo");
  REQUIRE(test::eventually([&] { return w.snapshot().login_error.has_value(); }));
  CHECK(*w.snapshot().login_error == "无法连接服务器");
  REQUIRE(test::eventually([&] { return w.snapshot().phase == Phase::Offline; }));
  CHECK(w.snapshot().queued == 1);
  CHECK(p.store->outbox_item(id)->state == store::OutboxState::Queued);
  CHECK(p.store->meta(SyncWorker::kServerKey) == std::nullopt);  // only a given server is remembered
}

TEST_CASE("against the real server: sign in, the queued application is sent, its receipt and first status kept") {
  test::ServerProcess server("worker-server");
  Profile p("worker-real");
  auto id = p.queue_application();
  SyncWorker w(p.worker(""));
  w.login(server.url(), test::ServerProcess::kCitizen, "wrong password");
  REQUIRE(test::eventually([&] { return w.snapshot().login_error.has_value(); }));
  CHECK_FALSE(w.snapshot().login_error->empty());
  CHECK_FALSE(w.snapshot().signed_in);
  w.login(server.url(), test::ServerProcess::kCitizen, test::ServerProcess::kPassword);
  REQUIRE(test::eventually([&] { return w.snapshot().login_error && w.snapshot().login_error->empty(); }));
  REQUIRE(test::eventually([&] { return w.snapshot().accepted == 1; }));
  w.sync_now();
  bool idle = test::eventually([&] { return w.snapshot().phase == Phase::Idle; }, 5000);
  auto s = w.snapshot();
  CAPTURE(static_cast<int>(s.phase));
  CAPTURE(s.last_error);
  CHECK(idle);
  CHECK(s.signed_in);
  CHECK_FALSE(s.display_name.empty());
  CHECK(s.queued == 0);
  CHECK(p.store->meta(SyncWorker::kServerKey) == server.url());
  auto item = p.store->outbox_item(id);
  REQUIRE(item->receipt.is_object());
  std::string number = item->receipt.value("acceptanceNumber", "");
  CHECK_FALSE(number.empty());
  auto cases = server.cases();
  REQUIRE(cases.size() == 1);
  CHECK(cases[0]["acceptanceNumber"] == number);
  CHECK(cases[0]["idempotencyKey"] == item->idempotency_key);
  REQUIRE(test::eventually([&] { return !p.store->status_history(id).empty(); }));
  CHECK(p.store->status_history(id).front().status == "submitted");
  auto bar = status_bar(w.snapshot(), Lang::ZhCN);
  CHECK(bar.account == "已登录：" + s.display_name);
  CHECK(bar.counts == "待发送 0 · 已受理 1 · 需处理 0");
}

TEST_CASE("the status bar in words: who, what the sync does, the counts, the progress of a run") {
  SyncSnapshot s;
  s.phase = Phase::Syncing;
  s.signed_in = true;
  s.display_name = "张三";
  s.queued = 2;
  s.accepted = 1;
  s.batch_total = 3;
  s.batch_done = 1;
  auto b = status_bar(s, Lang::ZhCN);
  CHECK(b.account == "已登录：张三");
  CHECK(b.state == "正在同步…");
  CHECK(b.counts == "待发送 2 · 已受理 1 · 需处理 0");
  REQUIRE(b.progress);
  CHECK(*b.progress == doctest::Approx(1.0 / 3));
  CHECK(b.progress_text == "已发送 1/3");
  CHECK_FALSE(b.warning);
  s.phase = Phase::Offline;
  s.last_error = "Connection";
  b = status_bar(s, Lang::En);
  CHECK(b.state == "Offline: retrying when a connection comes");
  CHECK(b.warning);
  CHECK(b.detail == "Last error: Connection");
  CHECK_FALSE(b.progress);
  s.phase = Phase::NeedsSignIn;
  s.signed_in = false;
  b = status_bar(s, Lang::ZhCN);
  CHECK(b.account == "未登录");
  CHECK(b.state == "需要重新登录后才能发送");
}
