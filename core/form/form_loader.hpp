#pragma once
// Loads a form definition (docs/form-format.md) into an immutable FormDefinition. Every problem is reported as a
// Diagnostic with a JSON Pointer into the document and a zh-CN/en message; loading never throws on bad input.

#include <string_view>
#include <vector>

#include "core/common/errors.hpp"
#include "core/form/form_definition.hpp"

namespace wb::form {

struct LoadResult {
  FormPtr form;                          // set only when there are no diagnostics
  std::vector<Diagnostic> diagnostics;   // in document order, as far as possible
  bool ok() const { return form != nullptr; }
};

constexpr int kFormatVersion = 1;

// From text: JSON syntax errors come with line and column.
LoadResult load_form_text(std::string_view json_text);

// From an already-parsed document.
LoadResult load_form(const nlohmann::json& document);

}  // namespace wb::form
