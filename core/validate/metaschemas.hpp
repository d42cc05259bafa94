#pragma once
// The official metaschemas, embedded (no I/O): draft 2020-12 (schema + its vocabulary metaschemas) and draft-07.

#include <span>
#include <string_view>

namespace wb::validate {

struct EmbeddedSchema {
  std::string_view uri;   // without a trailing "#"
  std::string_view text;  // JSON
};

std::span<const EmbeddedSchema> embedded_metaschemas();

}  // namespace wb::validate
