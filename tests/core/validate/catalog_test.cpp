// Every sample form's schema accepts the complete application beside it (examples/catalog/X.example.json), with
// formats asserted as forms do; and per-field message overrides reach the right field.
#include <doctest/doctest.h>

#include "core/common/json_parse.hpp"
#include "core/form/form_loader.hpp"
#include "core/validate/form_messages.hpp"
#include "core/validate/validator.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using namespace wb;

TEST_CASE("validate: each sample form's schema accepts its example application (formats asserted)") {
  const std::string dir = test::source_dir() + "/examples/catalog";
  int pairs = 0;
  for (const auto& path : test::list_dir(dir, ".json")) {
    if (path.size() > 13 && path.compare(path.size() - 13, 13, ".example.json") == 0) continue;
    std::string example = path.substr(0, path.size() - 5) + ".example.json";
    if (!test::file_exists(example)) continue;
    ++pairs;
    INFO(path);
    auto form = json::parse(test::read_file(path));
    auto data = json::parse(test::read_file(example));
    REQUIRE(form.contains("schema"));
    validate::CompileOptions o;
    o.assert_formats = true;
    auto compiled = validate::Schema::compile(form["schema"], o);
    if (!compiled.ok()) {
      for (const auto& e : compiled.errors) INFO(e.pointer << ": " << e.message(Lang::En));
      CHECK(compiled.ok());
      continue;
    }
    auto r = compiled.schema->validate(data);
    for (const auto& e : r.errors)
      MESSAGE(path << " " << e.instance_location << " " << e.keyword_location << ": "
                   << validate::error_message(e, Lang::En));
    CHECK(r.valid);
    CHECK(compiled.schema->is_valid(data));
  }
  CHECK(pairs >= 1);
}

TEST_CASE("validate: form field message overrides follow instance locations into repeat rows") {
  auto loaded = form::load_form_text(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.json"));
  REQUIRE(loaded.ok());
  const auto& f = *loaded.form;
  const form::Field* decl = validate::field_for_location(f, "/declaration");
  REQUIRE(decl != nullptr);
  CHECK(decl->id == "declaration");
  // Rows of a repeat group map to the row field ("*" in the data path).
  for (const form::Field* field : f.all_fields()) {
    auto star = field->data_path.find("/*/");
    if (star == std::string::npos) continue;
    std::string row2 = field->data_path.substr(0, star) + "/2/" + field->data_path.substr(star + 3);
    CHECK(validate::field_for_location(f, row2) == field);
  }
  CHECK(validate::field_for_location(f, "/no/such/field") == nullptr);

  auto compiled = validate::Schema::compile(f.schema);
  REQUIRE(compiled.ok());
  json data = json::parse(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.example.json"));
  data["declaration"] = false;
  auto r = compiled.schema->validate(data);
  REQUIRE_FALSE(r.valid);
  auto ov = validate::form_message_override(f);
  bool found = false;
  for (const auto& e : r.errors) {
    if (e.instance_location != "/declaration") continue;
    found = true;
    CHECK(validate::error_message(e, Lang::ZhCN, ov) == "请阅读并勾选承诺");
    CHECK(validate::error_message(e, Lang::En, ov) == "Please read and tick the declaration");
  }
  CHECK(found);
}

TEST_CASE("validate: the form loader reports schemas that do not compile") {
  auto doc = json::parse(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.json"));
  doc["schema"]["properties"]["applicant"]["properties"]["name"]["maxLength"] = "x";
  doc["schema"]["$defs"]["broken"] = {{"$ref", "#/$defs/nowhere"}};
  auto loaded = form::load_form(doc);
  CHECK_FALSE(loaded.ok());
  bool bad_keyword = false, bad_ref = false;
  for (const auto& d : loaded.diagnostics) {
    if (d.code != ErrorCode::FormBadSchema) continue;
    bad_keyword = bad_keyword || d.pointer == "/schema/properties/applicant/properties/name/maxLength";
    bad_ref = bad_ref || d.pointer == "/schema/$defs/broken/$ref";
  }
  CHECK(bad_keyword);
  CHECK(bad_ref);
}
