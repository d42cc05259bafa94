#pragma once
// Load-time checks of a form's rules: the target exists and fits the rule kind, the JsonLogic is well formed and
// uses known operations, every literal path it reads exists in the schema, and computed values have no cycle.

#include "core/form/document_reader.hpp"
#include "core/form/form_definition.hpp"
#include "core/form/schema_paths.hpp"

namespace wb::form {

// Fills rule.row_scoped, rule.row_array and rule.reads; marks computed fields read-only.
void check_rule(FormDefinition& form, Rule& rule, const SchemaPaths& paths, DocumentReader& reader);

void check_compute_cycles(const FormDefinition& form, DocumentReader& reader);

// Splits a JsonLogic var path ("a.b.0") into tokens; "" is the whole data (no tokens).
std::vector<std::string> split_var_path(const std::string& path);

// Whether two absolute pointer patterns can name the same or nested locations ("*" matches any row index).
bool paths_overlap(const std::string& a, const std::string& b);

}  // namespace wb::form
