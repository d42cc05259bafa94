// The wasm side of the "20-rule pass" benchmark: a small module exporting C functions to JavaScript.
//   wb_bench_load(rules, data, today) -> number of rules (0 on failure)
//   wb_bench_pass() -> a checksum; evaluates every rule once
//   wb_bench_results() -> JSON text of every result (borrowed; valid until the next call)

#include <memory>
#include <string>

#include "bench/logic/logic_pass.hpp"

namespace {
std::unique_ptr<wb::bench::LogicPass> g_pass;  // a benchmark harness, not core code: one global is fine here
std::string g_results;
}  // namespace

extern "C" {

int wb_bench_load(const char* rules, const char* data, const char* today) {
  try {
    g_pass = std::make_unique<wb::bench::LogicPass>(rules, data, today);
    return static_cast<int>(g_pass->size());
  } catch (const std::exception&) {
    return 0;
  }
}

int wb_bench_pass() { return g_pass ? static_cast<int>(g_pass->run_once()) : -1; }

int wb_bench_passes(int n) {
  int sink = 0;
  for (int i = 0; i < n; ++i) sink += wb_bench_pass();
  return sink;
}

const char* wb_bench_results() {
  g_results = g_pass ? g_pass->results().dump() : "null";
  return g_results.c_str();
}

}
