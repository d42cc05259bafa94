// What the C tests need beyond the C API (check.h): failures reported to doctest, temp folders, sample forms and a
// little JSON reading. (The server and its caseworker actions: harness_server.cpp.)

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

const char* wbt_dead_url(void) { return "http://127.0.0.1:1"; }

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
