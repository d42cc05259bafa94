#include "server/app/server_app.hpp"

#include <chrono>

#include "server/app/seeding.hpp"
#include "server/http/routes.hpp"
#include "server/http/static_files.hpp"

namespace wb::server {

ServerApp::ServerApp(ServerConfig config, Environment env, std::ostream* log) {
  std::filesystem::create_directories(config.data_dir);
  auto storage = open_sqlite_storage((config.data_dir / "server.db").string());
  ctx_ = std::make_unique<ServerContext>(std::move(config), env, std::move(storage), log);
  ctx_->storage->cases().release_stale_claims();
  if (!ctx_->config.catalog_dir.empty()) {
    auto report = seed_catalog(*ctx_, ctx_->config.catalog_dir);
    for (const auto& f : report.failures) ctx_->log.message("catalog: skipped " + f);
    ctx_->log.message("catalog: " + std::to_string(report.published) + " published, " +
                      std::to_string(report.unchanged) + " unchanged");
  }
  if (ctx_->config.seed_demo_accounts && seed_demo_accounts(*ctx_) > 0) ctx_->log.message("demo accounts created");
  if (ctx_->config.seed_demo_accounts && seed_demo_slots(*ctx_) > 0) ctx_->log.message("demo appointment slots created");

#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  if (!ctx_->config.tls_cert.empty())
    http_ = std::make_unique<httplib::SSLServer>(ctx_->config.tls_cert.c_str(), ctx_->config.tls_key.c_str());
  else
#endif
    http_ = std::make_unique<httplib::Server>();
  if (!http_->is_valid()) throw Error(ErrorCode::Unreadable, {{"what", "TLS certificate or key"}, {"detail", "not usable"}});
  http_->set_payload_max_length(ctx_->config.max_request_bytes);
  http_->set_read_timeout(30, 0);
  http_->set_write_timeout(30, 0);
  http_->set_tcp_nodelay(true);  // answers are small writes: never hold one back for the client's delayed ACK
  // cpp-httplib 0.11 holds the 9 MiB request limit only against a Content-Length: a chunked body, or a body with a
  // Content-Encoding it inflates (gzip, brotli), would be read into memory whatever its size. Such requests are
  // refused before their body is read; the connection then closes, so the unread body is never taken for a request.
  http_->set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    auto refuse = [&](int status, ErrorCode code, MessageArgs args) {
      Lang lang = req.get_header_value("Accept-Language").rfind("en", 0) == 0 ? Lang::En : Lang::ZhCN;
      send_error(res, status, Diagnostic{code, "", std::move(args), 0, 0}, lang);
      res.set_header("Cache-Control", "no-store");
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    };
    if (req.has_header("Transfer-Encoding"))
      return refuse(411, ErrorCode::ProtoBadRequest, {{"detail", "a request body needs a Content-Length"}});
    std::string coding = req.get_header_value("Content-Encoding");
    if (!coding.empty() && coding != "identity")
      return refuse(415, ErrorCode::ProtoUnsupportedMedia, {{"expected", "uncompressed (no Content-Encoding)"}});
    return httplib::Server::HandlerResponse::Unhandled;
  });
  router_ = std::make_unique<Router>(*http_, ctx_->log);
  install_meta_routes(*router_, *ctx_);
  install_catalog_routes(*router_, *ctx_);
  install_auth_routes(*router_, *ctx_);
  install_submission_routes(*router_, *ctx_);
  install_upload_routes(*router_, *ctx_);
  install_case_routes(*router_, *ctx_);
  install_supplement_routes(*router_, *ctx_);
  install_caseworker_routes(*router_, *ctx_);
  install_service_routes(*router_, *ctx_);
  if (!ctx_->config.web_dir.empty()) install_static_files(*http_, ctx_->config.web_dir);
  http_->set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    Lang lang = req.get_header_value("Accept-Language").rfind("en", 0) == 0 ? Lang::En : Lang::ZhCN;
    if (res.status == 404)
      send_error(res, 404, Diagnostic{ErrorCode::ProtoNotFound, "", {{"what", "route"}, {"what_zh", "该地址"}}, 0, 0}, lang);
    else if (res.status == 413)
      send_error(res, 413, Diagnostic{ErrorCode::ProtoBodyTooLarge, "", {{"limit", std::to_string(ctx_->config.max_request_bytes)}}, 0, 0}, lang);
  });
}

ServerApp::~ServerApp() { stop(); }

int ServerApp::bind() {
  auto& cfg = ctx_->config;
  if (cfg.port == 0) {
    port_ = http_->bind_to_any_port(cfg.host);
  } else {
    port_ = http_->bind_to_port(cfg.host, cfg.port) ? cfg.port : -1;
  }
  if (port_ <= 0)
    throw Error(ErrorCode::Unreadable, {{"what", cfg.host + ":" + std::to_string(cfg.port)}, {"detail", "cannot listen (in use?)"}});
  return port_;
}

void ServerApp::run() { http_->listen_after_bind(); }

void ServerApp::start_background() {
  thread_ = std::thread([this] { run(); });
  while (!http_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void ServerApp::stop() {
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace wb::server
