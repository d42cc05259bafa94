#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/form/form_loader.hpp"
#include "core/session/draft.hpp"
#include "tests/core/session/session_forms.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::session;
using wb::test::model_of;
using wb::test::test_form;

namespace {

const FieldState* field(const DraftView& v, const std::string& location) {
  for (const auto& f : v.fields)
    if (f.location == location) return &f;
  return nullptr;
}

bool has_error(const DraftView& v, const std::string& location, ErrorCode code) {
  const FieldState* f = field(v, location);
  if (!f) return false;
  for (const auto& e : f->errors)
    if (e.code == code) return true;
  return false;
}

}  // namespace

TEST_CASE("an empty draft shows what is required, with citizen-grade messages") {
  Draft d(model_of(test_form()));
  auto v = d.view();
  CHECK_FALSE(v.complete());
  CHECK(has_error(v, "/name", ErrorCode::ValidateRequired));
  CHECK(has_error(v, "/tenure", ErrorCode::ValidateRequired));
  CHECK(field(v, "/name")->required);
  CHECK_FALSE(field(v, "/note")->required);
  CHECK(field(v, "/name")->errors[0].message(Lang::ZhCN) == "此项为必填项");
  CHECK(field(v, "/name")->errors[0].message(Lang::En) == "This field is required");
}

TEST_CASE("format errors and per-field message overrides") {
  Draft d(model_of(test_form()));
  d.set("/name", "张");
  d.set("/idNumber", "110105194912310021");  // wrong check character (…002X is right)
  auto v = d.view();
  REQUIRE(field(v, "/name")->errors.size() == 1);
  CHECK(field(v, "/name")->errors[0].message(Lang::ZhCN) == "姓名至少两个字");
  CHECK(field(v, "/name")->errors[0].message(Lang::En) == "A name has at least two characters");
  CHECK(has_error(v, "/idNumber", ErrorCode::ValidateFormatCnResidentId));
  CHECK(field(v, "/idNumber")->errors[0].message(Lang::ZhCN) == "请输入有效的18位居民身份证号码");
  d.set("/idNumber", "11010519491231002X");
  CHECK(field(d.view(), "/idNumber")->errors.empty());
}

TEST_CASE("hidden fields: not shown, not required, not submitted, not counted") {
  Draft d(model_of(test_form()));
  d.set("/name", "张三");
  d.set("/tenure", "renting");
  auto v = d.view();
  CHECK(field(v, "/rent")->visible);
  CHECK(field(v, "/rent")->required);
  CHECK(has_error(v, "/rent", ErrorCode::ValidateRequired));
  d.set("/rent", 800);
  CHECK(d.submission()["rent"] == 800);
  CHECK(d.submission()["total"] == 800);

  d.set("/tenure", "own");
  v = d.view();
  CHECK_FALSE(field(v, "/rent")->visible);
  CHECK(field(v, "/rent")->errors.empty());
  CHECK(d.data()["rent"] == 800);             // kept in the draft, in case it is shown again
  CHECK_FALSE(d.submission().contains("rent"));  // but never submitted
  CHECK(d.submission()["total"] == 0);          // and never counted
  d.set("/rent", -5);                           // even invalid, a hidden answer does not block
  CHECK(d.view().complete());

  d.set("/tenure", "renting");
  CHECK(d.submission()["rent"] == -5);
  CHECK(has_error(d.view(), "/rent", ErrorCode::ValidateMinimum));
}

TEST_CASE("computed values follow their inputs through repeat rows") {
  Draft d(model_of(test_form()));
  d.set("/name", "张三");
  d.set("/tenure", "renting");
  d.set("/rent", 100);
  size_t r0 = d.add_row("/rows", {{"qty", 2}, {"price", 10}});
  size_t r1 = d.add_row("/rows", {{"qty", 1}, {"price", 5.5}});
  CHECK(r0 == 0);
  CHECK(r1 == 1);
  CHECK(d.data()["rows"][0]["sub"] == 20);
  CHECK(d.data()["rows"][1]["sub"] == 5.5);
  CHECK(d.data()["total"] == 125.5);
  d.set("/rows/1/qty", 3);
  CHECK(d.data()["rows"][1]["sub"] == 16.5);
  CHECK(d.data()["total"] == 136.5);
  d.move_row("/rows", 1, 0);
  CHECK(d.data()["rows"][0]["sub"] == 16.5);
  d.remove_row("/rows", 0);
  CHECK(d.data()["rows"].size() == 1);
  CHECK(d.data()["total"] == 120);
  CHECK(d.view().complete());
  auto v = d.view();
  CHECK(field(v, "/rows/0/sub")->read_only);
  CHECK(field(v, "/total")->read_only);
}

TEST_CASE("computed fields cannot be typed into; bad locations are refused and change nothing") {
  Draft d(model_of(test_form()));
  d.add_row("/rows", {{"qty", 1}, {"price", 1}});
  d.set("/name", "张三");
  json before = d.data();
  CHECK_THROWS_AS(d.set("/total", 5), Error);
  try {
    d.set("/rows/0/sub", 5);
    FAIL("a computed field accepted a value");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::FillReadOnly);
  }
  CHECK_THROWS_AS(d.set("name", "x"), Error);          // not a pointer
  CHECK_THROWS_AS(d.set("/rows/7/qty", 1), Error);     // no such row
  CHECK_THROWS_AS(d.set("/name/first", "x"), Error);   // "/name" is a string, not an object
  CHECK_THROWS_AS(d.remove_row("/rows", 3), Error);
  CHECK_THROWS_AS(d.set("", json::object()), Error);
  CHECK(d.data() == before);
}

TEST_CASE("row-level rules and row limits") {
  Draft d(model_of(test_form()));
  d.set("/name", "张三");
  d.set("/tenure", "own");
  d.add_row("/rows", {{"qty", 1}});
  d.add_row("/rows", {{"price", 2}});
  auto v = d.view();
  CHECK(has_error(v, "/rows/1/qty", ErrorCode::ValidateRequired));
  const SectionState* rows = nullptr;
  for (const auto& s : v.sections)
    if (s.section->id == "s2") rows = &s;
  REQUIRE(rows);
  CHECK(rows->rows == 2);
  CHECK(rows->max_rows == 1);
  REQUIRE(rows->errors.size() == 1);
  CHECK(rows->errors[0].code == ErrorCode::FillTooManyRows);
  CHECK(rows->errors[0].message(Lang::En) == "Please add no more than 1 row(s)");
}

TEST_CASE("assert rules show their message on the field, once it has an answer; and on sections") {
  Draft d(model_of(test_form()));
  CHECK_FALSE(has_error(d.view(), "/years", ErrorCode::FillAssert));  // empty: not checked yet
  d.set("/years", 2);
  auto v = d.view();
  REQUIRE(has_error(v, "/years", ErrorCode::FillAssert));
  CHECK(field(v, "/years")->errors[0].message(Lang::ZhCN) == "须居住满3年");
  CHECK(field(v, "/years")->errors[0].message(Lang::En) == "At least 3 years");
  d.set("/years", 3);
  CHECK_FALSE(has_error(d.view(), "/years", ErrorCode::FillAssert));
  for (int i = 0; i < 4; ++i) d.add_row("/rows", {{"qty", 1}});
  bool shown = false;
  for (const auto& s : d.view().sections)
    for (const auto& e : s.errors) shown = shown || (s.section->id == "s2" && e.message(Lang::En) == "At most 3 rows");
  CHECK(shown);
}

TEST_CASE("a hidden section hides its computed field and removes it from the submission") {
  Draft d(model_of(test_form()));
  d.set("/name", "hide");
  auto v = d.view();
  CHECK_FALSE(field(v, "/total")->visible);
  CHECK_FALSE(d.submission().contains("total"));
  for (const auto& s : v.sections)
    if (s.section->id == "s3") CHECK_FALSE(s.visible);
}

TEST_CASE("opening saved data recomputes everything (a stale computed value is corrected)") {
  json saved = {{"name", "张三"}, {"tenure", "own"}, {"rows", {{{"qty", 2}, {"price", 3}, {"sub", 999}}}}, {"total", 1}};
  Draft d(model_of(test_form()), saved);
  CHECK(d.data()["rows"][0]["sub"] == 6);
  CHECK(d.data()["total"] == 6);
  CHECK(d.view().complete());
}

TEST_CASE("last_changes names what an edit touched, cascades included") {
  Draft d(model_of(test_form()));
  d.add_row("/rows", {{"qty", 1}, {"price", 1}});
  d.set("/rows/0/qty", 4);
  const auto& ch = d.last_changes();
  auto has = [&](const std::string& p) { return std::find(ch.begin(), ch.end(), p) != ch.end(); };
  CHECK(has("/rows/0/qty"));
  CHECK(has("/rows/0/sub"));
  CHECK(has("/total"));
  CHECK_FALSE(has("/name"));
}

namespace {

// Sections bound to objects: "husband" required by the root (its name required, its mobile not), "guarantor"
// optional (its name required once it exists), "husband/address" required inside the required husband.
json sectioned_form() {
  json f = test_form();
  f["schema"] = json::parse(R"JSON({
    "type": "object",
    "properties": {
      "husband": {"type": "object", "properties": {
        "name": {"type": "string"}, "mobile": {"type": "string"},
        "address": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
        "required": ["name", "address"]},
      "guarantor": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
    },
    "required": ["husband"]})JSON");
  f["layout"] = json::parse(R"JSON({"pages": [{"id": "p1", "title": {"zh-CN": "页"}, "sections": [
    {"id": "sHusband", "title": {"zh-CN": "男方"}, "fields": [
      {"id": "hName", "bind": "/husband/name", "widget": "text", "label": {"zh-CN": "姓名"}},
      {"id": "hMobile", "bind": "/husband/mobile", "widget": "text", "label": {"zh-CN": "手机"}},
      {"id": "hCity", "bind": "/husband/address/city", "widget": "text", "label": {"zh-CN": "城市"}}]},
    {"id": "sGuarantor", "title": {"zh-CN": "担保人"}, "fields": [
      {"id": "gName", "bind": "/guarantor/name", "widget": "text", "label": {"zh-CN": "姓名"}}]}]}]})JSON");
  f["rules"] = json::array();
  return f;
}

}  // namespace

TEST_CASE("a required section's fields get their own errors, not one error on the section's missing object") {
  auto model = model_of(sectioned_form());
  CHECK(model->required_containers() == std::vector<Path>{{"husband"}, {"husband", "address"}});
  Draft d(model);
  auto v = d.view();
  CHECK(has_error(v, "/husband/name", ErrorCode::ValidateRequired));
  CHECK(has_error(v, "/husband/address/city", ErrorCode::ValidateRequired));
  CHECK_FALSE(has_error(v, "/husband/mobile", ErrorCode::ValidateRequired));
  for (const auto& e : d.errors()) CHECK_MESSAGE(e.location != "/husband", "no error left on the section itself");
  CHECK(v.form_errors.empty());
  // The optional section stays absent, so it blocks nothing until something in it is filled in.
  CHECK_FALSE(d.data().contains("guarantor"));
  CHECK_FALSE(has_error(v, "/guarantor/name", ErrorCode::ValidateRequired));

  d.set("/husband/name", "张三");
  d.set("/husband/address/city", "福州");
  CHECK(d.errors().empty());
  d.set("/guarantor/name", "李四");  // once the optional section exists, its own rules apply
  d.clear("/guarantor/name");
  CHECK(d.data()["guarantor"] == json::object());
  CHECK(has_error(d.view(), "/guarantor/name", ErrorCode::ValidateRequired));
}

TEST_CASE("saved data keeps what it has: a container that is not an object is left alone and reported") {
  Draft d(model_of(sectioned_form()), json{{"husband", "not an object"}});
  CHECK(d.data()["husband"] == "not an object");
  bool reported = false;
  for (const auto& e : d.errors()) reported = reported || e.location == "/husband";
  CHECK(reported);
}
