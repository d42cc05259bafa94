#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"
#include "tests/support/test_files.hpp"

using wb::test::run_cli;

namespace {
std::string sample_catalog() { return wb::test::source_dir() + "/examples/catalog"; }
}  // namespace

TEST_CASE("catalog list shows the sample catalog in zh-CN by default") {
  auto r = run_cli({"--catalog", sample_catalog(), "catalog", "list"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("low-rent-housing") != std::string::npos);
  CHECK(r.out.find("廉租住房保障申请") != std::string::npos);
  CHECK(r.out.find("示例数据") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("catalog list filters by audience, visits and department, and prints JSON") {
  auto all = run_cli({"--catalog", sample_catalog(), "catalog", "list", "--json"});
  REQUIRE(all.exit_code == 0);
  auto items = nlohmann::json::parse(all.out);
  REQUIRE(items.is_array());
  REQUIRE(items.size() >= 1);

  auto ent = nlohmann::json::parse(run_cli({"--catalog", sample_catalog(), "catalog", "list", "--audience", "enterprise", "--json"}).out);
  for (const auto& it : ent) CHECK(it["audience"] != "citizen");
  auto cit = nlohmann::json::parse(run_cli({"--catalog", sample_catalog(), "catalog", "list", "--audience", "citizen", "--json"}).out);
  for (const auto& it : cit) CHECK(it["audience"] != "enterprise");
  CHECK(ent.size() + cit.size() >= items.size());

  for (int v = 0; v <= 2; ++v) {
    auto list = nlohmann::json::parse(
        run_cli({"--catalog", sample_catalog(), "catalog", "list", "--visits", std::to_string(v), "--json"}).out);
    for (const auto& it : list) CHECK(it["visits"] == v);
  }
  auto housing = nlohmann::json::parse(
      run_cli({"--catalog", sample_catalog(), "catalog", "list", "--department", "housingBureau", "--json"}).out);
  bool found = false;
  for (const auto& it : housing) found = found || it["id"] == "low-rent-housing";
  CHECK(found);
}

TEST_CASE("catalog show prints all ten guide elements, in zh-CN and in English") {
  auto zh = run_cli({"--catalog", sample_catalog(), "catalog", "show", "low-rent-housing"});
  CHECK(zh.exit_code == 0);
  for (const char* heading : {"设定依据", "受理条件", "办理流程", "申请材料", "受理部门", "办理地点", "咨询方式", "办理时间",
                              "办理时限", "收费标准"})
    CHECK_MESSAGE(zh.out.find(heading) != std::string::npos, heading);
  auto en = run_cli({"--lang", "en", "--catalog", sample_catalog(), "catalog", "show", "low-rent-housing"});
  CHECK(en.exit_code == 0);
  for (const char* heading : {"Legal basis", "Conditions", "Procedure", "Required materials", "Accepting department",
                              "Location", "Contact", "Hours", "Time limit", "Fees"})
    CHECK_MESSAGE(en.out.find(heading) != std::string::npos, heading);
  CHECK(en.out.find("Low-rent housing application") != std::string::npos);
}

TEST_CASE("catalog show of an unknown item is a clear error") {
  auto r = run_cli({"--lang", "en", "--catalog", sample_catalog(), "catalog", "show", "no-such-item"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Not found: no-such-item") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("a broken definition in the catalog folder is skipped with a warning, the rest still lists") {
  std::string dir = wb::test::make_temp_dir();
  wb::test::write_file(dir + "/good.json", wb::test::read_file(sample_catalog() + "/low-rent-housing.json"));
  wb::test::write_file(dir + "/bad.json", "{\"formatVersion\": 1,");
  wb::test::write_file(dir + "/good.example.json", "{}");
  auto r = run_cli({"--lang", "en", "--catalog", dir, "catalog", "list"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("low-rent-housing") != std::string::npos);
  CHECK(r.err.find("bad.json") != std::string::npos);
  CHECK(r.err.find("good.example.json") == std::string::npos);
}

TEST_CASE("usage errors exit 2 with a message, help exits 0") {
  auto none = run_cli({});
  CHECK(none.exit_code == 2);
  CHECK_FALSE(none.err.empty());
  auto bad_visits = run_cli({"catalog", "list", "--visits", "5"});
  CHECK(bad_visits.exit_code == 2);
  auto unknown = run_cli({"catalog", "frobnicate"});
  CHECK(unknown.exit_code == 2);
  auto help = run_cli({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("catalog") != std::string::npos);
  auto sub_help = run_cli({"catalog", "list", "--help"});
  CHECK(sub_help.exit_code == 0);
  CHECK(sub_help.out.find("--audience") != std::string::npos);
  auto missing_dir = run_cli({"--catalog", "/nonexistent/dir", "catalog", "list"});
  CHECK(missing_dir.exit_code == 2);
}
