#include "core/session/validation_plan.hpp"

#include "core/common/json_pointer.hpp"

namespace wb::session {
namespace {

using nlohmann::json;

constexpr int kMaxPlanDepth = 32;

// Whether every reference in the schema is to "#/$defs/..." and it uses no identifiers: then any subschema can be
// compiled on its own together with a copy of the root's $defs.
bool only_local_def_refs(const json& j) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k == "$id" || k == "$anchor" || k == "$dynamicRef" || k == "$dynamicAnchor" || k == "$recursiveRef")
        return false;
      if (k == "$ref" && !(v.is_string() && v.get_ref<const std::string&>().rfind("#/$defs/", 0) == 0)) return false;
      if (!only_local_def_refs(v)) return false;
    }
  } else if (j.is_array()) {
    for (const auto& v : j)
      if (!only_local_def_refs(v)) return false;
  }
  return true;
}

bool is_local_keyword(const std::string& k) {
  static constexpr const char* kLocal[] = {"type", "required", "properties", "patternProperties",
                                           "additionalProperties", "propertyNames", "minProperties",
                                           "maxProperties", "dependentRequired", "enum", "const", "items",
                                           "minItems", "maxItems", "uniqueItems", "contains", "minContains",
                                           "maxContains", "$schema", "$defs", "$comment", "title",
                                           "description", "default", "examples", "readOnly", "writeOnly",
                                           "deprecated", "format"};
  for (const char* l : kLocal)
    if (k == l) return true;
  return false;
}

// Follows a lone {"$ref": "#/$defs/x"} (annotations aside) to what it names.
const json* follow_lone_ref(const json& root, const json* node, int depth) {
  while (node && node->is_object() && depth++ < kMaxPlanDepth) {
    auto it = node->find("$ref");
    if (it == node->end()) return node;
    for (const auto& [k, v] : node->items())
      if (k != "$ref" && k != "title" && k != "description" && k != "$comment") return node;
    auto tokens = split_pointer(it->get<std::string>().substr(1));
    if (!tokens) return node;
    const json* target = find_at(root, *tokens);
    if (!target) return node;
    node = target;
  }
  return node;
}

}  // namespace

json ValidationPlan::unit_document(const json& body) const {
  json doc = body.is_object() ? body : json::object();
  if (!body.is_object()) doc = body;  // a boolean schema
  if (doc.is_object()) {
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    if (!defs_.is_null()) doc["$defs"] = defs_;
  }
  return doc;
}

size_t ValidationPlan::add_node(const json& node_schema, const std::string& pointer, int depth,
                                std::vector<validate::CompileError>* errors, bool* ok) {
  size_t index = nodes_.size();
  nodes_.emplace_back();
  nodes_[index].schema_pointer = pointer;
  const json* target = follow_lone_ref(root_schema_, &node_schema, 0);
  bool partition = depth < kMaxPlanDepth && target && target->is_object();
  if (partition) {
    for (const auto& [k, v] : target->items()) partition = partition && is_local_keyword(k);
    bool has_props = target->contains("properties") && (*target)["properties"].is_object();
    bool has_items = target->contains("items") && (*target)["items"].is_object();
    partition = partition && (has_props || has_items) && !(has_props && has_items);
  }
  json body;
  if (partition) {
    body = *target;
    body.erase("$defs");
    if (body.contains("properties")) {
      for (auto& [k, v] : body["properties"].items()) v = true;
    } else {
      body["items"] = true;
    }
  } else {
    body = target ? *target : node_schema;
    if (body.is_object()) body.erase("$defs");
  }
  validate::CompileOptions options;
  options.assert_formats = true;
  auto compiled = validate::Schema::compile(unit_document(body), options);
  if (!compiled.ok()) {
    *ok = false;
    if (errors)
      for (auto& e : compiled.errors) {
        e.pointer = pointer + e.pointer;
        errors->push_back(std::move(e));
      }
    return index;
  }
  nodes_[index].schema = std::move(*compiled.schema);
  nodes_[index].partitioned = partition;
  if (partition) {
    if (target->contains("properties")) {
      for (const auto& [k, v] : (*target)["properties"].items()) {
        size_t child = add_node(v, pointer + "/properties/" + escape_pointer_token(k), depth + 1, errors, ok);
        nodes_[index].properties.emplace(k, child);
      }
    } else {
      nodes_[index].is_array = true;
      size_t child = add_node((*target)["items"], pointer + "/items", depth + 1, errors, ok);
      nodes_[index].items = child;
    }
  }
  return index;
}

std::optional<ValidationPlan> ValidationPlan::build(const json& schema, std::vector<validate::CompileError>* errors) {
  ValidationPlan plan;
  plan.root_schema_ = schema;
  bool ok = true;
  if (!only_local_def_refs(schema)) {
    // One leaf: the whole document, compiled as it is.
    plan.nodes_.emplace_back();
    validate::CompileOptions options;
    options.assert_formats = true;
    auto compiled = validate::Schema::compile(schema, options);
    if (!compiled.ok()) {
      if (errors) *errors = std::move(compiled.errors);
      return std::nullopt;
    }
    plan.nodes_[0].schema = std::move(*compiled.schema);
    return plan;
  }
  if (schema.is_object() && schema.contains("$defs")) plan.defs_ = schema["$defs"];
  plan.add_node(schema, "", 0, errors, &ok);
  if (!ok) return std::nullopt;
  return plan;
}

}  // namespace wb::session
