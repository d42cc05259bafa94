// What the C tests need beyond the C API (check.h): failures reported to doctest, temp folders, sample forms, a
// wangban-server in this process with caseworker actions on it, and a little JSON reading.

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/sdk/c/check.h"
#include "tests/server/workflow_fixtures.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

char* dup(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

// Every temp folder a test made, removed when the run ends.
struct TempDirs {
  std::vector<fs::path> dirs;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& d : dirs) fs::remove_all(d, ec);
  }
};
TempDirs& temp_dirs() {
  static TempDirs t;
  return t;
}

wb::test::TestServer& server() {
  static std::unique_ptr<wb::test::TestServer> s;
  if (!s) s = std::make_unique<wb::test::TestServer>();
  return *s;
}

std::string caseworker_token() {
  static std::string token;
  if (token.empty()) token = server().login_demo("caseworker");
  return token;
}

const json* at(const json& doc, const char* pointer) {
  try {
    return &doc.at(json::json_pointer(pointer));
  } catch (...) {
    return nullptr;
  }
}

json parse(const char* text) { return text ? json::parse(text, nullptr, false) : json(); }

}  // namespace

extern "C" {

void wbt_fail(const char* file, int line, const char* expression, const char* detail) {
  std::string message = std::string("CHECK( ") + expression + " ) failed" + (detail ? std::string(": ") + detail : std::string());
  ADD_FAIL_CHECK_AT(file, line, message);
}

const char* wbt_source_dir(void) {
  static const std::string dir = wb::test::source_dir();
  return dir.c_str();
}

char* wbt_temp_dir(const char* name) {
  std::random_device rd;
  fs::path dir = fs::temp_directory_path() / ("wangban-sdk-c-" + std::to_string(rd()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  temp_dirs().dirs.push_back(dir);
  return dup(dir.string());
}

char* wbt_read_file(const char* path, size_t* size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (size) *size = bytes.size();
  return dup(bytes);
}

char* wbt_sample_form(const char* item_id) {
  return dup(wb::test::read_file(wb::test::source_dir() + "/examples/catalog/" + item_id + ".json"));
}

void wbt_write_file(const char* path, const char* text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

const char* wbt_server_url(void) {
  static std::string url;
  if (url.empty()) url = "http://127.0.0.1:" + std::to_string(server().port());
  return url.c_str();
}

const char* wbt_dead_url(void) { return "http://127.0.0.1:1"; }

char* wbt_admin_create_slot(const char* item_id, int capacity) {
  auto& s = server();
  std::int64_t start = s.clock().now_ms() + 24LL * 3600 * 1000;
  auto r = s.post("/v1/admin/appointment-slots",
                  {{"itemId", item_id}, {"location", "示例市政务服务中心 3 号窗口"}, {"startsAt", start},
                   {"endsAt", start + 30 * 60 * 1000}, {"capacity", capacity}},
                  caseworker_token());
  CHECK(r.status == 201);
  return dup(r.body.value("slotId", ""));
}

void wbt_admin_answer_consultation(const char* consultation_id, const char* answer, int publish) {
  auto r = server().post(std::string("/v1/admin/consultations/") + consultation_id + "/answer",
                         {{"answer", answer}, {"publish", publish != 0}}, caseworker_token());
  CHECK(r.status == 200);
}

void wbt_admin_complete_case(const char* case_id) {
  auto& s = server();
  auto token = caseworker_token();
  auto detail = s.get(std::string("/v1/admin/cases/") + case_id, token);
  REQUIRE(detail.status == 200);
  for (const auto& d : detail.body["departments"]) {
    std::string department = d["department"];
    wb::test::to_review(s, token, case_id, department);
    REQUIRE(wb::test::move(s, token, case_id, department, "approved").status == 200);
    REQUIRE(wb::test::publish(s, token, case_id, "%PDF-1.4 决定书", department).status == 201);
  }
}

char* wbt_json_at(const char* text, const char* pointer) {
  auto doc = parse(text);
  const json* v = at(doc, pointer);
  return v ? dup(v->dump()) : nullptr;
}

char* wbt_json_string(const char* text, const char* pointer) {
  auto doc = parse(text);
  const json* v = at(doc, pointer);
  return v && v->is_string() ? dup(v->get<std::string>()) : nullptr;
}

long long wbt_json_int(const char* text, const char* pointer, long long fallback) {
  auto doc = parse(text);
  const json* v = at(doc, pointer);
  return v && v->is_number() ? v->get<long long>() : fallback;
}

int wbt_json_bool(const char* text, const char* pointer) {
  auto doc = parse(text);
  const json* v = at(doc, pointer);
  return v && v->is_boolean() ? (v->get<bool>() ? 1 : 0) : -1;
}

int wbt_json_size(const char* text, const char* pointer) {
  auto doc = parse(text);
  const json* v = at(doc, pointer);
  return v && (v->is_array() || v->is_object()) ? static_cast<int>(v->size()) : -1;
}

void wbt_sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

}  // extern "C"
