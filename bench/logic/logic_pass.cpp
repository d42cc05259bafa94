#include "bench/logic/logic_pass.hpp"

#include <stdexcept>

namespace wb::bench {

LogicPass::LogicPass(const std::string& rules_text, const std::string& data_text, const std::string& today) {
  nlohmann::json rules = nlohmann::json::parse(rules_text);
  data_ = nlohmann::json::parse(data_text);
  ctx_.today = logic::parse_iso_date(today);
  for (const auto& r : rules) {
    Diagnostic error;
    auto compiled = logic::compile(r.at("logic"), &error);
    if (!compiled) throw std::runtime_error(r.at("id").get<std::string>() + ": " + format_diagnostic(error, Lang::En));
    ids_.push_back(r.at("id").get<std::string>());
    rules_.push_back(std::move(*compiled));
  }
}

std::size_t LogicPass::run_once() {
  std::size_t sink = 0;
  for (const auto& rule : rules_) {
    nlohmann::json v = logic::evaluate(rule, data_, ctx_);
    sink += static_cast<std::size_t>(v.type()) + (v.is_array() ? v.size() : 0);
  }
  return sink;
}

nlohmann::json LogicPass::results() {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t i = 0; i < rules_.size(); ++i) out[ids_[i]] = logic::evaluate(rules_[i], data_, ctx_);
  return out;
}

}  // namespace wb::bench
