#pragma once
// Finds what a data location means in a JSON Schema, without validating anything: which sub-schemas describe
// "/household/0/income", following properties, items, prefixItems, additionalProperties, local $refs and the
// applicators (allOf/anyOf/oneOf/if/then/else/dependentSchemas). Used to check that the layout and the rules only
// name locations the schema knows.

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace wb::form {

class SchemaPaths {
 public:
  explicit SchemaPaths(const nlohmann::json& root) : root_(root) {}

  // Schemas describing the location reached by tokens from `start` (the root schema when null). A token "*" or an
  // array index steps into array items. Empty when the schema does not describe the location.
  std::vector<const nlohmann::json*> resolve(const std::vector<std::string>& tokens,
                                             const nlohmann::json* start = nullptr) const;

  // The JSON types ("string", "integer", ...) the schemas allow; empty when unconstrained.
  static std::set<std::string> types_of(const std::vector<const nlohmann::json*>& schemas);
  // The values of an `enum` (or of `const`s under oneOf/anyOf) in the schemas; empty when there are none.
  static std::vector<nlohmann::json> enum_of(const std::vector<const nlohmann::json*>& schemas);
  static std::string format_of(const std::vector<const nlohmann::json*>& schemas);

 private:
  // The schema plus every schema that applies to the same instance through local $ref and the applicators.
  void expand(const nlohmann::json* schema, std::vector<const nlohmann::json*>& out, int depth) const;
  const nlohmann::json* follow_ref(const std::string& ref) const;

  const nlohmann::json& root_;
};

}  // namespace wb::form
