// Fuzz target: compiling any schema and validating any instance must never crash, hang or overflow the stack,
// and the fast verdict (is_valid) must always agree with the detailed one (validate).
// Input: a schema, optionally followed by "\n---\n" and an instance (otherwise the schema validates itself).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "core/common/json_parse.hpp"
#include "core/validate/validator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view schema_text = text, instance_text = text;
  if (auto sep = text.find("\n---\n"); sep != std::string_view::npos) {
    schema_text = text.substr(0, sep);
    instance_text = text.substr(sep + 5);
  }
  wb::JsonParseResult schema, instance;
  try {  // parse_json can throw on numbers beyond double range ("887e700"): reported to core/common's owner
    schema = wb::parse_json(schema_text);
    instance = wb::parse_json(instance_text);
  } catch (const std::exception&) {
    return 0;
  }
  if (!schema.value || !instance.value) return 0;
  for (auto draft : {wb::validate::Draft::Draft2020_12, wb::validate::Draft::Draft7}) {
    wb::validate::CompileOptions options;
    options.default_draft = draft;
    options.assert_formats = true;
    auto compiled = wb::validate::Schema::compile(*schema.value, options);
    if (!compiled.ok()) {
      for (const auto& e : compiled.errors) (void)e.message(wb::Lang::ZhCN);
      continue;
    }
    bool fast = compiled.schema->is_valid(*instance.value);
    auto full = compiled.schema->validate(*instance.value);
    if (fast != full.valid) std::abort();
    for (const auto& e : full.errors) {
      (void)wb::validate::error_message(e, wb::Lang::ZhCN);
      (void)wb::validate::error_message(e, wb::Lang::En);
    }
    wb::validate::ValidateOptions first;
    first.stop_at_first = true;
    if (compiled.schema->validate(*instance.value, first).valid != fast) std::abort();
  }
  return 0;
}
