#include <doctest/doctest.h>

#include "core/common/json_pointer.hpp"
#include "core/validate/decimal.hpp"
#include "core/validate/validator.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::validate;

namespace {

Schema compile_ok(const json& s, CompileOptions o = {}) {
  auto r = Schema::compile(s, o);
  if (!r.ok()) FAIL("schema did not compile: " << r.errors.front().pointer << " " << r.errors.front().message(Lang::En));
  return std::move(*r.schema);
}

std::vector<CompileError> compile_errors(const json& s) { return Schema::compile(s).errors; }

}  // namespace

TEST_CASE("validate: multipleOf is exact for decimals") {
  auto s = compile_ok(json::parse(R"({"multipleOf": 0.01})"));
  CHECK(s.is_valid(json::parse("8500.5")));
  CHECK(s.is_valid(json::parse("8500")));
  CHECK(s.is_valid(json::parse("19.99")));
  CHECK(s.is_valid(json::parse("0.07")));
  CHECK_FALSE(s.is_valid(json::parse("8500.555")));
  CHECK_FALSE(s.is_valid(json::parse("0.001")));
  auto t = compile_ok(json::parse(R"({"multipleOf": 0.1})"));
  CHECK(t.is_valid(json::parse("0.3")));
  CHECK(t.is_valid(json::parse("1e308")));
  CHECK_FALSE(t.is_valid(json::parse("0.35")));
  Decimal x, m;
  REQUIRE(decimal_from_text("123456789012345678901234567890", x));
  REQUIRE(decimal_from_text("0.000000000000000000003", m));
  CHECK(is_multiple_of(x, m));
}

TEST_CASE("validate: const and enum use JSON equality (1 == 1.0)") {
  auto s = compile_ok(json::parse(R"({"enum": [1, [2], {"a": 3.0}]})"));
  CHECK(s.is_valid(json::parse("1.0")));
  CHECK(s.is_valid(json::parse("[2.0]")));
  CHECK(s.is_valid(json::parse(R"({"a": 3})")));
  CHECK_FALSE(s.is_valid(json::parse("true")));
  auto c = compile_ok(json::parse(R"({"const": false})"));
  CHECK_FALSE(c.is_valid(json::parse("0")));
}

TEST_CASE("validate: string lengths count code points, not bytes") {
  auto s = compile_ok(json::parse(R"({"minLength": 2, "maxLength": 3})"));
  CHECK(s.is_valid(json("张三")));
  CHECK(s.is_valid(json("欧阳娜")));
  CHECK_FALSE(s.is_valid(json("欧阳娜娜")));
  CHECK_FALSE(s.is_valid(json("张")));
  CHECK(s.is_valid(json("𠀀𠀁")));
}

TEST_CASE("validate: errors carry instance and keyword locations, codes and citizen messages") {
  auto s = compile_ok(json::parse(R"({
    "type": "object",
    "required": ["name", "idNumber"],
    "properties": {
      "name": {"type": "string", "maxLength": 4},
      "idNumber": {"type": "string", "format": "cn-resident-id"},
      "address": {"$ref": "#/$defs/address"}
    },
    "$defs": {"address": {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}}}}
  })"));
  auto r = s.validate(json::parse(R"({"name": "欧阳娜娜娜", "idNumber": "110105194912310021", "address": {}})"),
                      ValidateOptions{false, true});
  CHECK_FALSE(r.valid);
  REQUIRE(r.errors.size() == 3);
  // Order follows the instance: address, idNumber, name.
  CHECK(r.errors[0].instance_location == "/address/city");
  CHECK(r.errors[0].code == ErrorCode::ValidateRequired);
  CHECK(r.errors[0].keyword_location == "/properties/address/$ref/required");
  CHECK(r.errors[0].absolute_keyword_location == "#/$defs/address/required");
  CHECK(error_message(r.errors[0], Lang::ZhCN) == "此项为必填项");
  CHECK(r.errors[1].instance_location == "/idNumber");
  CHECK(r.errors[1].code == ErrorCode::ValidateFormatCnResidentId);
  CHECK(error_message(r.errors[1], Lang::ZhCN) == "请输入有效的18位居民身份证号码");
  CHECK(r.errors[2].instance_location == "/name");
  CHECK(r.errors[2].keyword == "maxLength");
  CHECK(error_message(r.errors[2], Lang::ZhCN) == "请输入不超过 4 个字符");
  CHECK(error_message(r.errors[2], Lang::En) == "Please enter no more than 4 characters");
  CHECK(error_id(r.errors[2].code) == "validate.max_length");

  auto missing = s.validate(json::parse(R"({"name": "张三"})"));
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].instance_location == "/idNumber");
  CHECK(missing.errors[0].keyword_location == "/required");
  CHECK(missing.errors[0].absolute_keyword_location.empty());
}

TEST_CASE("validate: formats are annotations unless asserted") {
  auto s = compile_ok(json::parse(R"({"format": "cn-mobile"})"));
  CHECK(s.is_valid(json("12345")));
  CHECK(s.validate(json("12345")).valid);
  CHECK_FALSE(s.validate(json("12345"), ValidateOptions{false, true}).valid);
  CompileOptions o;
  o.assert_formats = true;
  auto a = compile_ok(json::parse(R"({"format": "cn-mobile"})"), o);
  CHECK_FALSE(a.is_valid(json("12345")));
  CHECK(a.is_valid(json("13800138000")));
  CHECK(a.is_valid(json(12345)));  // formats only constrain strings
}

TEST_CASE("validate: stop at the first error, or collect all") {
  auto s = compile_ok(json::parse(R"({"required": ["a", "b", "c"]})"));
  CHECK(s.validate(json::object()).errors.size() == 3);
  ValidateOptions first;
  first.stop_at_first = true;
  CHECK(s.validate(json::object(), first).errors.size() == 1);
}

TEST_CASE("validate: message overrides per instance location and keyword") {
  auto s = compile_ok(json::parse(R"({"properties": {"mobile": {"type": "string", "pattern": "^1"}}})"));
  auto r = s.validate(json::parse(R"({"mobile": "2"})"));
  REQUIRE(r.errors.size() == 1);
  LocalizedText custom{"请填写以1开头的手机号码", "Mobile numbers start with 1"};
  MessageOverride ov = [&](const ValidationError& e) -> const LocalizedText* {
    return e.instance_location == "/mobile" && e.keyword == "pattern" ? &custom : nullptr;
  };
  CHECK(error_message(r.errors[0], Lang::ZhCN, ov) == "请填写以1开头的手机号码");
  CHECK(error_message(r.errors[0], Lang::En, ov) == "Mobile numbers start with 1");
  CHECK(error_message(r.errors[0], Lang::ZhCN) == "填写的内容格式不正确，请检查后重新输入");
}

TEST_CASE("validate: broken schemas get precise compile errors") {
  auto e1 = compile_errors(json::parse(R"({"properties": {"a": {"minLength": "x"}}})"));
  REQUIRE(e1.size() == 1);
  CHECK(e1[0].code == ErrorCode::SchemaBadKeyword);
  CHECK(e1[0].pointer == "/properties/a/minLength");
  auto e2 = compile_errors(json::parse(R"({"maxItems": -1})"));
  REQUIRE(e2.size() == 1);
  CHECK(e2[0].pointer == "/maxItems");
  auto e3 = compile_errors(json::parse(R"({"items": {"$ref": "#/$defs/missing"}})"));
  REQUIRE(e3.size() == 1);
  CHECK(e3[0].code == ErrorCode::SchemaBadRef);
  CHECK(e3[0].pointer == "/items/$ref");
  auto e4 = compile_errors(json::parse(R"({"pattern": "[a-"})"));
  REQUIRE(e4.size() == 1);
  CHECK(e4[0].code == ErrorCode::SchemaBadRegex);
  CHECK(e4[0].pointer == "/pattern");
  auto e5 = compile_errors(json::parse(R"({"$ref": "http://example.com/remote.json"})"));
  REQUIRE(e5.size() == 1);
  CHECK(e5[0].code == ErrorCode::SchemaBadRef);
  auto e6 = compile_errors(json::parse(R"({"type": "text"})"));
  REQUIRE(e6.size() == 1);
  CHECK(e6[0].message(Lang::ZhCN).find("type") != std::string::npos);
  auto e7 = compile_errors(json::parse(R"({"allOf": [1]})"));
  REQUIRE(e7.size() == 1);
  CHECK(e7[0].code == ErrorCode::SchemaNotASchema);
  CHECK(e7[0].pointer == "/allOf/0");
  CHECK(compile_errors(json(5)).size() == 1);
}

TEST_CASE("validate: cyclic and deep references neither hang nor overflow") {
  auto loop = compile_ok(json::parse(R"({"allOf": [{"$ref": "#"}]})"));
  auto r = loop.validate(json::object());
  CHECK_FALSE(r.valid);
  CHECK(r.errors.front().code == ErrorCode::ValidateTooDeep);
  auto mutual = compile_ok(json::parse(R"({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"})"));
  CHECK_FALSE(mutual.is_valid(json(1)));
  // A long chain of references compiles without deep recursion.
  json chain = {{"$defs", json::object()}};
  for (int i = 0; i < 5000; ++i) chain["$defs"]["d" + std::to_string(i)] = {{"$ref", "#/$defs/d" + std::to_string(i + 1)}};
  chain["$defs"]["d5000"] = {{"type", "integer"}};
  chain["$ref"] = "#/$defs/d0";
  auto c = Schema::compile(chain);
  REQUIRE(c.ok());
  CHECK_FALSE(c.schema->is_valid(json("x")));  // too deep to evaluate: fails safe
  // Applicators that multiply the work (2^40 paths) stop at the evaluation budget instead of running for hours.
  json blowup = {{"$defs", json::object()}};
  for (int i = 0; i < 40; ++i)
    blowup["$defs"]["d" + std::to_string(i)] = {{"anyOf", {{{"$ref", "#/$defs/d" + std::to_string(i + 1)}, {"not", {{"$ref", "#/$defs/d" + std::to_string(i + 1)}}}}}}};
  blowup["$defs"]["d40"] = {{"type", "integer"}};
  blowup["$ref"] = "#/$defs/d0";
  auto b = Schema::compile(blowup);
  REQUIRE(b.ok());
  CHECK_FALSE(b.schema->is_valid(json("x")));
  // A recursive schema over deeply nested data.
  auto tree = compile_ok(json::parse(R"({"type": "object", "properties": {"child": {"$ref": "#"}}})"));
  json deep = json::object();
  for (int i = 0; i < 100; ++i) deep = json{{"child", deep}};
  CHECK(tree.is_valid(deep));
}

TEST_CASE("validate: remote references go through the resolver only") {
  CompileOptions o;
  o.resolver = [](const std::string& uri) -> std::optional<json> {
    if (uri == "https://wangban.example/schemas/address.json")
      return json::parse(R"({"type": "object", "required": ["province"]})");
    return std::nullopt;
  };
  auto s = compile_ok(json::parse(R"({"$ref": "https://wangban.example/schemas/address.json"})"), o);
  CHECK(s.is_valid(json::parse(R"({"province": "浙江省"})")));
  CHECK_FALSE(s.is_valid(json::object()));
  auto meta = compile_ok(json::parse(R"({"$ref": "https://json-schema.org/draft/2020-12/schema"})"));
  CHECK(meta.is_valid(json::parse(R"({"type": "string", "minLength": 1})")));
  CHECK_FALSE(meta.is_valid(json::parse(R"({"minLength": -1})")));
  auto meta7 = compile_ok(json::parse(R"({"$ref": "http://json-schema.org/draft-07/schema#"})"));
  CHECK_FALSE(meta7.is_valid(json::parse(R"({"type": 5})")));
}

TEST_CASE("validate: draft-07 is chosen by $schema") {
  auto s = compile_ok(json::parse(R"({"$schema": "http://json-schema.org/draft-07/schema#",
                                      "items": [{"type": "integer"}], "additionalItems": false})"));
  CHECK(s.draft() == Draft::Draft7);
  CHECK(s.is_valid(json::parse("[1]")));
  CHECK_FALSE(s.is_valid(json::parse("[1, 2]")));
  auto d = compile_ok(json::parse(R"({"prefixItems": [{"type": "integer"}], "items": false})"));
  CHECK(d.draft() == Draft::Draft2020_12);
  CHECK_FALSE(d.is_valid(json::parse("[1, 2]")));
}
