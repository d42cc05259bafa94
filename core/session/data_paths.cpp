#include "core/session/data_paths.hpp"

#include "core/common/json_pointer.hpp"

namespace wb::session {

using nlohmann::json;

Path parse_path(const std::string& pointer) { return split_pointer(pointer).value_or(Path{}); }

std::string path_pointer(const Path& path) { return pointer_from_tokens(path); }

bool overlaps(const Path& concrete, const Path& pattern) {
  size_t n = std::min(concrete.size(), pattern.size());
  for (size_t i = 0; i < n; ++i) {
    const auto& c = concrete[i];
    const auto& p = pattern[i];
    if (c == p) continue;
    if ((p == "*" && (c == "*" || is_index_token(c))) || (c == "*" && is_index_token(p))) continue;
    return false;
  }
  return true;
}

bool is_within(const Path& path, const Path& prefix) {
  if (path.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (path[i] != prefix[i]) return false;
  return true;
}

Path with_row(const Path& pattern, size_t array_depth, size_t row) {
  Path out = pattern;
  if (array_depth < out.size() && out[array_depth] == "*") out[array_depth] = std::to_string(row);
  return out;
}

const json* find_at(const json& doc, const Path& path) {
  const json* cur = &doc;
  for (const auto& t : path) {
    if (cur->is_object()) {
      auto it = cur->find(t);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      if (!is_index_token(t)) return nullptr;
      size_t i = std::stoull(t);
      if (i >= cur->size()) return nullptr;
      cur = &(*cur)[i];
    } else {
      return nullptr;
    }
  }
  return cur;
}

namespace {

// Whether set_at can succeed, without changing anything: every existing value on the way is an object (or an
// array with that row), so a refused edit never leaves half-created objects behind.
bool settable(const json& doc, const Path& path) {
  const json* cur = &doc;
  for (size_t k = 0; k + 1 <= path.size(); ++k) {
    if (cur->is_null()) return true;  // created from here on
    const auto& t = path[k];
    if (cur->is_object()) {
      auto it = cur->find(t);
      if (it == cur->end()) return true;
      cur = &*it;
    } else if (cur->is_array() && is_index_token(t) && std::stoull(t) < cur->size()) {
      cur = &(*cur)[std::stoull(t)];
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

bool set_at(json& doc, const Path& path, json value) {
  if (!settable(doc, path)) return false;
  if (path.empty()) {
    doc = std::move(value);
    return true;
  }
  json* cur = &doc;
  for (size_t k = 0; k + 1 < path.size(); ++k) {
    const auto& t = path[k];
    if (cur->is_null()) *cur = json::object();
    if (cur->is_object()) {
      cur = &(*cur)[t];
    } else if (cur->is_array() && is_index_token(t) && std::stoull(t) < cur->size()) {
      cur = &(*cur)[std::stoull(t)];
    } else {
      return false;
    }
  }
  const auto& last = path.back();
  if (cur->is_null()) *cur = json::object();
  if (cur->is_object()) {
    (*cur)[last] = std::move(value);
    return true;
  }
  if (cur->is_array() && is_index_token(last) && std::stoull(last) < cur->size()) {
    (*cur)[std::stoull(last)] = std::move(value);
    return true;
  }
  return false;
}

void erase_at(json& doc, const Path& path) {
  if (path.empty()) {
    doc = json::object();
    return;
  }
  Path parent(path.begin(), path.end() - 1);
  const json* p = find_at(doc, parent);
  if (!p || !p->is_object()) return;  // array elements are removed by row operations, never by erase
  json* mp = const_cast<json*>(p);    // NOLINT: find_at is const-only; doc itself is mutable here
  mp->erase(path.back());
}

bool is_empty_value(const json* value) {
  if (!value || value->is_null()) return true;
  if (value->is_string()) return value->get_ref<const std::string&>().empty();
  if (value->is_array() || value->is_object()) return value->empty();
  return false;
}

}  // namespace wb::session
