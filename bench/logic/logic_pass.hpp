#pragma once
// The "20-rule pass" shared by the native benchmark and the wasm module: compile the rules once, keep the
// application data, and evaluate every rule once per pass (what a form does after an edit, without the
// incremental dependency tracking of core/session).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/logic/logic.hpp"

namespace wb::bench {

class LogicPass {
 public:
  // rules: [{"id", "logic"}...]; throws std::runtime_error when a rule does not compile.
  LogicPass(const std::string& rules_text, const std::string& data_text, const std::string& today);
  // Evaluates every rule once; returns a small number derived from the results so the work cannot be skipped.
  std::size_t run_once();
  // Every rule's result, keyed by id (for cross-checking against the JavaScript engines).
  nlohmann::json results();
  std::size_t size() const { return rules_.size(); }

 private:
  std::vector<std::string> ids_;
  std::vector<logic::CompiledRule> rules_;
  nlohmann::json data_;
  logic::EvalContext ctx_;
};

}  // namespace wb::bench
