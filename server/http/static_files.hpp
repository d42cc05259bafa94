#pragma once
// The citizen portal's static files (wangban-server --web DIR), served at / beside the API (which stays under /v1).
// Content types are set explicitly (JavaScript modules, WebAssembly, the web app manifest), and caching follows
// the portal's build: content-hashed assets ("app-3KX9ZQ2A.js") never change and are cached for a year as
// immutable; every other file (index.html, the service worker sw.js, the manifest) is revalidated on each use.

#include <filesystem>
#include <string>

#include <httplib.h>

namespace wb::server {

// The Cache-Control value for a static file at this URL path ("/assets/app-3KX9ZQ2A.js", "/index.html").
std::string static_cache_control(const std::string& path);

// Mounts `dir` at "/" with the portal's content types and caching headers.
void install_static_files(httplib::Server& http, const std::filesystem::path& dir);

}  // namespace wb::server
