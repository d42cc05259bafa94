#include "tests/core/session/session_forms.hpp"

#include <doctest/doctest.h>

#include "core/form/form_loader.hpp"

namespace wb::test {

using nlohmann::json;
using session::FormModel;
using session::ModelPtr;

// A small housing-style form that exercises every rule kind and a repeat group.
json test_form() {
  return json::parse(R"JSON({
  "formatVersion": 1, "id": "session-test", "version": 1,
  "title": {"zh-CN": "会话测试"}, "audience": "citizen", "visits": 0,
  "departments": [{"id": "dept", "name": {"zh-CN": "测试局"}}],
  "guide": {
    "legalBasis": [{"zh-CN": "条例"}], "conditions": [{"zh-CN": "条件"}], "procedure": [{"title": {"zh-CN": "申请"}}],
    "materials": [], "acceptingDepartment": {"zh-CN": "测试局"}, "location": {"zh-CN": "地点"},
    "contact": {"phone": "0000-12345"}, "hours": {"zh-CN": "工作日"}, "timeLimit": {"promisedDays": 5}, "fees": []
  },
  "schema": {
    "type": "object",
    "properties": {
      "name": {"type": "string", "minLength": 2},
      "idNumber": {"type": "string", "format": "cn-resident-id"},
      "tenure": {"type": "string", "enum": ["renting", "own"]},
      "rent": {"type": "number", "minimum": 0},
      "years": {"type": "integer"},
      "rows": {"type": "array", "items": {"type": "object",
               "properties": {"qty": {"type": "integer", "minimum": 0}, "price": {"type": "number"}, "sub": {"type": "number"}},
               "required": ["qty"]}},
      "total": {"type": "number"},
      "note": {"type": "string"}
    },
    "required": ["name", "tenure"]
  },
  "layout": {"pages": [{"id": "p1", "title": {"zh-CN": "页"}, "sections": [
    {"id": "s1", "title": {"zh-CN": "基本"}, "fields": [
      {"id": "name", "bind": "/name", "widget": "text", "label": {"zh-CN": "姓名"},
       "messages": {"minLength": {"zh-CN": "姓名至少两个字", "en": "A name has at least two characters"}}},
      {"id": "idNumber", "bind": "/idNumber", "widget": "resident-id", "label": {"zh-CN": "身份证号码"}},
      {"id": "tenure", "bind": "/tenure", "widget": "radio", "label": {"zh-CN": "住房性质"}},
      {"id": "rent", "bind": "/rent", "widget": "money", "label": {"zh-CN": "租金"}},
      {"id": "years", "bind": "/years", "widget": "number", "label": {"zh-CN": "年限"}},
      {"id": "note", "bind": "/note", "widget": "textarea", "label": {"zh-CN": "备注"}}
    ]},
    {"id": "s2", "title": {"zh-CN": "明细"}, "repeat": {"bind": "/rows", "maxRows": 4}, "fields": [
      {"id": "qty", "bind": "/qty", "widget": "number", "label": {"zh-CN": "数量"}},
      {"id": "price", "bind": "/price", "widget": "money", "label": {"zh-CN": "单价"}},
      {"id": "sub", "bind": "/sub", "widget": "money", "label": {"zh-CN": "小计"}}
    ]},
    {"id": "s3", "title": {"zh-CN": "合计"}, "fields": [
      {"id": "total", "bind": "/total", "widget": "money", "label": {"zh-CN": "合计"}}
    ]}
  ]}]},
  "rules": [
    {"id": "rentVisible", "kind": "visible", "target": "rent", "logic": {"==": [{"var": "tenure"}, "renting"]}},
    {"id": "rentRequired", "kind": "required", "target": "rent", "logic": {"==": [{"var": "tenure"}, "renting"]}},
    {"id": "subRule", "kind": "compute", "target": "sub", "logic": {"*": [{"var": "$row.qty"}, {"var": "$row.price"}]}},
    {"id": "totalRule", "kind": "compute", "target": "total", "logic": {"+": [{"sum": [{"var": "rows"}, "sub"]}, {"var": ["rent", 0]}]}},
    {"id": "yearsCheck", "kind": "assert", "target": "years", "logic": {"or": [{"!": {"var": "years"}}, {">=": [{"var": "years"}, 3]}]},
     "message": {"zh-CN": "须居住满3年", "en": "At least 3 years"}},
    {"id": "maxRows", "kind": "maxRows", "target": "s2", "logic": {"if": [{"==": [{"var": "tenure"}, "own"]}, 1, 4]}},
    {"id": "noteVisible", "kind": "visible", "target": "s3", "logic": {"!=": [{"var": "name"}, "hide"]}},
    {"id": "rowsCheck", "kind": "assert", "target": "s2", "logic": {"<=": [{"count": [{"var": "rows"}]}, 3]},
     "message": {"zh-CN": "明细不超过3行", "en": "At most 3 rows"}}
  ]
})JSON");
}

ModelPtr model_of(const json& doc) {
  auto loaded = form::load_form(doc);
  for (const auto& d : loaded.diagnostics) MESSAGE(format_diagnostic(d, Lang::En));
  REQUIRE(loaded.ok());
  std::vector<Diagnostic> errors;
  auto model = FormModel::build(loaded.form, &errors);
  for (const auto& d : errors) MESSAGE(format_diagnostic(d, Lang::En));
  REQUIRE(model);
  return model;
}

}  // namespace wb::test
