#pragma once
// Renders an item's service guide as plain text for a terminal (zh-CN or en).

#include <ostream>

#include "core/form/form_definition.hpp"

namespace wb::cli {

void print_guide(std::ostream& out, const form::FormDefinition& f, Lang lang);
std::string visits_label(int visits, Lang lang);
std::string audience_label(form::Audience a, Lang lang);

}  // namespace wb::cli
