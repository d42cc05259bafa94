// Replays the fuzz_validate corpus (tests/fuzz/corpus/fuzz_validate): every input must compile or be rejected
// cleanly, and the fast verdict must agree with the detailed one.
#include <doctest/doctest.h>

#include "core/common/json_parse.hpp"
#include "core/validate/validator.hpp"
#include "tests/support/test_files.hpp"

TEST_CASE("validate: the fuzz corpus replays cleanly") {
  auto files = wb::test::list_dir(wb::test::source_dir() + "/tests/fuzz/corpus/fuzz_validate");
  CHECK(files.size() > 50);
  for (const auto& path : files) {
    std::string text = wb::test::read_file(path);
    std::string_view schema_text = text, instance_text = text;
    if (auto sep = text.find("\n---\n"); sep != std::string::npos) {
      schema_text = std::string_view(text).substr(0, sep);
      instance_text = std::string_view(text).substr(sep + 5);
    }
    wb::JsonParseResult schema, instance;
    try {  // parse_json may throw on out-of-range numbers (core/common); not the validator's concern
      schema = wb::parse_json(schema_text);
      instance = wb::parse_json(instance_text);
    } catch (const std::exception&) {
      continue;
    }
    if (!schema.value || !instance.value) continue;
    for (auto draft : {wb::validate::Draft::Draft2020_12, wb::validate::Draft::Draft7}) {
      wb::validate::CompileOptions o;
      o.default_draft = draft;
      o.assert_formats = true;
      auto c = wb::validate::Schema::compile(*schema.value, o);
      if (!c.ok()) continue;
      INFO(path);
      bool fast = c.schema->is_valid(*instance.value);
      auto full = c.schema->validate(*instance.value);
      CHECK(fast == full.valid);
      for (const auto& e : full.errors) CHECK_FALSE(wb::validate::error_message(e, wb::Lang::ZhCN).empty());
    }
  }
}
