#pragma once
// Helpers for the core/logic tests.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "core/logic/logic.hpp"

namespace wb::test {

// Strict deep equality as JavaScript's === would judge JSON values parsed from text: numbers compare by value
// (1 and 1.0 are the same number), every other type must match exactly; arrays and objects compare deeply.
inline bool same_json(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_json(a[i], b[i])) return false;
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !same_json(it.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

inline logic::EvalContext context_on(const char* today) {
  logic::EvalContext ctx;
  ctx.today = logic::parse_iso_date(today);
  return ctx;
}

// Compiles and evaluates; a rule that does not compile fails the test and gives "<compile error>".
inline nlohmann::json run(const nlohmann::json& rule, const nlohmann::json& data = nullptr,
                          const logic::EvalContext& ctx = {}) {
  Diagnostic error;
  auto compiled = logic::compile(rule, &error);
  if (!compiled) {
    FAIL_CHECK("does not compile: " << rule.dump() << ": " << error.pointer << " " << error.message(Lang::En));
    return "<compile error>";
  }
  return logic::evaluate(*compiled, data, ctx);
}

inline nlohmann::json run(const char* rule, const char* data = "null", const logic::EvalContext& ctx = {}) {
  return run(nlohmann::json::parse(rule), nlohmann::json::parse(data), ctx);
}

// The diagnostic of a rule that must not compile.
inline Diagnostic compile_error(const char* rule) {
  Diagnostic error;
  auto compiled = logic::compile(nlohmann::json::parse(rule), &error);
  CHECK_MESSAGE(!compiled, rule);
  return error;
}

}  // namespace wb::test
