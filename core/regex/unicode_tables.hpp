#pragma once
// Unicode property tables for \p{...} (generated into unicode_tables.cpp by scripts/gen_regex_unicode_tables.py).
// Internal to core/regex.

#include <cstdint>
#include <span>

namespace wb::regex::detail {

// Disjoint, sorted code-point ranges as LEB128 varints, two per range: lo - (previous hi + 1) (the first range
// counts from 0), then hi - lo.
struct PropertyTable {
  const unsigned char* data;
  uint32_t size;   // bytes
  uint32_t count;  // ranges
};

// kind: 0 = General_Category value, 1 = Script value (table = Script, table2 = Script_Extensions),
// 2 = binary property. Sorted by name (byte order), then kind.
struct PropertyName {
  const char* name;
  uint8_t kind;
  uint16_t table;
  uint16_t table2;
};

std::span<const PropertyName> property_names();
const PropertyTable& property_table(uint16_t index);

}  // namespace wb::regex::detail
