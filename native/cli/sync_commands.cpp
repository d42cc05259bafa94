// `wangban --profile DIR login|logout|sync`: signing in to a server and synchronising the profile with it.
//   login --server URL --account ID --password-stdin     exit 0 signed in, 1 refused, 3 server unreachable
//   logout                                               exit 0
//   sync [--server URL] --once | --watch [--batch N]     exit 0 outbox empty, 3 items remain
// The server URL is remembered in the profile; the tokens are kept in DIR/credentials.json (mode 0600).

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "core/store/profile_store.hpp"
#include "core/sync/engine.hpp"
#include "native/cli/cli_context.hpp"
#include "native/platform/file_credentials.hpp"
#include "native/platform/system_env.hpp"
#include "native/sync/sync_runner.hpp"

namespace wb::cli {
namespace {

namespace fs = std::filesystem;
constexpr int kExitRemaining = 3;
constexpr const char* kServerKey = "sync.server";

struct SyncProfile {
  native::SystemClock clock;
  native::SystemRandom random;
  std::unique_ptr<store::ProfileStore> store;
  std::unique_ptr<native::FileCredentialStore> credentials;
  Environment env() { return Environment{&clock, &random}; }
};

std::unique_ptr<SyncProfile> open(const Context& ctx) {
  if (ctx.profile_dir.empty())
    throw Error(ErrorCode::InvalidArgument, {{"detail", ctx.lang() == Lang::En ? "this command needs --profile DIR" : "此命令需要 --profile DIR"}});
  std::error_code ec;
  fs::create_directories(ctx.profile_dir, ec);
  if (ec) throw Error(ErrorCode::Unreadable, {{"what", ctx.profile_dir}, {"detail", ec.message()}});
  auto p = std::make_unique<SyncProfile>();
  p->store = store::ProfileStore::open((fs::path(ctx.profile_dir) / "profile.db").string(), p->env());
  p->credentials = std::make_unique<native::FileCredentialStore>(fs::path(ctx.profile_dir) / "credentials.json");
  return p;
}

std::string server_of(const Context& ctx, SyncProfile& p, const std::string& given) {
  if (!given.empty()) {
    p.store->set_meta(kServerKey, given);
    return given;
  }
  auto saved = p.store->meta(kServerKey);
  if (!saved || saved->empty())
    throw Error(ErrorCode::InvalidArgument, {{"detail", ctx.lang() == Lang::En ? "no server yet: give --server URL" : "尚未指定服务器：请给出 --server URL"}});
  return *saved;
}

std::string server_message(const nlohmann::json& error, Lang lang) {
  if (error.is_object() && error.contains("error")) {
    const auto& e = error["error"];
    if (e.contains("messages") && e["messages"].is_object())
      return e["messages"].value(std::string(lang_tag(lang)), e.value("message", ""));
    return e.value("message", e.value("code", ""));
  }
  return "";
}

std::string summary(const native::DrainReport& r, Lang lang) {
  const auto& s = r.status;
  std::string line;
  if (lang == Lang::En) {
    line = "sync: " + std::to_string(r.newly_accepted) + " sent now; outbox: " + std::to_string(s.accepted) + " accepted, " +
           std::to_string(s.queued) + " queued, " + std::to_string(s.needs_attention) + " need attention";
    if (s.needs_sign_in) line += "; sign-in needed (wangban login)";
    else if (s.offline) line += "; offline (" + s.last_error + ")";
  } else {
    line = "同步：本次发送 " + std::to_string(r.newly_accepted) + " 件；发件箱：已受理 " + std::to_string(s.accepted) + " 件，待发送 " +
           std::to_string(s.queued) + " 件，需处理 " + std::to_string(s.needs_attention) + " 件";
    if (s.needs_sign_in) line += "；需要重新登录（wangban login）";
    else if (s.offline) line += "；无法连接服务器（" + s.last_error + "）";
  }
  return line;
}

struct LoginOptions {
  std::string server, account;
  bool password_stdin = false;
};

void run_login(Context& ctx, const LoginOptions& o) {
  auto p = open(ctx);
  std::string url = server_of(ctx, *p, o.server);
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  sync::EngineOptions options;
  options.pull_catalog = options.pull_status = false;
  sync::Engine engine(*p->store, *p->credentials, p->env(), options);
  native::HttpTransport transport(url);
  engine.begin_login(o.account, password);
  native::drain(engine, transport, 1);  // the sign-in only: queued items go with `sync`
  const auto& result = engine.login_result();
  Lang lang = ctx.lang();
  if (result && result->ok) {
    auto tokens = p->credentials->load();
    std::cout << (lang == Lang::En ? "signed in: " : "已登录：") << (tokens ? tokens->display_name : "") << "\n";
    return;
  }
  if (!result || result->status == 0) {
    std::cerr << "wangban: " << (lang == Lang::En ? "cannot reach the server: " : "无法连接服务器：")
              << (result ? server_message(result->error, lang) : "") << "\n";
    ctx.exit_code = kExitRemaining;
    return;
  }
  std::cerr << "wangban: " << server_message(result->error, lang) << "\n";
  ctx.exit_code = kExitFindings;
}

void run_logout(Context& ctx) {
  auto p = open(ctx);
  sync::EngineOptions options;
  options.pull_catalog = options.pull_status = false;
  sync::Engine engine(*p->store, *p->credentials, p->env(), options);
  engine.logout();
  if (auto url = p->store->meta(kServerKey); url && !url->empty()) {
    try {
      native::HttpTransport transport(*url);
      native::drain(engine, transport, 2);  // tells the server; signed out locally either way
    } catch (const Error&) {
    }
  }
  std::cout << (ctx.lang() == Lang::En ? "signed out\n" : "已退出登录\n");
}

struct SyncOptions {
  std::string server;
  bool once = false, watch = false;
  int batch = sync::EngineOptions{}.submit_batch;
};

void run_sync(Context& ctx, const SyncOptions& o) {
  auto p = open(ctx);
  std::string url = server_of(ctx, *p, o.server);
  sync::EngineOptions options;
  options.submit_batch = o.batch;
  sync::Engine engine(*p->store, *p->credentials, p->env(), options);
  native::HttpTransport transport(url);
  if (!o.watch) {
    auto report = native::drain(engine, transport);
    std::cout << summary(report, ctx.lang()) << "\n";
    const auto& s = report.status;
    if (s.queued > 0 || s.needs_attention > 0) ctx.exit_code = kExitRemaining;
    return;
  }
  for (;;) {
    auto report = native::drain(engine, transport);
    std::cout << summary(report, ctx.lang()) << std::endl;
    auto wait = engine.next_wakeup() - p->clock.now_ms();
    std::this_thread::sleep_for(std::chrono::milliseconds(std::clamp<std::int64_t>(wait, 200, 30'000)));
  }
}

}  // namespace

void add_sync_commands(CLI::App& app, Context& ctx) {
  auto lo = std::make_shared<LoginOptions>();
  auto* login = app.add_subcommand("login", "Sign in to a server (needs --profile DIR); the password is read from standard input");
  login->add_option("--server", lo->server, "Server URL, e.g. http://127.0.0.1:8080 (remembered in the profile)");
  login->add_option("--account", lo->account, "Resident ID number, unified social credit code or staff number")->required();
  login->add_flag("--password-stdin", lo->password_stdin, "Read the password from standard input")->required();
  login->callback([&ctx, lo] { run_login(ctx, *lo); });

  auto* logout = app.add_subcommand("logout", "Sign out (needs --profile DIR)");
  logout->callback([&ctx] { run_logout(ctx); });

  auto so = std::make_shared<SyncOptions>();
  auto* sync = app.add_subcommand("sync", "Send queued applications, pull status updates and the catalog (needs --profile DIR)");
  sync->add_option("--server", so->server, "Server URL (default: the one remembered at login)");
  auto* once = sync->add_flag("--once", so->once, "Send what can be sent now, then exit: 0 when the outbox is empty, 3 when items remain");
  auto* watch = sync->add_flag("--watch", so->watch, "Keep syncing until interrupted");
  sync->add_option("--batch", so->batch, "Applications sent per request when several are ready (1: one at a time)")
      ->check(CLI::Range(1, 100));
  once->excludes(watch);
  sync->callback([&ctx, so] { run_sync(ctx, *so); });
}

}  // namespace wb::cli
