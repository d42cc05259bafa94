#pragma once
// A wangban-server in this process on a free port, with a fake clock and seeded randomness, plus small HTTP helpers.

#include <httplib.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "server/app/server_app.hpp"
#include "tests/support/fake_env.hpp"

namespace wb::test {

struct TestServerOptions {
  bool demo_accounts = true;
  std::string catalog_dir;  // "" = examples/catalog
  std::int64_t grace_ms = 30LL * 24 * 3600 * 1000;
  std::string web_dir;      // "" = no portal served (--web)
};

struct HttpResult {
  int status = 0;
  nlohmann::json body;     // parsed when the response was JSON, else null
  std::string raw;
  httplib::Headers headers;
  std::string header(const std::string& name) const;
  std::string error_code() const;  // body.error.code or ""
};

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {});
  ~TestServer();

  FakeClock& clock() { return env_.clock; }
  server::ServerApp& app() { return *app_; }
  server::ServerContext& ctx() { return app_->context(); }
  int port() const { return port_; }
  const std::string& data_dir() const { return data_dir_; }
  // Stops the server as a shutdown would, and starts a new one on the same data directory (and clock); the port
  // may change. Tokens stay valid: they live in the database.
  void restart();

  // Demo logins: "citizen" (张三), "enterprise", "caseworker"; returns the access token.
  std::string login_demo(const std::string& who);
  // Signs in an account with a login and password; returns the whole token response.
  HttpResult login(const std::string& account, const std::string& password);
  // Creates another citizen (a valid resident ID derived from `n`) and signs in; returns the access token.
  std::string new_citizen(int n);

  HttpResult get(const std::string& path, const std::string& token = "", httplib::Headers headers = {});
  HttpResult del(const std::string& path, const std::string& token = "");
  HttpResult post(const std::string& path, const nlohmann::json& body, const std::string& token = "",
                  httplib::Headers headers = {});
  HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& content_type, const std::string& token = "", httplib::Headers headers = {});

 private:
  void start();

  FakeEnv env_;
  TestServerOptions options_;
  std::string data_dir_;
  std::unique_ptr<server::ServerApp> app_;
  int port_ = 0;
};

// A valid resident ID number (GB 11643-1999 check character) for birth date 1990-01-01 and sequence n.
std::string resident_id(int n);

}  // namespace wb::test
