// Messages of validation and compile errors: the code's template from error_codes.def, or a caller's override.
#include "core/validate/validator.hpp"

namespace wb::validate {

std::string ValidationError::arg(std::string_view name) const {
  for (const auto& a : args)
    if (a.first == name) return a.second;
  return {};
}

std::string error_message(const ValidationError& e, Lang lang, const MessageOverride& override_fn) {
  if (override_fn) {
    if (const LocalizedText* t = override_fn(e); t != nullptr && !t->empty())
      return render_template(t->get(lang), e.args);
  }
  return render_template(error_template(e.code, lang), e.args);
}

std::string CompileError::message(Lang lang) const { return render_template(error_template(code, lang), args); }

std::string CompileError::detail() const {
  for (const auto& a : args)
    if (a.first == "detail") return a.second;
  return {};
}

std::string CompileError::detail_zh() const {
  for (const auto& a : args)
    if (a.first == "detail_zh") return a.second;
  return {};
}

}  // namespace wb::validate
