// wangban-server --web DIR: the portal's files at / with their content types and caching, the API untouched.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "server/http/static_files.hpp"
#include "tests/server/test_server.hpp"

using wb::test::TestServer;

namespace {

struct WebDir {
  std::filesystem::path root;
  WebDir() {
    std::random_device rd;
    root = std::filesystem::temp_directory_path() / ("wangban-web-test-" + std::to_string(rd()));
    std::filesystem::create_directories(root / "assets");
    write("index.html", "<!doctype html><title>网办</title>");
    write("sw.js", "self.addEventListener('fetch', () => {});");
    write("manifest.webmanifest", "{\"name\": \"网办\"}");
    write("assets/app-3KX9ZQ2A.js", "export {};");
    write("assets/wangban-0123abcd.wasm", std::string("\0asm\1\0\0\0", 8));
    write("assets/icon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
  }
  ~WebDir() {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
  void write(const std::string& name, const std::string& bytes) {
    std::ofstream(root / name, std::ios::binary) << bytes;
  }
};

}  // namespace

TEST_CASE("hashed assets are immutable; everything else is revalidated") {
  using wb::server::static_cache_control;
  CHECK(static_cache_control("/assets/app-3KX9ZQ2A.js") == "public, max-age=31536000, immutable");
  CHECK(static_cache_control("/assets/wangban-0123abcd.wasm") == "public, max-age=31536000, immutable");
  CHECK(static_cache_control("/assets/app.css") == "no-cache");        // no hash
  CHECK(static_cache_control("/assets/app-1234.js") == "no-cache");    // too short to be a content hash
  CHECK(static_cache_control("/app-3KX9ZQ2A.js") == "no-cache");       // not under /assets/
  CHECK(static_cache_control("/index.html") == "no-cache");
  CHECK(static_cache_control("/sw.js") == "no-cache");
  CHECK(static_cache_control("/") == "no-cache");
}

TEST_CASE("the portal is served at / with its content types, the API stays under /v1") {
  WebDir web;
  wb::test::TestServerOptions options;
  options.web_dir = web.root.string();
  TestServer s(options);

  auto index = s.get("/");
  REQUIRE(index.status == 200);
  CHECK(index.raw.find("网办") != std::string::npos);
  CHECK(index.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(index.header("Cache-Control") == "no-cache");
  CHECK(index.header("Content-Security-Policy").find("'wasm-unsafe-eval'") != std::string::npos);
  CHECK(s.get("/index.html").header("Cache-Control") == "no-cache");

  auto sw = s.get("/sw.js");
  CHECK(sw.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(sw.header("Cache-Control") == "no-cache");

  auto js = s.get("/assets/app-3KX9ZQ2A.js");
  CHECK(js.status == 200);
  CHECK(js.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(js.header("Cache-Control") == "public, max-age=31536000, immutable");
  auto wasm = s.get("/assets/wangban-0123abcd.wasm");
  CHECK(wasm.header("Content-Type") == "application/wasm");
  CHECK(wasm.raw.size() == 8);
  CHECK(s.get("/manifest.webmanifest").header("Content-Type") == "application/manifest+json");
  CHECK(s.get("/assets/icon.svg").header("Content-Type") == "image/svg+xml");

  auto catalog = s.get("/v1/catalog");
  CHECK(catalog.status == 200);
  CHECK(catalog.body["items"].size() == 27);
  CHECK(catalog.header("Content-Security-Policy").empty());

  auto missing = s.get("/assets/nothing-here.js");
  CHECK(missing.status == 404);
  CHECK(missing.error_code() == "protocol.not_found");
  CHECK(s.get("/../../etc/passwd").status != 200);
}

TEST_CASE("without --web nothing is served at /") {
  TestServer s;
  CHECK(s.get("/").status == 404);
  CHECK(s.get("/v1/catalog").status == 200);
}
