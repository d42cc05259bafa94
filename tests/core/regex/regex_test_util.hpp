#pragma once
// Helpers shared by the core/regex tests.

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/regex/regex.hpp"

namespace wb::regex::test {

// True when `pattern` compiles and matches somewhere in `text`. Also checks that exec() agrees with search().
inline bool matches(std::string_view pattern, std::string_view text) {
  CompileError err;
  auto re = Regex::compile(pattern, &err);
  INFO("pattern: " << pattern << "  error: " << err.reason << " at " << err.offset);
  REQUIRE(re.has_value());
  bool found = re->search(text);
  CHECK(re->exec(text).has_value() == found);
  return found;
}

// The whole match and the groups as strings ("<none>" for groups that did not participate); empty vector when
// there is no match.
inline std::vector<std::string> groups(std::string_view pattern, std::string_view text) {
  auto re = Regex::compile(pattern);
  INFO("pattern: " << pattern);
  REQUIRE(re.has_value());
  auto m = re->exec(text);
  std::vector<std::string> out;
  if (!m) return out;
  for (const auto& g : m->groups) {
    out.push_back(g ? std::string(text.substr(g->first, g->second - g->first)) : std::string("<none>"));
  }
  return out;
}

// The compile error of an invalid pattern (offset npos-like 999999 when it unexpectedly compiles).
inline CompileError error_of(std::string_view pattern) {
  CompileError err;
  auto re = Regex::compile(pattern, &err);
  if (re) {
    err.offset = 999999;
    err.reason = "<compiled>";
  }
  return err;
}

inline bool compiles(std::string_view pattern) { return Regex::compile(pattern).has_value(); }

}  // namespace wb::regex::test
