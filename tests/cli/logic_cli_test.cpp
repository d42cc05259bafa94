// `wangban logic --rule R.json --data D.json [--today YYYY-MM-DD]`.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"

using wb::test::run_cli;

namespace {

struct Files {
  std::string dir = wb::test::make_temp_dir();
  std::string put(const std::string& name, const std::string& content) {
    std::string path = dir + "/" + name;
    wb::test::write_file(path, content);
    return path;
  }
};

}  // namespace

TEST_CASE("logic prints the result as JSON") {
  Files f;
  auto rule = f.put("rule.json", R"({"if": [{">=": [{"age": [{"var": "birthDate"}]}, 18]}, "成年", "未成年"]})");
  auto data = f.put("data.json", R"({"birthDate": "2008-11-26"})");
  auto r = run_cli({"logic", "--rule", rule, "--data", data, "--today", "2026-11-26"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "\"成年\"\n");
  auto younger = run_cli({"logic", "--rule", rule, "--data", data, "--today", "2026-11-25"});
  CHECK(younger.out == "\"未成年\"\n");

  auto sum = f.put("sum.json", R"({"map": [{"var": "rows"}, {"*": [{"var": "x"}, 1.5]}]})");
  auto rows = f.put("rows.json", R"({"rows": [{"x": 2}, {"x": 1}, {"x": "a"}]})");
  auto r2 = run_cli({"logic", "--rule", sum, "--data", rows});
  CHECK(r2.exit_code == 0);
  CHECK(r2.out == "[3,1.5,null]\n");
  // Without --data the data is null.
  auto r3 = run_cli({"logic", "--rule", f.put("lit.json", R"({"cat": ["a", 1.0, {"var": "x"}]})")});
  CHECK(r3.exit_code == 0);
  CHECK(r3.out == "\"a1\"\n");
}

TEST_CASE("logic sends log values to stderr") {
  Files f;
  auto r = run_cli({"logic", "--rule", f.put("r.json", R"({"log": {"+": [1, 2]}})")});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "3\n");
  CHECK(r.err == "log: 3\n");
}

TEST_CASE("logic: a rule that does not compile exits 2 with where and why") {
  Files f;
  auto rule = f.put("bad.json", R"({"and": [true, {"frobnicate": 1}]})");
  auto r = run_cli({"--lang", "en", "logic", "--rule", rule});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("bad.json: /and/1/frobnicate: Unknown operation \"frobnicate\" [logic.unknown_operator]") !=
        std::string::npos);
  auto zh = run_cli({"logic", "--rule", f.put("arity.json", R"({"==": [1]})")});
  CHECK(zh.exit_code == 2);
  CHECK(zh.err.find("/==: 运算“==”需要 2 个参数，实际为 1 个 [logic.arity]") != std::string::npos);
}

TEST_CASE("logic: unreadable or malformed files and bad dates exit 2") {
  Files f;
  auto rule = f.put("ok.json", R"({"var": "a"})");
  CHECK(run_cli({"logic", "--rule", f.dir + "/missing.json"}).exit_code == 2);
  CHECK(run_cli({"logic", "--rule", rule, "--data", f.dir + "/missing.json"}).exit_code == 2);
  auto syntax = run_cli({"--lang", "en", "logic", "--rule", f.put("syntax.json", "{\"var\": ")});
  CHECK(syntax.exit_code == 2);
  CHECK(syntax.err.find("line 1") != std::string::npos);
  CHECK(run_cli({"logic", "--rule", rule, "--data", f.put("dup.json", R"({"a": 1, "a": 2})")}).exit_code == 2);
  CHECK(run_cli({"logic", "--rule", rule, "--today", "2026-02-30"}).exit_code == 2);
  CHECK(run_cli({"logic"}).exit_code == 2);
}
