#pragma once
// One running wangban-server: storage opened, catalog seeded, routes installed, listening. Used by main() and by
// the tests (which run it in-process on a free port).

#include <memory>
#include <ostream>
#include <thread>

#include <httplib.h>

#include "server/app/server_context.hpp"

namespace wb::server {

class ServerApp {
 public:
  ServerApp(ServerConfig config, Environment env, std::ostream* log);
  ~ServerApp();

  ServerContext& context() { return *ctx_; }
  const std::vector<RouteInfo>& routes() const { return router_->routes(); }

  // Binds the configured host and port (0: any free port) and returns the port; throws on failure.
  int bind();
  // Serves until stop() (blocking). Call bind() first.
  void run();
  // Starts run() on a background thread (tests).
  void start_background();
  void stop();

 private:
  std::unique_ptr<ServerContext> ctx_;
  std::unique_ptr<httplib::Server> http_;
  std::unique_ptr<Router> router_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace wb::server
