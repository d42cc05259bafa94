#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/form/form_loader.hpp"
#include "core/session/migration.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::session;

namespace {

json housing_v1() { return json::parse(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.json")); }

ModelPtr build(const json& doc) {
  auto loaded = form::load_form(doc);
  for (const auto& d : loaded.diagnostics) MESSAGE(format_diagnostic(d, Lang::En));
  REQUIRE(loaded.ok());
  auto m = FormModel::build(loaded.form);
  REQUIRE(m);
  return m;
}

}  // namespace

TEST_CASE("a draft moves to a new form version by field id, with a report of what was dropped and what is newly required") {
  json v1 = housing_v1();
  json v2 = v1;
  v2["version"] = 2;
  // v2 moves the applicant's mobile into a "contact" object, drops the postcode and asks for an e-mail address.
  auto& props = v2["schema"]["properties"];
  props["applicant"]["properties"].erase("mobile");
  props["applicant"]["properties"].erase("postcode");
  props["applicant"]["required"] = json::array({"name", "idNumber", "address", "maritalStatus", "yearsInCity"});
  props["contact"] = {{"type", "object"},
                      {"properties", {{"mobile", {{"type", "string"}, {"format", "cn-mobile"}}}, {"email", {{"type", "string"}, {"format", "email"}}}}},
                      {"required", {"mobile", "email"}}};
  auto& fields = v2["layout"]["pages"][0]["sections"][0]["fields"];
  json kept = json::array();
  for (auto& f : fields) {
    if (f["id"] == "applicantPostcode") continue;
    if (f["id"] == "applicantMobile") f["bind"] = "/contact/mobile";
    kept.push_back(f);
  }
  kept.push_back({{"id", "applicantEmail"}, {"bind", "/contact/email"}, {"widget", "email"}, {"label", {{"zh-CN", "电子邮箱"}}}});
  fields = kept;

  auto from = build(v1);
  auto to = build(v2);
  json data = json::parse(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.example.json"));
  data["applicant"]["postcode"] = "100000";
  auto report = migrate_draft(from, to, data, {logic::Date{2026, 11, 26}});

  CHECK(report.data["contact"]["mobile"] == data["applicant"]["mobile"]);
  CHECK_FALSE(report.data["applicant"].contains("mobile"));
  CHECK_FALSE(report.data["applicant"].contains("postcode"));
  CHECK(report.data["applicant"]["name"] == data["applicant"]["name"]);
  CHECK(report.data["household"] == data["household"]);  // rows keep their order
  CHECK(report.data["totalIncome"] == data["totalIncome"]);  // recomputed by v2's rules
  CHECK(report.dropped == std::vector<std::string>{"applicantPostcode"});
  CHECK(report.newly_required == std::vector<std::string>{"/contact/email"});
}

TEST_CASE("migrating to the same version changes nothing") {
  auto m = build(housing_v1());
  json data = json::parse(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.example.json"));
  auto report = migrate_draft(m, m, data, {logic::Date{2026, 11, 26}});
  CHECK(report.data == data);
  CHECK(report.dropped.empty());
  CHECK(report.newly_required.empty());
}
