#pragma once
// Strict JSON parsing for documents people write by hand (form definitions, rules, data files): syntax errors get a
// line and column, duplicate keys (which plain parsers silently collapse) are reported with their JSON Pointer, and
// nesting depth is bounded so hostile input cannot exhaust the stack of later recursive walks.

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>
#include <vector>

#include "core/common/errors.hpp"

namespace wb {

struct JsonParseOptions {
  int max_depth = 128;
  bool reject_duplicate_keys = true;
};

struct JsonParseResult {
  std::optional<nlohmann::json> value;  // empty when the text is not JSON
  std::vector<Diagnostic> diagnostics;  // syntax error, duplicate keys, depth
  bool ok() const { return value.has_value() && diagnostics.empty(); }
};

JsonParseResult parse_json(std::string_view text, const JsonParseOptions& options = {});

// 1-based line and column (in Unicode code points) of a byte offset in text.
void line_column_of(std::string_view text, size_t byte_offset, int& line, int& column);

}  // namespace wb
