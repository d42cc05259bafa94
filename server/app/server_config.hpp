#pragma once
// Settings of one wangban-server process (command-line flags; defaults suit a development machine).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "server/identity/identity_service.hpp"

namespace wb::server {

struct ServerConfig {
  std::filesystem::path data_dir;     // holds server.db
  std::filesystem::path catalog_dir;  // form definitions seeded on start (and blank-form downloads)
  std::filesystem::path web_dir;      // the citizen portal's static files ("" = not served)
  std::string host = "127.0.0.1";
  int port = 8080;                    // 0: any free port
  std::filesystem::path tls_cert, tls_key;
  std::int64_t version_grace_ms = 30LL * 24 * 3600 * 1000;  // older form versions accepted this long
  std::int64_t idempotency_retention_ms = 45LL * 24 * 3600 * 1000;  // ≥ 30 days, as protocol v1 promises
  std::size_t max_json_bytes = 1 << 20;
  std::size_t max_request_bytes = 9 << 20;  // an upload chunk (8 MiB) plus headroom
  std::size_t max_batch_json_bytes = 4 << 20;  // POST /v1/submissions/batch: up to max_batch_items applications
  std::size_t max_batch_items = 100;
  bool seed_demo_accounts = true;
  IdentityConfig identity;
};

}  // namespace wb::server
