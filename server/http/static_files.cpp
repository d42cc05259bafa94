#include "server/http/static_files.hpp"

#include <regex>

namespace wb::server {

std::string static_cache_control(const std::string& path) {
  // The portal's build names every asset it hashes NAME-HASH.EXT under /assets/ (HASH: 8+ characters of base32 or
  // hex from the content); nothing else may be cached without asking.
  static const std::regex hashed(R"(^/assets/[^/]+-[A-Za-z0-9]{8,}\.[A-Za-z0-9.]+$)");
  if (std::regex_match(path, hashed)) return "public, max-age=31536000, immutable";
  return "no-cache";
}

void install_static_files(httplib::Server& http, const std::filesystem::path& dir) {
  static const char* const kTypes[][2] = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json"},
      {"webmanifest", "application/manifest+json"},
      {"wasm", "application/wasm"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"txt", "text/plain; charset=utf-8"},
      {"map", "application/json"},
  };
  for (const auto& t : kTypes) http.set_file_extension_and_mimetype_mapping(t[0], t[1]);
  http.set_mount_point("/", dir.string());
  http.set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", static_cache_control(req.path));
    res.set_header("X-Content-Type-Options", "nosniff");
    // The portal loads nothing from elsewhere; WebAssembly compilation needs 'wasm-unsafe-eval'.
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                   "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                   "frame-ancestors 'none'");
  });
}

}  // namespace wb::server
