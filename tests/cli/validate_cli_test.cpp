#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"
#include "tests/support/test_files.hpp"

using wb::test::run_cli;
using wb::test::write_file;

namespace {

struct Files {
  std::string dir = wb::test::make_temp_dir();
  std::string schema = dir + "/schema.json";
  std::string good = dir + "/good.json";
  std::string bad = dir + "/bad.json";
  Files() {
    write_file(schema, R"({"type": "object", "required": ["name", "idNumber"],
      "properties": {"name": {"type": "string", "maxLength": 4},
                     "idNumber": {"type": "string", "format": "cn-resident-id"},
                     "address": {"$ref": "http://forms.example/address.json"}}})");
    write_file(dir + "/address.json", R"({"type": "object", "required": ["city"]})");
    write_file(good, R"({"name": "张三", "idNumber": "11010519491231002X", "address": {"city": "北京"}})");
    write_file(bad, R"({"name": "欧阳娜娜娜", "idNumber": "110105194912310021", "address": {}})");
  }
  std::string map() const { return "http://forms.example/=" + dir; }
};

}  // namespace

TEST_CASE("cli: validate exits 0 for valid data and 1 with citizen-grade errors") {
  Files f;
  auto ok = run_cli({"validate", "--schema", f.schema, "--data", f.good, "--map", f.map(), "--assert-formats"});
  CHECK(ok.exit_code == 0);
  auto bad = run_cli({"validate", "--schema", f.schema, "--data", f.bad, "--map", f.map(), "--assert-formats"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("请输入有效的18位居民身份证号码") != std::string::npos);
  CHECK(bad.out.find("此项为必填项") != std::string::npos);
  CHECK(bad.out.find("/address/city") != std::string::npos);
  // Without --assert-formats, formats are annotations.
  auto lax = run_cli({"validate", "--schema", f.schema, "--data", f.bad, "--map", f.map(), "--json"});
  CHECK(lax.exit_code == 1);
  auto errors = nlohmann::json::parse(lax.out);
  CHECK(errors.size() == 2);
}

TEST_CASE("cli: validate --json prints locations, codes and messages in the chosen language") {
  Files f;
  auto r = run_cli({"--lang", "en", "validate", "--schema", f.schema, "--data", f.bad, "--map", f.map(),
                    "--assert-formats", "--json"});
  CHECK(r.exit_code == 1);
  auto errors = nlohmann::json::parse(r.out);
  REQUIRE(errors.is_array());
  REQUIRE(errors.size() == 3);
  bool saw_required = false;
  for (const auto& e : errors) {
    CHECK(e.contains("instanceLocation"));
    CHECK(e.contains("keywordLocation"));
    CHECK(e.contains("code"));
    CHECK(e.contains("message"));
    if (e["code"] == "validate.required") {
      saw_required = true;
      CHECK(e["instanceLocation"] == "/address/city");
      CHECK(e["keywordLocation"] == "/properties/address/$ref/required");
      CHECK(e["message"] == "This field is required");
    }
  }
  CHECK(saw_required);
}

TEST_CASE("cli: validate exits 2 for unreadable files and schemas that do not compile") {
  Files f;
  CHECK(run_cli({"validate", "--schema", f.dir + "/missing.json", "--data", f.good}).exit_code == 2);
  CHECK(run_cli({"validate", "--schema", f.schema, "--data", f.dir + "/missing.json"}).exit_code == 2);
  // The remote reference cannot be resolved without --map: the schema does not compile.
  auto unmapped = run_cli({"validate", "--schema", f.schema, "--data", f.good});
  CHECK(unmapped.exit_code == 2);
  CHECK(unmapped.err.find("/properties/address/$ref") != std::string::npos);
  std::string broken = f.dir + "/broken.json";
  write_file(broken, R"({"properties": {"a": {"minLength": "x"}}})");
  auto b = run_cli({"--lang", "en", "validate", "--schema", broken, "--data", f.good});
  CHECK(b.exit_code == 2);
  CHECK(b.err.find("/properties/a/minLength") != std::string::npos);
  std::string not_json = f.dir + "/not.json";
  write_file(not_json, "{");
  CHECK(run_cli({"validate", "--schema", f.schema, "--data", not_json}).exit_code == 2);
}

TEST_CASE("cli: form validate checks a sample application with formats and field messages") {
  const std::string catalog = wb::test::source_dir() + "/examples/catalog";
  auto ok = run_cli({"form", "validate", catalog + "/low-rent-housing.json", catalog + "/low-rent-housing.example.json"});
  CHECK(ok.exit_code == 0);
  auto data = nlohmann::json::parse(wb::test::read_file(catalog + "/low-rent-housing.example.json"));
  data["declaration"] = false;
  data["applicant"]["mobile"] = "12345";
  std::string dir = wb::test::make_temp_dir();
  write_file(dir + "/data.json", data.dump());
  auto bad = run_cli({"form", "validate", catalog + "/low-rent-housing.json", dir + "/data.json"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("请阅读并勾选承诺") != std::string::npos);  // the field's own message
  CHECK(bad.out.find("请输入有效的11位手机号码") != std::string::npos);
  auto js = run_cli({"--lang", "en", "form", "validate", catalog + "/low-rent-housing.json", dir + "/data.json", "--json"});
  CHECK(js.exit_code == 1);
  auto errors = nlohmann::json::parse(js.out);
  bool saw = false;
  for (const auto& e : errors) saw = saw || (e["instanceLocation"] == "/declaration" && e["field"] == "declaration");
  CHECK(saw);
}
