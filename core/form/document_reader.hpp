#pragma once
// Reads hand-written JSON documents strictly: every object's keys are checked against the keys it may have, types
// are checked, and each problem becomes a Diagnostic at the exact JSON Pointer. Reading goes on after an error so
// that one run reports everything.

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/errors.hpp"
#include "core/common/localized_text.hpp"

namespace wb::form {

class DocumentReader {
 public:
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  void report(ErrorCode code, std::string pointer, MessageArgs args = {});

  // Checks that j is an object with only `allowed` keys (plus "x-" extensions) and all `required` keys.
  bool check_object(const nlohmann::json& j, const std::string& ptr, std::initializer_list<std::string_view> allowed,
                    std::initializer_list<std::string_view> required);

  bool expect_type(const nlohmann::json& j, const std::string& ptr, nlohmann::json::value_t type);

  // Member readers: nullptr/nullopt when absent or of the wrong type (the latter is reported).
  const nlohmann::json* member(const nlohmann::json& obj, std::string_view key) const;
  std::optional<std::string> string_member(const nlohmann::json& obj, const std::string& ptr, std::string_view key);
  std::optional<std::int64_t> int_member(const nlohmann::json& obj, const std::string& ptr, std::string_view key,
                                         std::int64_t min, std::int64_t max);
  std::optional<bool> bool_member(const nlohmann::json& obj, const std::string& ptr, std::string_view key);
  const nlohmann::json* array_member(const nlohmann::json& obj, const std::string& ptr, std::string_view key,
                                     size_t min_items = 0);
  LocalizedText text_member(const nlohmann::json& obj, const std::string& ptr, std::string_view key);
  LocalizedText text(const nlohmann::json& j, const std::string& ptr);

  // Checks an id against ^[A-Za-z][A-Za-z0-9_]{0,63}$ (or the item-id pattern) and reports a bad value.
  bool check_id(const std::string& id, const std::string& ptr, bool item_id = false);

 private:
  std::vector<Diagnostic> diagnostics_;
};

std::string_view json_type_name(const nlohmann::json& j);
std::string_view json_type_name_zh(std::string_view en);

}  // namespace wb::form
