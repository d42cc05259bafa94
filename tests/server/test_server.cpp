#include "tests/server/test_server.hpp"

#include <filesystem>
#include <random>

#include "server/app/seeding.hpp"
#include "tests/support/test_files.hpp"

namespace wb::test {
namespace {

std::string temp_dir() {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / ("wangban-server-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

HttpResult to_result(const httplib::Result& r) {
  HttpResult out;
  if (!r) return out;  // status 0: no response
  out.status = r->status;
  out.raw = r->body;
  out.headers = r->headers;
  if (r->get_header_value("Content-Type").rfind("application/json", 0) == 0 && !r->body.empty())
    out.body = nlohmann::json::parse(r->body, nullptr, false);
  return out;
}

}  // namespace

std::string HttpResult::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string HttpResult::error_code() const {
  if (body.is_object() && body.contains("error") && body["error"].is_object())
    return body["error"].value("code", "");
  return "";
}

std::string resident_id(int n) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  char seq[8];
  std::snprintf(seq, sizeof seq, "%03d", n % 1000);
  std::string id = std::string("11010519900101") + seq;
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[static_cast<size_t>(i)] - '0') * kWeights[i];
  return id + kCheck[sum % 11];
}

TestServer::TestServer(TestServerOptions options) : options_(std::move(options)), data_dir_(temp_dir()) {
  start();
}

void TestServer::start() {
  server::ServerConfig config;
  config.data_dir = data_dir_;
  config.catalog_dir = options_.catalog_dir.empty() ? source_dir() + "/examples/catalog" : options_.catalog_dir;
  config.port = 0;
  config.version_grace_ms = options_.grace_ms;
  config.seed_demo_accounts = options_.demo_accounts;
  config.web_dir = options_.web_dir;
  config.identity.pbkdf2_iterations = 1000;  // the KDF's cost is not under test here; its correctness is
  app_ = std::make_unique<server::ServerApp>(config, env_.env(), nullptr);
  port_ = app_->bind();
  app_->start_background();
}

void TestServer::restart() {
  app_.reset();  // stops serving and closes the database
  start();
}

TestServer::~TestServer() {
  app_.reset();
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

HttpResult TestServer::send(const std::string& method, const std::string& path, const std::string& body,
                            const std::string& content_type, const std::string& token, httplib::Headers headers) {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(30, 0);
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  if (method == "GET") return to_result(client.Get(path.c_str(), headers));
  if (method == "HEAD") return to_result(client.Head(path.c_str(), headers));
  if (method == "DELETE") return to_result(client.Delete(path.c_str(), headers, body, content_type.c_str()));
  if (method == "PUT") return to_result(client.Put(path.c_str(), headers, body, content_type.c_str()));
  if (method == "PATCH") return to_result(client.Patch(path.c_str(), headers, body, content_type.c_str()));
  return to_result(client.Post(path.c_str(), headers, body, content_type.c_str()));
}

HttpResult TestServer::get(const std::string& path, const std::string& token, httplib::Headers headers) {
  return send("GET", path, "", "", token, std::move(headers));
}

HttpResult TestServer::del(const std::string& path, const std::string& token) {
  return send("DELETE", path, "", "application/json", token);
}

HttpResult TestServer::post(const std::string& path, const nlohmann::json& body, const std::string& token,
                            httplib::Headers headers) {
  return send("POST", path, body.dump(), "application/json", token, std::move(headers));
}

HttpResult TestServer::login(const std::string& account, const std::string& password) {
  return post("/v1/auth/login", {{"account", account}, {"password", password}});
}

std::string TestServer::login_demo(const std::string& who) {
  for (const auto& a : server::demo_accounts()) {
    if (std::string(server::account_kind_name(a.kind)) == who) return login(a.login, a.password).body.value("accessToken", "");
  }
  return "";
}

std::string TestServer::new_citizen(int n) {
  std::string id = resident_id(n);
  ctx().identity.add_account(server::AccountKind::Citizen, id, "测试居民" + std::to_string(n), "test-password-1");
  return login(id, "test-password-1").body.value("accessToken", "");
}

}  // namespace wb::test
