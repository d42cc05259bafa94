#pragma once
// Per-field message overrides for forms: an error at instance location "/household/2/name" belongs to the field
// whose data path is "/household/*/name"; that field's `messages` (keyword → text) replace the default message.

#include <string_view>

#include "core/form/form_definition.hpp"
#include "core/validate/validator.hpp"

namespace wb::validate {

// The field an instance location belongs to, or nullptr ("*" in a data path matches one array index).
const form::Field* field_for_location(const form::FormDefinition& form, std::string_view instance_location);

// An override that looks up field.messages[error.keyword]. `form` must outlive the returned function.
MessageOverride form_message_override(const form::FormDefinition& form);

}  // namespace wb::validate
