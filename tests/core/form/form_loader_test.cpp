#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/form/form_loader.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::form;

namespace {

// The smallest complete definition; each test breaks one thing in it.
json minimal_form() {
  return json::parse(R"JSON({
  "formatVersion": 1,
  "id": "test-item",
  "version": 3,
  "title": {"zh-CN": "测试事项", "en": "Test item"},
  "audience": "citizen",
  "visits": 0,
  "departments": [{"id": "dept", "name": {"zh-CN": "测试局"}}],
  "guide": {
    "legalBasis": [{"zh-CN": "《测试条例》第一条"}],
    "conditions": [{"zh-CN": "年满18周岁"}],
    "procedure": [{"title": {"zh-CN": "网上申请"}}],
    "materials": [{"id": "idCard", "name": {"zh-CN": "身份证"}, "required": true, "acceptedTypes": ["image/jpeg"],
                   "maxSizeBytes": 1048576, "electronicCertificate": true}],
    "acceptingDepartment": {"zh-CN": "测试局"},
    "location": {"zh-CN": "人民路1号"},
    "contact": {"phone": "0000-12345"},
    "hours": {"zh-CN": "工作日"},
    "timeLimit": {"promisedDays": 5, "statutoryDays": 20},
    "fees": []
  },
  "schema": {
    "type": "object",
    "properties": {
      "name": {"type": "string"},
      "age": {"type": "integer"},
      "agree": {"type": "boolean"},
      "kind": {"type": "string", "enum": ["a", "b"]},
      "total": {"type": "number"},
      "double": {"type": "number"},
      "photo": {"type": "object"},
      "rows": {"type": "array", "items": {"type": "object", "properties": {"qty": {"type": "integer"}, "sub": {"type": "number"}}}}
    }
  },
  "layout": {"pages": [{"id": "p1", "title": {"zh-CN": "第一页"}, "sections": [
    {"id": "s1", "title": {"zh-CN": "基本信息"}, "fields": [
      {"id": "name", "bind": "/name", "widget": "text", "label": {"zh-CN": "姓名"}},
      {"id": "age", "bind": "/age", "widget": "number", "label": {"zh-CN": "年龄"}},
      {"id": "agree", "bind": "/agree", "widget": "checkbox", "label": {"zh-CN": "同意"}},
      {"id": "kind", "bind": "/kind", "widget": "select", "label": {"zh-CN": "类别"},
       "options": [{"value": "a", "label": {"zh-CN": "甲"}}]},
      {"id": "total", "bind": "/total", "widget": "money", "label": {"zh-CN": "合计"}},
      {"id": "double", "bind": "/double", "widget": "money", "label": {"zh-CN": "两倍"}},
      {"id": "photo", "bind": "/photo", "widget": "file", "material": "idCard", "label": {"zh-CN": "照片"}}
    ]},
    {"id": "s2", "title": {"zh-CN": "明细"}, "repeat": {"bind": "/rows", "maxRows": 5}, "fields": [
      {"id": "qty", "bind": "/qty", "widget": "number", "label": {"zh-CN": "数量"}},
      {"id": "sub", "bind": "/sub", "widget": "money", "label": {"zh-CN": "小计"}}
    ]}
  ]}]},
  "rules": [
    {"id": "r1", "kind": "visible", "target": "age", "logic": {"==": [{"var": "kind"}, "a"]}},
    {"id": "r2", "kind": "compute", "target": "total", "logic": {"sum": [{"var": "rows"}, "sub"]}},
    {"id": "r3", "kind": "compute", "target": "sub", "logic": {"*": [{"var": "$row.qty"}, 2]}},
    {"id": "r4", "kind": "compute", "target": "double", "logic": {"*": [{"var": "total"}, 2]}}
  ]
})JSON");
}

LoadResult load(const json& doc) { return load_form(doc); }

// The single diagnostic of a load (fails the test if there is not exactly one).
Diagnostic only(const LoadResult& r) {
  REQUIRE_FALSE(r.ok());
  if (r.diagnostics.size() != 1) {
    for (const auto& d : r.diagnostics) MESSAGE(format_diagnostic(d, Lang::En));
  }
  REQUIRE(r.diagnostics.size() == 1);
  return r.diagnostics[0];
}

}  // namespace

TEST_CASE("the minimal form loads into a complete model") {
  auto r = load(minimal_form());
  for (const auto& d : r.diagnostics) MESSAGE(format_diagnostic(d, Lang::En));
  REQUIRE(r.ok());
  const FormDefinition& f = *r.form;
  CHECK(f.id == "test-item");
  CHECK(f.version == 3);
  CHECK(f.title.get(Lang::ZhCN) == "测试事项");
  CHECK(f.title.get(Lang::En) == "Test item");
  CHECK(f.audience == Audience::Citizen);
  CHECK(f.visits == 0);
  REQUIRE(f.departments.size() == 1);
  CHECK(f.lead_department()->id == "dept");
  CHECK(f.guide.time_limit.promised_days == 5);
  CHECK(f.guide.time_limit.statutory_days == 20);
  CHECK(f.guide.fees.empty());
  REQUIRE(f.guide.find_material("idCard"));
  CHECK(f.guide.find_material("idCard")->electronic_certificate);
  CHECK(f.all_fields().size() == 9);

  const Field* qty = f.find_field("qty");
  REQUIRE(qty);
  CHECK(qty->bind == "/qty");
  CHECK(qty->data_path == "/rows/*/qty");
  CHECK(qty->section_id == "s2");
  CHECK(qty->page_id == "p1");
  CHECK(f.find_field("total")->read_only);
  CHECK_FALSE(f.find_field("name")->read_only);
  CHECK(f.find_section("s2")->repeat->max_rows == 5);

  REQUIRE(f.rules.size() == 4);
  CHECK_FALSE(f.rules[0].row_scoped);
  CHECK(f.rules[0].reads == std::vector<std::string>{"/kind"});
  CHECK(f.rules[2].row_scoped);
  CHECK(f.rules[2].row_array == "/rows");
  CHECK(f.rules[2].reads == std::vector<std::string>{"/rows/*/qty"});
  CHECK(f.source == minimal_form());
}

TEST_CASE("a text with a syntax error is reported with line and column") {
  auto r = load_form_text("{\n  \"formatVersion\": 1\n  \"id\": \"x\"\n}");
  auto d = only(r);
  CHECK(d.code == ErrorCode::JsonSyntax);
  CHECK(d.line == 3);
  CHECK(d.column == 3);
}

TEST_CASE("duplicate keys in the text are reported, not silently collapsed") {
  std::string text = minimal_form().dump();
  text.insert(1, "\"visits\": 2, ");
  auto d = only(load_form_text(text));
  CHECK(d.code == ErrorCode::JsonDuplicateKey);
  CHECK(d.pointer == "/visits");
}

TEST_CASE("documents that are not objects are refused at the root") {
  for (const char* text : {"[]", "\"form\"", "42", "null"}) {
    auto d = only(load_form_text(text));
    CHECK(d.code == ErrorCode::FormWrongType);
    CHECK(d.pointer == "");
  }
}

TEST_CASE("unknown keys are errors at every level; x- extensions are accepted") {
  auto doc = minimal_form();
  doc["titel"] = "typo";
  doc["guide"]["contact"]["fax"] = "1";
  doc["layout"]["pages"][0]["sections"][0]["fields"][2]["lable"] = 1;
  doc["x-owner"] = "team";
  doc["guide"]["x-note"] = {{"anything", true}};
  auto r = load(doc);
  REQUIRE(r.diagnostics.size() == 3);
  CHECK(r.diagnostics[0].pointer == "/titel");
  CHECK(r.diagnostics[0].code == ErrorCode::FormUnknownKey);
  CHECK(r.diagnostics[1].pointer == "/guide/contact/fax");
  CHECK(r.diagnostics[2].pointer == "/layout/pages/0/sections/0/fields/2/lable");
  CHECK(r.diagnostics[2].message(Lang::En) == "Unknown key \"lable\" (extension keys must start with x-)");
}

TEST_CASE("missing required keys are named") {
  auto doc = minimal_form();
  doc.erase("guide");
  doc["layout"]["pages"][0]["sections"][0]["fields"][0].erase("label");
  auto r = load(doc);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].pointer == "/guide");
  CHECK(r.diagnostics[0].code == ErrorCode::FormMissingKey);
  CHECK(r.diagnostics[1].pointer == "/layout/pages/0/sections/0/fields/0/label");
}

TEST_CASE("wrong types say what was expected and what was found, in both languages") {
  auto doc = minimal_form();
  doc["version"] = "3";
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormWrongType);
  CHECK(d.pointer == "/version");
  CHECK(d.message(Lang::En) == "Wrong type: expected integer, found string");
  CHECK(d.message(Lang::ZhCN) == "类型错误：应为整数，实际为字符串");
}

TEST_CASE("values out of range and bad enumerations are reported") {
  auto doc = minimal_form();
  doc["visits"] = 3;
  doc["audience"] = "everyone";
  doc["guide"]["timeLimit"]["statutoryDays"] = 2;
  auto r = load(doc);
  REQUIRE(r.diagnostics.size() == 3);
  CHECK(r.diagnostics[0].pointer == "/audience");
  CHECK(r.diagnostics[1].pointer == "/visits");
  CHECK(r.diagnostics[2].pointer == "/guide/timeLimit/statutoryDays");
}

TEST_CASE("a missing zh-CN text is an error wherever text appears") {
  auto doc = minimal_form();
  doc["title"] = {{"en", "Only English"}};
  doc["guide"]["conditions"][0] = {{"zh-CN", "   "}};
  auto r = load(doc);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].pointer == "/title/zh-CN");
  CHECK(r.diagnostics[0].code == ErrorCode::FormMissingZhLabel);
  CHECK(r.diagnostics[1].pointer == "/guide/conditions/0/zh-CN");
}

TEST_CASE("ids must be unique across pages, sections, fields and rules") {
  auto doc = minimal_form();
  doc["layout"]["pages"][0]["sections"][1]["fields"][0]["id"] = "name";
  doc["rules"][0]["id"] = "s1";
  auto r = load(doc);
  REQUIRE(r.diagnostics.size() >= 2);
  CHECK(r.diagnostics[0].code == ErrorCode::FormDuplicateId);
  CHECK(r.diagnostics[0].pointer == "/layout/pages/0/sections/1/fields/0/id");
  CHECK(r.diagnostics[0].arg("first") == "/layout/pages/0/sections/0/fields/0/id");
  bool rule_dup = false;
  for (const auto& d : r.diagnostics) rule_dup = rule_dup || (d.code == ErrorCode::FormDuplicateId && d.pointer == "/rules/0/id");
  CHECK(rule_dup);
}

TEST_CASE("ids have a fixed shape") {
  auto doc = minimal_form();
  doc["id"] = "Test Item";
  doc["layout"]["pages"][0]["id"] = "1page";
  auto r = load(doc);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].pointer == "/id");
  CHECK(r.diagnostics[1].pointer == "/layout/pages/0/id");
}

TEST_CASE("a field bound to no schema location is an error") {
  auto doc = minimal_form();
  doc["layout"]["pages"][0]["sections"][0]["fields"][0]["bind"] = "/nmae";
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormUnboundField);
  CHECK(d.pointer == "/layout/pages/0/sections/0/fields/0/bind");
  CHECK(d.arg("bind") == "/nmae");
}

TEST_CASE("fields in a repeat group bind relative to the row") {
  auto doc = minimal_form();
  doc["layout"]["pages"][0]["sections"][1]["fields"][0]["bind"] = "/rows/qty";
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormUnboundField);
  CHECK(d.pointer == "/layout/pages/0/sections/1/fields/0/bind");
}

TEST_CASE("a repeat group must bind to an array with an item schema") {
  auto doc = minimal_form();
  doc["layout"]["pages"][0]["sections"][1]["repeat"]["bind"] = "/name";
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormWidgetMismatch);
  CHECK(d.pointer == "/layout/pages/0/sections/1/repeat/bind");
}

TEST_CASE("schema locations are found through $ref, allOf and if/then") {
  auto doc = minimal_form();
  doc["schema"]["$defs"] = {{"person", {{"type", "object"}, {"properties", {{"nick", {{"type", "string"}}}}}}}};
  doc["schema"]["properties"]["spouse"] = {{"$ref", "#/$defs/person"}};
  doc["schema"]["allOf"] = json::array({{{"if", {{"properties", {{"kind", {{"const", "b"}}}}}}},
                                         {"then", {{"properties", {{"reason", {{"type", "string"}}}}}}}}});
  auto& fields = doc["layout"]["pages"][0]["sections"][0]["fields"];
  fields.push_back({{"id", "spouseNick"}, {"bind", "/spouse/nick"}, {"widget", "text"}, {"label", {{"zh-CN", "配偶昵称"}}}});
  fields.push_back({{"id", "reason"}, {"bind", "/reason"}, {"widget", "textarea"}, {"label", {{"zh-CN", "理由"}}}});
  auto r = load(doc);
  for (const auto& d : r.diagnostics) MESSAGE(format_diagnostic(d, Lang::En));
  CHECK(r.ok());
}

TEST_CASE("a rule reading a field that does not exist is an error with the exact place") {
  auto doc = minimal_form();
  doc["rules"][0]["logic"] = {{"==", json::array({{{"var", "knid"}}, "a"})}};
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormUnknownRuleVar);
  CHECK(d.pointer == "/rules/0/logic/==/0/var");
  CHECK(d.arg("path") == "knid");
}

TEST_CASE("rule paths may reach into arrays and use var defaults; missing/missing_some are checked") {
  auto doc = minimal_form();
  doc["rules"][0]["logic"] = {{"and", json::array({{{">", json::array({{{"var", json::array({"rows.0.qty", 0})}}, 1})}},
                                                   {{"missing", json::array({"name", "kind"})}},
                                                   {{"missing_some", json::array({1, json::array({"name", "ghost"})})}}})}};
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormUnknownRuleVar);
  CHECK(d.pointer == "/rules/0/logic/and/2/missing_some/1/1");
}

TEST_CASE("vars inside map/filter/reduce read the element, not the form") {
  auto doc = minimal_form();
  doc["rules"][0]["logic"] = {
      {"some", json::array({{{"var", "rows"}}, {{">", json::array({{{"var", "qty"}}, 3})}}})}};
  CHECK(load(doc).ok());
  doc["rules"][0]["logic"] = {
      {"reduce", json::array({{{"var", "rows"}}, {{"+", json::array({{{"var", "current.qty"}}, {{"var", "accumulator"}}})}}, 0})}};
  CHECK(load(doc).ok());
}

TEST_CASE("$row is only for rules of a repeat group") {
  auto doc = minimal_form();
  doc["rules"][0]["logic"] = {{"==", json::array({{{"var", "$row.qty"}}, 1})}};
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormRowScope);
  auto doc2 = minimal_form();
  doc2["rules"][2]["logic"] = {{"*", json::array({{{"var", "$row.qyt"}}, 2})}};
  auto d2 = only(load(doc2));
  CHECK(d2.code == ErrorCode::FormUnknownRuleVar);
  CHECK(d2.arg("path") == "$row.qyt");
}

TEST_CASE("rule targets must exist and fit the rule kind") {
  auto doc = minimal_form();
  doc["rules"][0]["target"] = "nobody";
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormUnknownRuleTarget);
  CHECK(d.pointer == "/rules/0/target");
  auto doc2 = minimal_form();
  doc2["rules"][1]["target"] = "s1";  // compute needs a field
  CHECK(only(load(doc2)).code == ErrorCode::FormUnknownRuleTarget);
  auto doc3 = minimal_form();
  doc3["rules"].push_back({{"id", "r5"}, {"kind", "maxRows"}, {"target", "s1"}, {"logic", 3}});  // s1 is not repeated
  CHECK(only(load(doc3)).code == ErrorCode::FormUnknownRuleTarget);
  auto doc4 = minimal_form();
  doc4["rules"].push_back({{"id", "r5"}, {"kind", "maxRows"}, {"target", "s2"}, {"logic", 3}});
  CHECK(load(doc4).ok());
}

TEST_CASE("unknown operators and malformed operations are refused") {
  auto doc = minimal_form();
  doc["rules"][0]["logic"] = {{"if", json::array({{{"frobnicate", json::array({1})}}, 1, 2})}};
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormUnknownOperator);
  CHECK(d.pointer == "/rules/0/logic/if/0/frobnicate");
  auto doc2 = minimal_form();
  doc2["rules"][0]["logic"] = {{"==", json::array({1, 1})}, {"!=", json::array({1, 2})}};
  CHECK(only(load(doc2)).code == ErrorCode::FormBadRuleShape);
}

TEST_CASE("cycles among computed values are found and named") {
  auto doc = minimal_form();
  doc["rules"][1]["logic"] = {{"+", json::array({{{"var", "double"}}, 1})}};  // total ← double ← total
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormComputeCycle);
  CHECK(d.arg("cycle").find("total") != std::string::npos);
  CHECK(d.arg("cycle").find("double") != std::string::npos);
}

TEST_CASE("a computed value that reads itself is a cycle") {
  auto doc = minimal_form();
  doc["rules"][1]["logic"] = {{"+", json::array({{{"var", "total"}}, 1})}};
  CHECK(only(load(doc)).code == ErrorCode::FormComputeCycle);
}

TEST_CASE("a computed value reading the whole repeat group that it lives in is a cycle") {
  auto doc = minimal_form();
  doc["rules"][2]["logic"] = {{"count", json::array({{{"var", "rows"}}})}};  // sub ← rows (which contains sub)
  CHECK(only(load(doc)).code == ErrorCode::FormComputeCycle);
}

TEST_CASE("widgets must fit the schema") {
  auto doc = minimal_form();
  doc["layout"]["pages"][0]["sections"][0]["fields"][2]["widget"] = "number";  // agree is boolean
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormWidgetMismatch);
  CHECK(d.pointer == "/layout/pages/0/sections/0/fields/2/widget");

  auto doc2 = minimal_form();
  doc2["layout"]["pages"][0]["sections"][0]["fields"][0]["widget"] = "resident-id";  // no format
  CHECK(only(load(doc2)).code == ErrorCode::FormWidgetMismatch);

  auto doc3 = minimal_form();
  doc3["layout"]["pages"][0]["sections"][0]["fields"][0]["widget"] = "slider";
  CHECK(only(load(doc3)).code == ErrorCode::FormBadValue);
}

TEST_CASE("choice widgets need an enum, and their options must be in it") {
  auto doc = minimal_form();
  doc["layout"]["pages"][0]["sections"][0]["fields"][3]["options"].push_back({{"value", "c"}, {"label", {{"zh-CN", "丙"}}}});
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormBadValue);
  CHECK(d.pointer == "/layout/pages/0/sections/0/fields/3/options/1/value");
  auto doc2 = minimal_form();
  doc2["schema"]["properties"]["kind"].erase("enum");
  CHECK(only(load(doc2)).code == ErrorCode::FormWidgetMismatch);
}

TEST_CASE("attachment fields name a material from the guide") {
  auto doc = minimal_form();
  doc["layout"]["pages"][0]["sections"][0]["fields"][6]["material"] = "passport";
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormUnknownMaterial);
  CHECK(d.pointer == "/layout/pages/0/sections/0/fields/6/material");
  auto doc2 = minimal_form();
  doc2["layout"]["pages"][0]["sections"][0]["fields"][6].erase("material");
  CHECK(only(load(doc2)).code == ErrorCode::FormMissingKey);
}

TEST_CASE("departments: exactly one lead") {
  auto doc = minimal_form();
  doc["departments"].push_back({{"id", "other"}, {"name", {{"zh-CN", "另一局"}}}});  // a second lead
  CHECK(only(load(doc)).pointer == "/departments");
  auto doc2 = minimal_form();
  doc2["departments"].push_back({{"id", "other"}, {"name", {{"zh-CN", "另一局"}}}, {"role", "parallel"}});
  CHECK(load(doc2).ok());
  auto doc3 = minimal_form();
  doc3["departments"] = json::array();
  CHECK(only(load(doc3)).pointer == "/departments");
}

TEST_CASE("fees are decimal strings; downloads carry a real hash") {
  auto doc = minimal_form();
  doc["guide"]["fees"] = json::array({{{"name", {{"zh-CN", "工本费"}}}, {"amount", "9.005"}, {"basis", {{"zh-CN", "物价局文件"}}}}});
  doc["downloads"] = json::array({{{"fileName", "../form.pdf"}, {"title", {{"zh-CN", "申请表"}}}, {"mediaType", "application/pdf"},
                                   {"size", 10}, {"sha256", "ABC"}}});
  auto r = load(doc);
  REQUIRE(r.diagnostics.size() == 3);
  CHECK(r.diagnostics[0].pointer == "/guide/fees/0/amount");
  CHECK(r.diagnostics[1].pointer == "/downloads/0/fileName");
  CHECK(r.diagnostics[2].pointer == "/downloads/0/sha256");
}

TEST_CASE("an unsupported format version stops loading with one clear error") {
  auto doc = minimal_form();
  doc["formatVersion"] = 2;
  doc["bogus"] = 1;
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormUnsupportedFormat);
  CHECK(d.message(Lang::En) == "Unsupported form format version 2 (supported: 1)");
}

TEST_CASE("the data schema must describe an object in draft 2020-12") {
  auto doc = minimal_form();
  doc["schema"]["$schema"] = "http://json-schema.org/draft-07/schema#";
  CHECK(only(load(doc)).pointer == "/schema/$schema");
  auto doc2 = minimal_form();
  doc2["schema"]["type"] = "array";
  CHECK(only(load(doc2)).pointer == "/schema/type");
}

TEST_CASE("assert rules need a message") {
  auto doc = minimal_form();
  doc["rules"].push_back({{"id", "r5"}, {"kind", "assert"}, {"target", "age"}, {"logic", true}});
  auto d = only(load(doc));
  CHECK(d.code == ErrorCode::FormMissingKey);
  CHECK(d.pointer == "/rules/4/message");
}

TEST_CASE("every diagnostic has a message in both languages with no unfilled placeholder") {
  auto doc = minimal_form();
  doc["titel"] = 1;
  doc["version"] = "x";
  doc["title"] = {{"en", "x"}};
  doc["departments"][0]["role"] = "boss";
  doc["layout"]["pages"][0]["sections"][0]["fields"][0]["bind"] = "/zz";
  doc["layout"]["pages"][0]["sections"][0]["fields"][2]["widget"] = "date";
  doc["rules"][0]["logic"] = {{"nope", 1}};
  doc["rules"][1]["target"] = "zz";
  auto r = load(doc);
  REQUIRE(r.diagnostics.size() >= 8);
  for (const auto& d : r.diagnostics) {
    for (Lang lang : {Lang::ZhCN, Lang::En}) {
      std::string m = d.message(lang);
      CHECK_MESSAGE(m.find('{') == std::string::npos, m);
      CHECK_FALSE(m.empty());
    }
  }
}
