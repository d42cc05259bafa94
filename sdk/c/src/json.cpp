// Reading values out of the API's JSON answers, for C programs that have no JSON library.

#include "core/common/json_pointer.hpp"
#include "sdk/c/src/internal.hpp"

namespace wb::sdk {
namespace {

nlohmann::json value_at(const char* text, const char* pointer) {
  if (!pointer) invalid_argument("pointer is NULL");
  auto doc = parse_json_arg(text, "json");
  auto tokens = split_pointer(pointer);
  if (!tokens) invalid_argument(std::string("\"") + pointer + "\" is not a JSON Pointer");
  const nlohmann::json* at = &doc;
  for (const auto& t : *tokens) {
    if (at->is_object() && at->contains(t)) {
      at = &(*at)[t];
    } else if (at->is_array() && is_index_token(t) && t.size() <= 18 && std::stoull(t) < at->size()) {
      at = &(*at)[std::stoull(t)];
    } else {
      throw Error(ErrorCode::NotFound, {{"what", pointer}}, pointer);
    }
  }
  return *at;
}

}  // namespace
}  // namespace wb::sdk

using namespace wb;
using namespace wb::sdk;

extern "C" {

char* wb_json_get(const char* json, const char* pointer, wb_error* error) {
  return guard<char*>(error, Lang::En, nullptr, [&] { return dup_string(value_at(json, pointer).dump()); });
}

char* wb_json_string(const char* json, const char* pointer, wb_error* error) {
  return guard<char*>(error, Lang::En, nullptr, [&] {
    auto v = value_at(json, pointer);
    if (!v.is_string()) invalid_argument(std::string("the value at \"") + pointer + "\" is not a string");
    return dup_string(v.get<std::string>());
  });
}

}  // extern "C"
