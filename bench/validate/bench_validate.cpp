// Native benchmark of core/validate: validations per second of one schema over one (valid) instance.
// Usage: wangban_bench_validate SCHEMA.json DATA.json [SECONDS]. Prints one JSON line. Run by bench/validate/run.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/validate/validator.hpp"

namespace {

nlohmann::json load(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return nlohmann::json::parse(s.str());
}

template <typename F>
double per_second(double seconds, F&& f) {
  using clock = std::chrono::steady_clock;
  long n = 0;
  auto start = clock::now();
  double elapsed = 0;
  do {
    for (int i = 0; i < 200; ++i) f();
    n += 200;
    elapsed = std::chrono::duration<double>(clock::now() - start).count();
  } while (elapsed < seconds);
  return static_cast<double>(n) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: wangban_bench_validate SCHEMA DATA [SECONDS]\n";
    return 2;
  }
  double seconds = argc > 3 ? std::stod(argv[3]) : 3.0;
  auto schema_json = load(argv[1]);
  auto data = load(argv[2]);
  wb::validate::CompileOptions options;
  options.assert_formats = true;
  auto compiled = wb::validate::Schema::compile(schema_json, options);
  if (!compiled.ok()) {
    std::cerr << "schema does not compile: " << compiled.errors.front().pointer << "\n";
    return 2;
  }
  const auto& schema = *compiled.schema;
  if (!schema.is_valid(data)) {
    std::cerr << "benchmark data is not valid\n";
    return 1;
  }
  volatile bool sink = true;
  double fast = per_second(seconds, [&] { sink = schema.is_valid(data); });
  double full = per_second(seconds, [&] { sink = schema.validate(data).valid; });
  double compile = per_second(seconds / 3, [&] { sink = wb::validate::Schema::compile(schema_json, options).ok(); });
  (void)sink;
  std::cout << nlohmann::json{{"validator", "wangban native"}, {"is_valid_per_s", fast}, {"validate_per_s", full},
                              {"compile_per_s", compile}}
                   .dump()
            << "\n";
  return 0;
}
