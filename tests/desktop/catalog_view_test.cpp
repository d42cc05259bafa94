#include <doctest/doctest.h>

#include <algorithm>

#include "examples/desktop/model/catalog_view.hpp"
#include "native/platform/catalog_dir.hpp"
#include "tests/desktop/desktop_test_util.hpp"

using namespace wb;
using namespace wb::desktop;
using nlohmann::json;

namespace {

catalog::Catalog folder() {
  auto loaded = native::load_catalog_dir(test::sample_catalog());
  REQUIRE(loaded.failures.empty());
  return std::move(loaded.catalog);
}

std::vector<std::string> ids(const std::vector<form::FormPtr>& rows) {
  std::vector<std::string> out;
  for (const auto& f : rows) out.push_back(f->id);
  return out;
}

}  // namespace

TEST_CASE("the catalog screen filters by audience, visits, department and text") {
  CatalogView c;
  c.set_sources(folder(), {});
  const size_t all = c.size();
  CHECK(all == 27);
  CHECK(c.rows().size() == all);
  c.filter.audience = 1;
  auto people = c.rows();
  CHECK(people.size() == 13);
  CHECK(std::all_of(people.begin(), people.end(), [](const auto& f) { return f->audience != form::Audience::Enterprise; }));
  c.filter.audience = 2;
  CHECK(c.rows().size() == 14);
  c.filter.audience = 0;
  c.filter.query = "结婚";
  CHECK(ids(c.rows()) == std::vector<std::string>{"marriage-certificate-reissue", "marriage-registration-appointment"});
  c.filter.visits = 0;
  CHECK(c.rows().empty());  // both need one visit
  c.filter.visits = 1;
  CHECK(c.rows().size() == 2);
  c.filter.query = "补领";
  CHECK(ids(c.rows()) == std::vector<std::string>{"marriage-certificate-reissue"});
  c.filter = {};
  c.filter.department = "civilAffairs";
  auto civil = c.rows();
  CHECK(!civil.empty());
  CHECK(civil.size() < all);
  for (const auto& f : civil)
    CHECK(std::any_of(f->departments.begin(), f->departments.end(), [](const auto& d) { return d.id == "civilAffairs"; }));
}

TEST_CASE("departments are listed once each, with their names in the chosen language") {
  CatalogView c;
  c.set_sources(folder(), {});
  auto zh = c.departments(Lang::ZhCN);
  auto en = c.departments(Lang::En);
  REQUIRE(zh.size() == en.size());
  CHECK(std::adjacent_find(zh.begin(), zh.end(), [](const auto& a, const auto& b) { return a.first == b.first; }) == zh.end());
  auto civil = std::find_if(zh.begin(), zh.end(), [](const auto& d) { return d.first == "civilAffairs"; });
  REQUIRE(civil != zh.end());
  CHECK(civil->second == "市民政局");
  CHECK(std::find_if(en.begin(), en.end(), [](const auto& d) { return d.second == "Municipal Civil Affairs Bureau"; }) != en.end());
}

TEST_CASE("a definition the sync pulled wins over the folder's older version; one that does not load is left out") {
  auto base = folder();
  json newer = base.find("low-rent-housing")->source;
  newer["version"] = newer["version"].get<int>() + 1;
  newer["title"]["zh-CN"] = "廉租住房申请（新版）";
  json broken = {{"id", "broken-item"}, {"version", 1}};
  CatalogView c;
  c.set_sources(base, {newer, broken});
  CHECK(c.size() == 27);
  CHECK(c.find("low-rent-housing")->version == newer["version"]);
  CHECK(c.find("low-rent-housing")->title.zh == "廉租住房申请（新版）");
  CHECK(c.find("broken-item") == nullptr);
}

TEST_CASE("the guide lists its elements in reading order, in either language") {
  auto f = folder().find("marriage-certificate-reissue");
  auto zh = guide_blocks(*f, Lang::ZhCN);
  std::vector<std::string> titles;
  for (const auto& b : zh) titles.push_back(b.title);
  CHECK(titles == std::vector<std::string>{"受理条件", "办理流程", "申请材料", "受理部门", "办理地点", "咨询电话", "办理时间",
                                           "办理时限", "收费标准", "设定依据"});
  const auto& materials = zh[2].lines;
  REQUIRE(materials.size() == 4);
  CHECK(materials[2].find("双方近期半身免冠合影照片") == 0);
  CHECK(materials[2].find("必需") != std::string::npos);
  CHECK(materials[2].find("3 份") != std::string::npos);
  CHECK(materials[2].find("不超过 2.0 MB") != std::string::npos);
  CHECK(materials[0].find("可用电子证照") != std::string::npos);
  CHECK(zh[7].lines == std::vector<std::string>{"承诺 1 个工作日", "法定 20 个工作日"});
  CHECK(zh[8].lines.front() == "不收费");
  CHECK(zh[1].lines.front().rfind("1. ", 0) == 0);
  auto en = guide_blocks(*f, Lang::En);
  CHECK(en[0].title == "Conditions");
  CHECK(en[8].lines.front() == "Free of charge");
  CHECK(en[2].lines[2].find("required") != std::string::npos);
}

TEST_CASE("sizes read the way people say them") {
  CHECK(format_size(12) == "12 B");
  CHECK(format_size(300 * 1024) == "300 KB");
  CHECK(format_size(5 * 1024 * 1024) == "5.0 MB");
  CHECK(format_size(1536 * 1024) == "1.5 MB");
}
