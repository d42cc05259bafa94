// Native "20-rule pass" benchmark: bench_logic RULES.json DATA.json TODAY [SECONDS] [--results]
// Prints one JSON line: {"engine", "passes_per_s", "us_per_pass", "passes"} (or the results with --results).

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "bench/logic/logic_pass.hpp"

namespace {

std::string slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: bench_logic RULES.json DATA.json TODAY [SECONDS] [--results]\n";
    return 2;
  }
  try {
    wb::bench::LogicPass pass(slurp(argv[1]), slurp(argv[2]), argv[3]);
    if (argc > 5 && std::string(argv[5]) == "--results") {
      std::cout << pass.results().dump() << "\n";
      return 0;
    }
    double seconds = argc > 4 ? std::atof(argv[4]) : 2.0;
    using clock = std::chrono::steady_clock;
    std::size_t sink = 0;
    for (int i = 0; i < 1000; ++i) sink += pass.run_once();  // warm-up
    long passes = 0;
    auto start = clock::now();
    double elapsed = 0;
    while (elapsed < seconds) {
      for (int i = 0; i < 200; ++i) sink += pass.run_once();
      passes += 200;
      elapsed = std::chrono::duration<double>(clock::now() - start).count();
    }
    std::cout << "{\"engine\": \"wangban native\", \"passes\": " << passes << ", \"passes_per_s\": " << passes / elapsed
              << ", \"us_per_pass\": " << elapsed * 1e6 / static_cast<double>(passes) << ", \"sink\": " << sink % 1000
              << "}\n";
  } catch (const std::exception& e) {
    std::cerr << "bench_logic: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
