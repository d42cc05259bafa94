// The wasm side of the benchmark: a few C functions called from JavaScript (bench/validate/bench.mjs).
// Built only with Emscripten (see bench/CMakeLists.txt).
#include <memory>
#include <string>

#include "core/validate/validator.hpp"

namespace {
struct State {
  std::optional<wb::validate::Schema> schema;
  nlohmann::json data;
};
State& state() {
  static State s;  // bench program only; the core itself holds no globals
  return s;
}
}  // namespace

extern "C" {

__attribute__((used)) int wb_bench_compile(const char* schema_text) {
  wb::validate::CompileOptions options;
  options.assert_formats = true;
  auto r = wb::validate::Schema::compile(nlohmann::json::parse(schema_text), options);
  if (!r.ok()) return 0;
  state().schema.emplace(std::move(*r.schema));
  return 1;
}

__attribute__((used)) int wb_bench_set_data(const char* data_text) {
  state().data = nlohmann::json::parse(data_text);
  return 1;
}

// Validates the parsed instance held in wasm memory (engine cost + one JS→wasm call).
__attribute__((used)) int wb_bench_validate_parsed() { return state().schema->is_valid(state().data) ? 1 : 0; }

// Parses JSON text handed over from JavaScript and validates it (what a page pays per call end to end).
__attribute__((used)) int wb_bench_validate_text(const char* data_text) {
  return state().schema->is_valid(nlohmann::json::parse(data_text)) ? 1 : 0;
}

// Runs n validations inside wasm (engine cost without call overhead).
__attribute__((used)) int wb_bench_validate_loop(int n) {
  int ok = 0;
  for (int i = 0; i < n; ++i) ok += state().schema->is_valid(state().data) ? 1 : 0;
  return ok;
}
}
