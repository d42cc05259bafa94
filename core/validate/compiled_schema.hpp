#pragma once
// What Schema owns after compiling (internal): the documents, resources and nodes of the compiled graph.

#include <deque>
#include <vector>

#include "core/validate/node.hpp"
#include "core/validate/validator.hpp"

namespace wb::validate {

struct CompiledSchema {
  std::deque<nlohmann::json> docs;  // the root schema (copied), remote documents, loaded metaschemas
  std::deque<detail::Resource> resources;
  std::deque<detail::Node> nodes;
  const detail::Node* root = nullptr;
  bool assert_formats = false;
  Draft draft = Draft::Draft2020_12;
};

// Fills `out` from `schema`; compile problems go to `errors` (empty on success).
void compile_schema(CompiledSchema& out, const nlohmann::json& schema, const CompileOptions& options,
                    std::vector<CompileError>& errors);

}  // namespace wb::validate
