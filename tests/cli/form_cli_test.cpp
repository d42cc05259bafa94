#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"
#include "tests/support/test_files.hpp"

using wb::test::run_cli;

TEST_CASE("form check passes a clean definition with exit 0") {
  auto r = run_cli({"form", "check", wb::test::source_dir() + "/examples/catalog/low-rent-housing.json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("low-rent-housing v1") != std::string::npos);
}

TEST_CASE("form check reports every problem with its pointer and exits 1") {
  auto doc = nlohmann::json::parse(wb::test::read_file(wb::test::source_dir() + "/examples/catalog/low-rent-housing.json"));
  doc["guide"]["hourz"] = "typo";
  doc["layout"]["pages"][0]["sections"][0]["fields"][0]["bind"] = "/applicant/nmae";
  doc["title"].erase("zh-CN");
  std::string dir = wb::test::make_temp_dir();
  wb::test::write_file(dir + "/broken.json", doc.dump(2));
  auto r = run_cli({"--lang", "en", "form", "check", dir + "/broken.json"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("/guide/hourz: Unknown key \"hourz\"") != std::string::npos);
  CHECK(r.out.find("/layout/pages/0/sections/0/fields/0/bind") != std::string::npos);
  CHECK(r.out.find("/title/zh-CN") != std::string::npos);
  CHECK(r.out.find("3 problem(s)") != std::string::npos);

  auto json = run_cli({"--lang", "en", "form", "check", "--json", dir + "/broken.json"});
  CHECK(json.exit_code == 1);
  auto report = nlohmann::json::parse(json.out);
  REQUIRE(report.size() == 1);
  CHECK(report[0]["ok"] == false);
  CHECK(report[0]["errors"].size() == 3);
  CHECK(report[0]["errors"][0].contains("code"));
}

TEST_CASE("form check gives line and column for JSON syntax errors") {
  std::string dir = wb::test::make_temp_dir();
  wb::test::write_file(dir + "/syntax.json", "{\n  \"id\": \"x\",\n  \"version\": 1,,\n}");
  auto r = run_cli({"--lang", "en", "form", "check", dir + "/syntax.json"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("line 3, column 16") != std::string::npos);
}

TEST_CASE("form check on an unreadable file is a usage error (exit 2), without a stack trace") {
  auto r = run_cli({"--lang", "en", "form", "check", "/nonexistent/form.json"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("Cannot read \"/nonexistent/form.json\"") != std::string::npos);
  auto dir = run_cli({"form", "check", "/tmp"});
  CHECK(dir.exit_code == 2);
  auto none = run_cli({"form", "check"});
  CHECK(none.exit_code == 2);
}
