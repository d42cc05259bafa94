#pragma once
// Splits a form's data schema into validation units so that an edit re-validates only what it can affect.
//
// An object schema whose keywords are all "local" (type, required, properties, patternProperties,
// additionalProperties, propertyNames, min/maxProperties, dependentRequired, enum, const) is *partitioned*: its
// own keywords are checked by a shallow copy in which every `properties` value is `true`, and each property is a
// unit of its own. Arrays with a single `items` schema are partitioned the same way, row by row. Anything else
// (applicators such as allOf/if/oneOf, prefixItems, unevaluated*) is a *leaf*, validated whole. For such schemas
// the union of the units' errors is exactly the whole document's error set; a schema that cannot be split safely
// (references other than "#/$defs/...", $id, $anchor, $dynamicRef) becomes a single leaf: always exact, never
// incremental.

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/session/data_paths.hpp"
#include "core/validate/validator.hpp"

namespace wb::session {

class ValidationPlan {
 public:
  struct Node {
    bool partitioned = false;
    bool is_array = false;
    std::optional<validate::Schema> schema;        // shallow (partitioned) or whole (leaf)
    std::map<std::string, size_t> properties;      // partitioned objects: property → child node
    std::optional<size_t> items;                   // partitioned arrays: the row node
    std::string schema_pointer;                    // where this node is in the form's schema
  };

  // Compiles the units (formats asserted). Returns nullopt with the schema's compile errors when it does not
  // compile at all.
  static std::optional<ValidationPlan> build(const nlohmann::json& schema,
                                             std::vector<validate::CompileError>* errors);

  const Node& node(size_t i) const { return nodes_[i]; }
  size_t root() const { return 0; }
  bool incremental() const { return nodes_.size() > 1 || nodes_[0].partitioned; }

 private:
  size_t add_node(const nlohmann::json& node_schema, const std::string& pointer, int depth,
                  std::vector<validate::CompileError>* errors, bool* ok);
  nlohmann::json unit_document(const nlohmann::json& body) const;

  nlohmann::json root_schema_;  // for following "#/$defs/..." references while splitting
  nlohmann::json defs_;         // the root's $defs, copied into each unit document
  std::vector<Node> nodes_;
};

}  // namespace wb::session
