#pragma once
// Locations in application data, as token lists. Patterns use "*" for "any row of a repeat group"
// ("/household/*/income"); concrete paths have row indexes ("/household/2/income").

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace wb::session {

using Path = std::vector<std::string>;

Path parse_path(const std::string& pointer);  // a valid JSON Pointer (as produced by the loader)
std::string path_pointer(const Path& path);

// Whether a concrete path and a pattern name the same or nested locations.
bool overlaps(const Path& concrete, const Path& pattern);
// Whether `path` equals or lies below `prefix` (both concrete).
bool is_within(const Path& path, const Path& prefix);

// Replaces the "*" right after `array` (a concrete or pattern prefix) with `row`.
Path with_row(const Path& pattern, size_t array_depth, size_t row);

// Data access by path; null when absent. Arrays are indexed by decimal tokens.
const nlohmann::json* find_at(const nlohmann::json& doc, const Path& path);
// Sets a value, creating objects on the way (and never arrays: a row must exist). False when the path crosses
// a value that is neither an object nor an existing array element.
bool set_at(nlohmann::json& doc, const Path& path, nlohmann::json value);
// Removes the value (nothing when absent); an object left empty by the removal stays.
void erase_at(nlohmann::json& doc, const Path& path);

// Whether a value counts as "not filled in" for required checks: absent, null, "", [], {}.
bool is_empty_value(const nlohmann::json* value);

}  // namespace wb::session
