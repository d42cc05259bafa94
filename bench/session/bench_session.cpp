// Per-edit cost of a live draft on the 1,000-field form (bench/session/run drives it, natively and in wasm).
//   bench_session [--edits N] [--seed S] [--write DIR]
// Prints one JSON object: p50/p99/mean of one edit (set + incremental re-evaluation) in microseconds, the cost of a
// full re-evaluation of the same draft for reference, and what a redraw after an edit costs: the whole view
// (Draft::view) or its changes (Draft::view_changes).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bench/session/big_form.hpp"
#include "core/form/form_loader.hpp"
#include "core/session/draft.hpp"

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  int edits = 5000;
  unsigned seed = 42;
  std::string write_dir;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--edits") && i + 1 < argc) edits = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--write") && i + 1 < argc) write_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--verbose")) verbose = true;
  }
  auto big = wb::bench::make_big_form();
  if (!write_dir.empty()) {
    std::ofstream(write_dir + "/big-form.json") << big.definition.dump();
    std::ofstream(write_dir + "/big-data.json") << big.data.dump();
  }
  auto t0 = Clock::now();
  auto loaded = wb::form::load_form(big.definition);
  if (!loaded.ok()) {
    for (const auto& d : loaded.diagnostics) std::cerr << wb::format_diagnostic(d, wb::Lang::En) << "\n";
    return 1;
  }
  std::vector<wb::Diagnostic> errors;
  auto model = wb::session::FormModel::build(loaded.form, &errors);
  if (!model) {
    for (const auto& d : errors) std::cerr << wb::format_diagnostic(d, wb::Lang::En) << "\n";
    return 1;
  }
  auto t1 = Clock::now();
  wb::session::Draft draft(model, big.data, {wb::logic::Date{2026, 11, 26}});
  auto t2 = Clock::now();

  // Edits a person makes: a scalar field (80%) or a field of a row (20%), valid values mostly, some invalid.
  std::mt19937 rng(seed);
  std::vector<std::pair<std::string, json>> plan;
  for (int i = 0; i < edits; ++i) {
    if (std::uniform_int_distribution<int>(0, 4)(rng) == 0) {
      int g = std::uniform_int_distribution<int>(0, 1)(rng);
      int r = std::uniform_int_distribution<int>(0, 49)(rng);
      int c = std::uniform_int_distribution<int>(0, 8)(rng);
      std::string loc = "/items" + std::to_string(g) + "/" + std::to_string(r) + "/c" + std::to_string(c);
      plan.emplace_back(loc, c >= 6 ? json(std::uniform_int_distribution<int>(0, 1000)(rng) / 4.0) : json("值" + std::to_string(i % 97)));
    } else {
      int s = std::uniform_int_distribution<int>(0, 48)(rng);
      int f = std::uniform_int_distribution<int>(0, 19)(rng);
      std::string loc = "/s" + std::to_string(s) + "/f" + std::to_string(f);
      json v;
      switch (f % 5) {
        case 0: v = i % 7 == 0 ? json("x") : json("李四" + std::to_string(i % 50)); break;
        case 1: v = i % 9 == 0 ? json(-1) : json(std::uniform_int_distribution<int>(0, 200000)(rng) / 100.0); break;
        case 2: v = json(std::string(1, static_cast<char>('a' + i % 4))); break;
        case 3: v = i % 5 == 0 ? json("2023-02-29") : json("2024-0" + std::to_string(1 + i % 9) + "-15"); break;
        default: v = i % 6 == 0 ? json("1380013800") : json("1390013900" + std::to_string(i % 10)); break;
      }
      plan.emplace_back(loc, v);
    }
  }
  // Warm up (the wasm engine compiles hot functions lazily; caches and allocators settle), then measure.
  for (size_t i = 0; i < plan.size() / 5; ++i) draft.set(plan[i].first, plan[i].second);
  std::vector<double> times;
  times.reserve(plan.size());
  size_t error_total = 0;
  for (const auto& [loc, value] : plan) {
    auto a = Clock::now();
    draft.set(loc, value);
    auto b = Clock::now();
    times.push_back(micros(b - a));
  }
  error_total = draft.view().error_count;
  // What a client's redraw costs after each edit: the whole view (every field's state), or only its changes.
  std::vector<double> whole, changes;
  draft.view_changes();
  for (size_t i = 0; i < plan.size() / 5; ++i) {
    draft.set(plan[i].first, plan[i].second);
    auto a = Clock::now();
    auto v = draft.view();
    whole.push_back(micros(Clock::now() - a));
    a = Clock::now();
    auto c = draft.view_changes();
    changes.push_back(micros(Clock::now() - a));
  }
  if (verbose) {  // the slowest edits, to see what makes the tail
    std::vector<size_t> idx(times.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return times[a] > times[b]; });
    for (size_t k = 0; k < 10 && k < idx.size(); ++k)
      std::cerr << times[idx[k]] << " us  " << plan[idx[k]].first << " = " << plan[idx[k]].second.dump() << "\n";
  }
  std::vector<double> full;
  for (int i = 0; i < 20; ++i) {
    auto a = Clock::now();
    draft.reevaluate_all();
    full.push_back(micros(Clock::now() - a));
  }
  double mean = 0;
  for (double t : times) mean += t;
  mean /= static_cast<double>(times.size());
  json out = {{"fields", big.fields},
              {"rules", big.rules},
              {"edits", times.size()},
              {"load_ms", micros(t1 - t0) / 1000.0},
              {"open_ms", micros(t2 - t1) / 1000.0},
              {"edit_p50_us", percentile(times, 0.5)},
              {"edit_p99_us", percentile(times, 0.99)},
              {"edit_mean_us", mean},
              {"full_reevaluation_p50_us", percentile(full, 0.5)},
              {"view_p50_us", percentile(whole, 0.5)},
              {"view_p99_us", percentile(whole, 0.99)},
              {"view_changes_p50_us", percentile(changes, 0.5)},
              {"view_changes_p99_us", percentile(changes, 0.99)},
              {"errors_at_end", error_total}};
  std::cout << out.dump() << std::endl;
  return 0;
}
