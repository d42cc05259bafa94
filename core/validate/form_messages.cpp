#include "core/validate/form_messages.hpp"

#include "core/common/json_pointer.hpp"

namespace wb::validate {

const form::Field* field_for_location(const form::FormDefinition& form, std::string_view instance_location) {
  auto loc = split_pointer(instance_location);
  if (!loc) return nullptr;
  for (const form::Field* f : form.all_fields()) {
    auto path = split_pointer(f->data_path);
    if (!path || path->size() != loc->size()) continue;
    bool match = true;
    for (size_t i = 0; i < loc->size() && match; ++i)
      match = (*path)[i] == (*loc)[i] || ((*path)[i] == "*" && is_index_token((*loc)[i]));
    if (match) return f;
  }
  return nullptr;
}

MessageOverride form_message_override(const form::FormDefinition& form) {
  const form::FormDefinition* fp = &form;
  return [fp](const ValidationError& e) -> const LocalizedText* {
    const form::Field* f = field_for_location(*fp, e.instance_location);
    if (f == nullptr) return nullptr;
    for (const auto& m : f->messages)
      if (m.first == e.keyword) return &m.second;
    return nullptr;
  };
}

}  // namespace wb::validate
