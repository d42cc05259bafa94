#pragma once
// Small helpers shared by the draft's evaluation (draft.cpp) and its views (draft_view.cpp). Internal to core/session.

#include <nlohmann/json.hpp>

#include "core/common/json_pointer.hpp"
#include "core/session/data_paths.hpp"

namespace wb::session::detail {

// JsonLogic truthiness: false, null, 0, "" and [] are false.
inline bool truthy(const nlohmann::json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0.0;
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  if (v.is_array()) return !v.empty();
  return true;
}

// Whether `path` lies at or under `region`, where region may have "*" for any row.
inline bool under(const Path& path, const Path& region) {
  if (region.size() > path.size()) return false;
  for (size_t i = 0; i < region.size(); ++i)
    if (region[i] != path[i] && !(region[i] == "*" && is_index_token(path[i]))) return false;
  return true;
}

}  // namespace wb::session::detail
