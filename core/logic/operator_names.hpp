#pragma once
// The names of every JsonLogic operation Wangban understands: the standard set plus the form helpers documented
// in docs/form-format.md. The form loader checks rules against this list; the evaluator implements exactly it.

#include <string_view>

namespace wb::logic {

bool is_known_operator(std::string_view name);

// Operations whose later arguments are evaluated with each array element as the data ("scope-changing"), so a
// `var` inside them does not name a form field.
bool is_scoped_operator(std::string_view name);

}  // namespace wb::logic
