// Fuzz target: compiling any pattern and searching any text must never crash, hang or leak (errors are fine).
// Input layout: the pattern, then a NUL byte, then the text (no NUL: the input is both pattern and text).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/regex/regex.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view pattern = input, text = input;
  if (size_t nul = input.find('\0'); nul != std::string_view::npos) {
    pattern = input.substr(0, nul);
    text = input.substr(nul + 1);
  }
  if (pattern.size() > 4096) pattern = pattern.substr(0, 4096);
  wb::regex::CompileError error;
  auto re = wb::regex::Regex::compile(pattern, &error);
  if (!re) return 0;
  // Smaller limits than the defaults keep each input fast under ASan.
  wb::regex::SearchLimits limits;
  limits.max_steps = 200000;
  limits.max_nfa_steps = 2000000;
  (void)re->search_status(text, limits);
  (void)re->exec(text, limits);
  (void)re->group_count();
  return 0;
}
