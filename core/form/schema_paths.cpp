#include "core/form/schema_paths.hpp"

#include <algorithm>

#include "core/common/json_pointer.hpp"

namespace wb::form {
namespace {

using nlohmann::json;

constexpr int kMaxDepth = 32;  // bounds $ref chains and nested applicators

}  // namespace

const json* SchemaPaths::follow_ref(const std::string& ref) const {
  if (ref.empty() || ref[0] != '#') return nullptr;  // only local references name data locations here
  auto tokens = split_pointer(std::string_view(ref).substr(1));
  if (!tokens) return nullptr;
  const json* cur = &root_;
  for (const auto& t : *tokens) {
    if (cur->is_object()) {
      auto it = cur->find(t);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array() && is_index_token(t) && std::stoull(t) < cur->size()) {
      cur = &(*cur)[std::stoull(t)];
    } else {
      return nullptr;
    }
  }
  return cur;
}

void SchemaPaths::expand(const json* schema, std::vector<const json*>& out, int depth) const {
  if (!schema || !schema->is_object() || depth > kMaxDepth) return;
  if (std::find(out.begin(), out.end(), schema) != out.end()) return;
  out.push_back(schema);
  if (auto it = schema->find("$ref"); it != schema->end() && it->is_string())
    expand(follow_ref(it->get<std::string>()), out, depth + 1);
  for (const char* key : {"allOf", "anyOf", "oneOf"}) {
    if (auto it = schema->find(key); it != schema->end() && it->is_array())
      for (const auto& sub : *it) expand(&sub, out, depth + 1);
  }
  for (const char* key : {"if", "then", "else"}) {
    if (auto it = schema->find(key); it != schema->end()) expand(&*it, out, depth + 1);
  }
  if (auto it = schema->find("dependentSchemas"); it != schema->end() && it->is_object())
    for (const auto& [k, sub] : it->items()) expand(&sub, out, depth + 1);
}

std::vector<const json*> SchemaPaths::resolve(const std::vector<std::string>& tokens, const json* start) const {
  std::vector<const json*> current;
  expand(start ? start : &root_, current, 0);
  for (const auto& token : tokens) {
    std::vector<const json*> next;
    bool index = token == "*" || is_index_token(token);
    for (const json* s : current) {
      if (index) {
        if (auto it = s->find("items"); it != s->end() && it->is_object()) expand(&*it, next, 0);
        if (auto it = s->find("prefixItems"); it != s->end() && it->is_array()) {
          if (token == "*") {
            for (const auto& sub : *it) expand(&sub, next, 0);
          } else if (std::stoull(token) < it->size()) {
            expand(&(*it)[std::stoull(token)], next, 0);
          }
        }
      }
      bool found = false;
      if (auto it = s->find("properties"); it != s->end() && it->is_object()) {
        if (auto p = it->find(token); p != it->end()) {
          expand(&*p, next, 0);
          found = true;
        }
      }
      if (!found && !index) {
        if (auto it = s->find("additionalProperties"); it != s->end() && it->is_object()) expand(&*it, next, 0);
      }
    }
    if (next.empty()) return {};
    current = std::move(next);
  }
  return current;
}

std::set<std::string> SchemaPaths::types_of(const std::vector<const json*>& schemas) {
  std::set<std::string> types;
  for (const json* s : schemas) {
    auto it = s->find("type");
    if (it == s->end()) continue;
    if (it->is_string()) types.insert(it->get<std::string>());
    if (it->is_array())
      for (const auto& t : *it)
        if (t.is_string()) types.insert(t.get<std::string>());
  }
  return types;
}

std::vector<json> SchemaPaths::enum_of(const std::vector<const json*>& schemas) {
  std::vector<json> values;
  for (const json* s : schemas) {
    if (auto it = s->find("enum"); it != s->end() && it->is_array())
      for (const auto& v : *it) values.push_back(v);
    if (auto it = s->find("const"); it != s->end()) values.push_back(*it);
  }
  return values;
}

std::string SchemaPaths::format_of(const std::vector<const json*>& schemas) {
  for (const json* s : schemas)
    if (auto it = s->find("format"); it != s->end() && it->is_string()) return it->get<std::string>();
  return {};
}

}  // namespace wb::form
