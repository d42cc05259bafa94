#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/catalog/catalog.hpp"
#include "core/form/form_loader.hpp"
#include "tests/support/test_files.hpp"

using namespace wb;

namespace {

form::FormPtr sample(const std::string& id, int version, const std::string& audience, int visits,
                     const std::string& title_zh, const std::string& dept) {
  auto doc = nlohmann::json::parse(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.json"));
  doc["id"] = id;
  doc["version"] = version;
  doc["audience"] = audience;
  doc["visits"] = visits;
  doc["title"] = {{"zh-CN", title_zh}, {"en", "Item " + id}};
  doc["departments"] = nlohmann::json::array({{{"id", dept}, {"name", {{"zh-CN", dept + "局"}}}}});
  doc["keywords"] = nlohmann::json::array({"kw-" + id});
  auto r = form::load_form(doc);
  REQUIRE(r.ok());
  return r.form;
}

}  // namespace

TEST_CASE("the catalog keeps the newest version of each item, sorted by id") {
  catalog::Catalog c;
  c.add(sample("b-item", 1, "citizen", 0, "乙", "tax"));
  c.add(sample("a-item", 2, "enterprise", 1, "甲", "market"));
  c.add(sample("b-item", 3, "citizen", 0, "乙三", "tax"));
  c.add(sample("b-item", 2, "citizen", 0, "乙二", "tax"));
  REQUIRE(c.items().size() == 2);
  CHECK(c.items()[0]->id == "a-item");
  CHECK(c.find("b-item")->version == 3);
  CHECK(c.find("nope") == nullptr);
}

TEST_CASE("catalog filters by audience, visits, department and text") {
  catalog::Catalog c;
  c.add(sample("marriage", 1, "citizen", 1, "婚姻登记预约", "civil"));
  c.add(sample("annual-report", 1, "enterprise", 0, "企业年报", "market"));
  c.add(sample("both-item", 1, "both", 2, "两者皆可", "tax"));
  auto ids = [&](const catalog::Filter& f) {
    std::vector<std::string> out;
    for (const auto& x : c.list(f)) out.push_back(x->id);
    return out;
  };
  catalog::Filter f;
  CHECK(ids(f).size() == 3);
  f.audience = form::Audience::Citizen;
  CHECK(ids(f) == std::vector<std::string>{"both-item", "marriage"});
  f = {};
  f.audience = form::Audience::Enterprise;
  CHECK(ids(f) == std::vector<std::string>{"annual-report", "both-item"});
  f = {};
  f.visits = 0;
  CHECK(ids(f) == std::vector<std::string>{"annual-report"});
  f = {};
  f.department = "MARKET";
  CHECK(ids(f) == std::vector<std::string>{"annual-report"});
  f = {};
  f.department = "civil局";
  CHECK(ids(f) == std::vector<std::string>{"marriage"});
  f = {};
  f.query = "婚姻";
  CHECK(ids(f) == std::vector<std::string>{"marriage"});
  f.query = "zzz-nothing";
  CHECK(ids(f).empty());
  f.query = "KW-ANNUAL";
  CHECK(ids(f) == std::vector<std::string>{"annual-report"});
}
