#include "bench/session/big_form.hpp"

#include <string>

namespace wb::bench {
namespace {

using nlohmann::json;

json text(const std::string& zh) { return {{"zh-CN", zh}}; }

}  // namespace

BigForm make_big_form() {
  BigForm out;
  const int kSections = 49;  // 49 sections x 20 scalar fields = 980, + 2 repeat groups x 10 fields = 1,000
  const int kPerSection = 20;
  json props = json::object();
  json sections = json::array();
  json data = json::object();
  json rules = json::array();
  auto field_kind = [](int j) { return j % 5; };  // 0 text, 1 number, 2 select, 3 date, 4 mobile
  for (int s = 0; s < kSections; ++s) {
    std::string sec = "s" + std::to_string(s);
    json sp = json::object();
    json fields = json::array();
    json sd = json::object();
    json required = json::array();
    for (int j = 0; j < kPerSection; ++j) {
      std::string f = "f" + std::to_string(j);
      std::string id = sec + "_" + f;
      json schema;
      json value;
      std::string widget;
      switch (field_kind(j)) {
        case 0: schema = {{"type", "string"}, {"minLength", 2}, {"maxLength", 40}, {"pattern", "^[^<>]*$"}}; value = "张三丰"; widget = "text"; break;
        case 1: schema = {{"type", "number"}, {"minimum", 0}, {"maximum", 1000000}, {"multipleOf", 0.01}}; value = 120.5; widget = "number"; break;
        case 2: schema = {{"type", "string"}, {"enum", {"a", "b", "c"}}}; value = "a"; widget = "select"; break;
        case 3: schema = {{"type", "string"}, {"format", "date"}}; value = "2024-03-01"; widget = "date"; break;
        default: schema = {{"type", "string"}, {"format", "cn-mobile"}}; value = "13800138000"; widget = "mobile"; break;
      }
      sp[f] = schema;
      sd[f] = value;
      if (j % 3 == 0) required.push_back(f);
      json field = {{"id", id}, {"bind", "/" + sec + "/" + f}, {"widget", widget}, {"label", text("字段" + id)}};
      if (widget == "select")
        field["options"] = json::array({{{"value", "a"}, {"label", text("甲")}}, {{"value", "b"}, {"label", text("乙")}}, {{"value", "c"}, {"label", text("丙")}}});
      fields.push_back(field);
    }
    props[sec] = {{"type", "object"}, {"properties", sp}, {"required", required}, {"additionalProperties", false}};
    data[sec] = sd;
    sections.push_back({{"id", sec}, {"title", text("分组" + sec)}, {"fields", fields}});
  }
  // Two repeat groups of 50 rows, 10 fields each (the last one computed per row).
  for (int g = 0; g < 2; ++g) {
    std::string arr = "items" + std::to_string(g);
    json row_props = json::object();
    json fields = json::array();
    json row = json::object();
    for (int j = 0; j < 10; ++j) {
      std::string f = "c" + std::to_string(j);
      bool number = j >= 6;
      row_props[f] = number ? json{{"type", "number"}, {"minimum", 0}} : json{{"type", "string"}, {"minLength", 1}, {"maxLength", 20}};
      row[f] = number ? json(j * 2.5) : json("值" + std::to_string(j));
      fields.push_back({{"id", arr + "_" + f}, {"bind", "/" + f}, {"widget", number ? "money" : "text"}, {"label", text("列" + f)}});
    }
    row["c9"] = 6 * 2.5 * 7 * 2.5;  // c9 = c6 * c7
    props[arr] = {{"type", "array"}, {"maxItems", 60}, {"items", {{"type", "object"}, {"properties", row_props}, {"required", {"c0", "c6"}}}}};
    json rows = json::array();
    for (int r = 0; r < 50; ++r) rows.push_back(row);
    data[arr] = rows;
    sections.push_back({{"id", "g" + std::to_string(g)}, {"title", text("明细" + arr)}, {"repeat", {{"bind", "/" + arr}, {"maxRows", 60}}}, {"fields", fields}});
    rules.push_back(json::parse(R"({"id": "rowc9_)" + std::to_string(g) + R"(", "kind": "compute", "target": ")" + arr +
                                R"(_c9", "logic": {"*": [{"var": "$row.c6"}, {"var": "$row.c7"}]}})"));
  }
  // 298 more rules over the scalar sections: visibility, required-if, cross-field checks, sums over rows.
  int made = static_cast<int>(rules.size());
  for (int s = 0; made < 300; s = (s + 1) % kSections) {
    std::string sec = "s" + std::to_string(s);
    std::string rid = "r" + std::to_string(made);
    std::string head = R"({"id": ")" + rid + R"(", )";
    int k = made % 4;
    int variant = (made / 4) % 4;
    if (k == 0) {  // a text/number field visible unless the section's first select is "c"
      rules.push_back(json::parse(head + R"("kind": "visible", "target": ")" + sec + "_f" + std::to_string(4 + 5 * variant) +
                                  R"(", "logic": {"!=": [{"var": ")" + sec + R"(.f2"}, "c"]}})"));
    } else if (k == 1) {  // required when the second select is "b"
      rules.push_back(json::parse(head + R"("kind": "required", "target": ")" + sec + "_f" + std::to_string(5 + 5 * (variant % 3)) +
                                  R"(", "logic": {"==": [{"var": ")" + sec + R"(.f7"}, "b"]}})"));
    } else if (k == 2) {  // a cross-field check on numbers
      rules.push_back(json::parse(head + R"("kind": "assert", "target": ")" + sec + "_f" + std::to_string(1 + 5 * variant) +
                                  R"(", "message": {"zh-CN": "数值过大"}, "logic": {"<=": [{"var": ")" + sec +
                                  R"(.f1"}, {"+": [{"var": ")" + sec + R"(.f6"}, 100000]}]}})"));
    } else if (variant == 0) {  // a check over a whole repeat group
      std::string arr = "items" + std::to_string((made / 16) % 2);
      rules.push_back(json::parse(head + R"("kind": "assert", "target": ")" + sec +
                                  R"(_f11", "message": {"zh-CN": "合计有误"}, "logic": {">=": [{"sum": [{"var": ")" + arr +
                                  R"("}, "c9"]}, 0]}})"));
    } else {  // visible when a select is a or b
      rules.push_back(json::parse(head + R"("kind": "visible", "target": ")" + sec + R"(_f13", "logic": {"or": [{"==": [{"var": ")" +
                                  sec + R"(.f12"}, "a"]}, {"==": [{"var": ")" + sec + R"(.f12"}, "b"]}]}})"));
    }
    ++made;
  }
  out.definition = {
      {"formatVersion", 1}, {"id", "bench-big-form"}, {"version", 1}, {"title", text("基准测试大表单")},
      {"audience", "citizen"}, {"visits", 0},
      {"departments", {{{"id", "bench"}, {"name", text("基准测试")}}}},
      {"guide", {{"legalBasis", {text("无")}}, {"conditions", {text("无")}}, {"procedure", {{{"title", text("填写")}}}},
                 {"materials", json::array()}, {"acceptingDepartment", text("无")}, {"location", text("无")},
                 {"contact", {{"phone", "0000-12345"}}}, {"hours", text("无")}, {"timeLimit", {{"promisedDays", 1}}},
                 {"fees", json::array()}}},
      {"schema", {{"$schema", "https://json-schema.org/draft/2020-12/schema"}, {"type", "object"}, {"properties", props}}},
      {"layout", {{"pages", {{{"id", "page"}, {"title", text("页")}, {"sections", sections}}}}}},
      {"rules", rules}};
  out.data = data;
  out.fields = kSections * kPerSection + 20;
  out.rules = static_cast<int>(rules.size());
  return out;
}

}  // namespace wb::bench
