// wangban-server: the reference government backend (protocol v1, docs/protocol.md).
//   wangban-server --data DIR --port P [--tls-cert C --tls-key K] [--calendar FILE]   serve
//   wangban-server cases --data DIR [--json]                           list every case (operators)
//   wangban-server accounts add --data DIR --kind K --id ID --password-stdin
//   wangban-server forms publish --data DIR FILE                       publish a new form version

#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <pthread.h>
#include <thread>

#include "core/common/json_parse.hpp"
#include "native/platform/catalog_dir.hpp"
#include "native/platform/files.hpp"
#include "native/platform/system_env.hpp"
#include "server/app/operator_commands.hpp"
#include "server/app/server_app.hpp"

namespace {

constexpr int kExitOk = 0, kExitFindings = 1, kExitUsage = 2, kExitInternal = 70;

int serve(wb::server::ServerConfig config, wb::server::WorkCalendar calendar, wb::Environment env) {
  // SIGTERM / SIGINT are taken by a dedicated thread (sigwait), which stops the server cleanly: requests in flight
  // finish, every accepted case is already durable (synchronous=FULL), and the process exits 0.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  wb::server::ServerApp app(std::move(config), env, &std::cerr);
  app.context().calendar = std::move(calendar);
  int port = app.bind();
  auto& cfg = app.context().config;
  std::cout << "wangban-server listening on " << (cfg.tls_cert.empty() ? "http" : "https") << "://" << cfg.host << ":"
            << port << " (data: " << cfg.data_dir.string() << ")" << std::endl;
  std::thread waiter([&app, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    app.context().log.message(std::string("received ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") + ", stopping");
    app.stop();
  });
  app.run();
  // run() also returns when listening fails after bind; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  app.context().log.message("stopped");
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  wb::native::SystemClock clock;
  wb::native::SystemRandom random;
  wb::Environment env{&clock, &random};

  CLI::App cli{"wangban-server: the reference government backend of Wangban (protocol v1)"};
  cli.require_subcommand(0, 1);
  wb::server::ServerConfig config;
  std::string data_dir = "server-data", catalog_dir, web_dir, tls_cert, tls_key, calendar_file;
  int grace_days = 30;
  bool no_demo = false;
  cli.add_option("--data", data_dir, "Folder of the server's data (server.db)")->capture_default_str();
  cli.add_option("--port", config.port, "TCP port (0: any free port)")->capture_default_str();
  cli.add_option("--host", config.host, "Address to listen on")->capture_default_str();
  cli.add_option("--catalog", catalog_dir, "Folder of form definitions to publish on start (default: the sample catalog)");
  cli.add_option("--web", web_dir, "Folder of the citizen portal's static files");
  cli.add_option("--tls-cert", tls_cert, "PEM certificate: serve HTTPS");
  cli.add_option("--tls-key", tls_key, "PEM private key for --tls-cert");
  cli.add_option("--grace-days", grace_days, "Days an older form version stays accepted after a newer one")->capture_default_str();
  cli.add_option("--calendar", calendar_file,
                 "JSON file of public holidays and makeup workdays: {\"holidays\": [...], \"workdays\": [...]}");
  cli.add_flag("--no-demo-accounts", no_demo, "Do not create the demo accounts on first start");

  wb::server::OperatorCommands ops;
  ops.add_to(cli);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  try {
    if (ops.selected()) return ops.run(env);
    if (tls_cert.empty() != tls_key.empty()) {
      std::cerr << "wangban-server: --tls-cert and --tls-key go together\n";
      return kExitUsage;
    }
    config.data_dir = data_dir;
    config.catalog_dir = catalog_dir.empty() ? wb::native::default_catalog_dir() : std::filesystem::path(catalog_dir);
    config.web_dir = web_dir;
    config.tls_cert = tls_cert;
    config.tls_key = tls_key;
    config.version_grace_ms = static_cast<std::int64_t>(grace_days) * 24 * 3600 * 1000;
    config.seed_demo_accounts = !no_demo;
    wb::server::WorkCalendar calendar;  // Monday to Friday
    if (!calendar_file.empty()) {
      std::string error;
      auto text = wb::native::read_file(calendar_file, error);
      if (!text) throw wb::Error(wb::ErrorCode::Unreadable, {{"what", calendar_file}, {"detail", error}});
      auto doc = wb::parse_json(*text);
      if (!doc.ok()) throw wb::Error(doc.diagnostics.front());
      try {
        calendar = wb::server::WorkCalendar::from_json(*doc.value);
      } catch (const wb::Error& e) {
        std::cerr << "wangban-server: " << calendar_file << ": "
                  << wb::format_diagnostic(e.diagnostic(), wb::Lang::En) << "\n";
        return kExitUsage;
      }
    }
    return serve(std::move(config), std::move(calendar), env);
  } catch (const wb::Error& e) {
    std::cerr << "wangban-server: " << e.diagnostic().message(wb::Lang::En) << "\n";
    return e.code() == wb::ErrorCode::Internal ? kExitInternal : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "wangban-server: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  (void)kExitFindings;
}
