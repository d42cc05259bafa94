#pragma once
// Text shown to people, in zh-CN (always) and optionally en.

#include <nlohmann/json_fwd.hpp>

#include <string>

#include "core/common/errors.hpp"

namespace wb {

struct LocalizedText {
  std::string zh;  // zh-CN, never empty in a loaded form
  std::string en;  // may be empty: falls back to zh

  const std::string& get(Lang lang) const { return lang == Lang::En && !en.empty() ? en : zh; }
  bool empty() const { return zh.empty() && en.empty(); }
  nlohmann::json to_json() const;
};

}  // namespace wb
