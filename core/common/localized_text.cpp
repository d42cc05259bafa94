#include "core/common/localized_text.hpp"

#include <nlohmann/json.hpp>

namespace wb {

nlohmann::json LocalizedText::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  j["zh-CN"] = zh;
  if (!en.empty()) j["en"] = en;
  return j;
}

}  // namespace wb
