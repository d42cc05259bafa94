#pragma once
// A deterministic 1,000-field form with 300 rules and two 50-row repeat groups, for the per-edit benchmark.
// The same generator writes the JSON files the JavaScript peer (ajv + json-logic-engine) reads.

#include <nlohmann/json.hpp>

namespace wb::bench {

struct BigForm {
  nlohmann::json definition;  // a form definition (docs/form-format.md)
  nlohmann::json data;        // a complete application with 50 rows in each repeat group
  int fields = 0;             // layout fields
  int rules = 0;
};

BigForm make_big_form();

}  // namespace wb::bench
