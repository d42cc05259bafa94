// Compiling rules: precise errors for malformed rules, the paths a rule reads, operator names.

#include <doctest/doctest.h>

#include "core/logic/operator_names.hpp"
#include "tests/core/logic/logic_test_util.hpp"

using nlohmann::json;
using wb::ErrorCode;
using wb::test::compile_error;

TEST_CASE("logic compile: an unknown operator is reported at its pointer") {
  auto d = compile_error(R"({"and": [true, {"if": [{"var": "a"}, {"frobnicate": [1]}]}]})");
  CHECK(d.code == ErrorCode::LogicUnknownOperator);
  CHECK(d.pointer == "/and/1/if/1/frobnicate");
  CHECK(d.arg("op") == "frobnicate");
  CHECK(d.message(wb::Lang::En) == "Unknown operation \"frobnicate\"");
  CHECK(d.message(wb::Lang::ZhCN) == "未知的运算“frobnicate”");
}

TEST_CASE("logic compile: wrong arity where the operation needs it") {
  auto d = compile_error(R"({"if": [{"==": [1]}, 1]})");
  CHECK(d.code == ErrorCode::LogicArity);
  CHECK(d.pointer == "/if/0/==");
  CHECK(d.message(wb::Lang::En) == "The operation \"==\" takes 2 argument(s), found 1");
  CHECK(d.message(wb::Lang::ZhCN) == "运算“==”需要 2 个参数，实际为 1 个");
  CHECK(compile_error(R"({"*": []})").code == ErrorCode::LogicArity);
  CHECK(compile_error(R"({"missing_some": [1]})").code == ErrorCode::LogicArity);
  CHECK(compile_error(R"({"map": [[1]]})").code == ErrorCode::LogicArity);
  CHECK(compile_error(R"({"today": [1]})").code == ErrorCode::LogicArity);
  auto between = compile_error(R"({"<": [1, 2, 3, 4]})");
  CHECK(between.message(wb::Lang::En) == "The operation \"<\" takes 2 to 3 argument(s), found 4");
  CHECK(between.message(wb::Lang::ZhCN) == "运算“<”需要 2 至 3 个参数，实际为 4 个");
  CHECK(compile_error(R"({"and": []})").message(wb::Lang::En) ==
        "The operation \"and\" takes at least 1 argument(s), found 0");
  // A single non-array argument counts as one.
  CHECK(compile_error(R"({"substr": "abc", "x": 1})").code == ErrorCode::LogicBadShape);
  CHECK(wb::logic::compile(json::parse(R"({"!": true})")).has_value());
}

TEST_CASE("logic compile: an operation is an object with exactly one key") {
  auto d = compile_error(R"({"or": [{"var": "a", "==": [1, 2]}]})");
  CHECK(d.code == ErrorCode::LogicBadShape);
  CHECK(d.pointer == "/or/0");
  CHECK(d.message(wb::Lang::En).find("exactly one key") != std::string::npos);
  // The empty object is a literal, as in json-logic-js.
  CHECK(wb::test::same_json(wb::test::run("{}"), json::object()));
}

TEST_CASE("logic compile: nesting is bounded") {
  std::string deep;
  for (int i = 0; i < 150; ++i) deep += R"({"!": )";
  deep += "true";
  for (int i = 0; i < 150; ++i) deep += "}";
  auto d = compile_error(deep.c_str());
  CHECK(d.code == ErrorCode::LogicTooDeep);
  CHECK(d.arg("limit") == "100");
  std::string arrays(500, '[');
  arrays += std::string(500, ']');
  CHECK(compile_error(arrays.c_str()).code == ErrorCode::LogicTooDeep);
  std::string ok;
  for (int i = 0; i < 100; ++i) ok += R"({"!": )";
  ok += "true";
  for (int i = 0; i < 100; ++i) ok += "}";
  CHECK(wb::logic::compile(json::parse(ok)).has_value());
}

TEST_CASE("logic compile: the error argument is optional") {
  CHECK_FALSE(wb::logic::compile(json::parse(R"({"nope": 1})")).has_value());
}

TEST_CASE("logic compile: the literal paths a rule reads") {
  auto rule = wb::logic::compile(json::parse(R"({"and": [
      {"var": "applicant.age"},
      {"var": ["household.0.name", "x"]},
      {"missing": ["a", "b.c"]},
      {"missing_some": [1, ["p", "q"]]},
      {"some": [{"var": "household"}, {"==": [{"var": "relation"}, "spouse"]}]},
      {"reduce": [{"var": "rows"}, {"+": [{"var": "accumulator"}, {"var": "current.x"}]}, {"var": "start"}]},
      {"var": "$row.income"},
      {"var": ""}
    ]})"));
  REQUIRE(rule);
  std::vector<wb::logic::VarRead> expected{
      {"applicant.age", "/and/0/var", false},
      {"household.0.name", "/and/1/var/0", false},
      {"a", "/and/2/missing/0", false},
      {"b.c", "/and/2/missing/1", false},
      {"p", "/and/3/missing_some/1/0", false},
      {"q", "/and/3/missing_some/1/1", false},
      {"household", "/and/4/some/0/var", false},
      {"relation", "/and/4/some/1/==/0/var", true},
      {"rows", "/and/5/reduce/0/var", false},
      {"accumulator", "/and/5/reduce/1/+/0/var", true},
      {"current.x", "/and/5/reduce/1/+/1/var", true},
      {"start", "/and/5/reduce/2/var", false},
      {"$row.income", "/and/6/var", false},
      {"", "/and/7/var", false},
  };
  CHECK(rule->reads() == expected);
  CHECK_FALSE(rule->reads_computed_paths());
  CHECK_FALSE(rule->uses_today());

  auto computed = wb::logic::compile(json::parse(R"({"var": {"cat": ["a", {"var": "k"}]}})"));
  REQUIRE(computed);
  CHECK(computed->reads_computed_paths());
  CHECK(computed->reads().size() == 1);  // "k"
  auto merged = wb::logic::compile(json::parse(R"({"missing": {"merge": ["vin", {"if": [{"var": "f"}, ["apr"], []]}]}})"));
  REQUIRE(merged);
  CHECK(merged->reads_computed_paths());

  CHECK(wb::logic::compile(json::parse(R"({"age": [{"var": "b"}]})"))->uses_today());
  CHECK_FALSE(wb::logic::compile(json::parse(R"({"age": [{"var": "b"}, "2020-01-01"]})"))->uses_today());
  CHECK(wb::logic::compile(json::parse(R"({"today": []})"))->uses_today());
}

TEST_CASE("logic compile: operator_names lists exactly the implemented operations") {
  const char* names[] = {"var", "missing", "missing_some", "if", "?:", "==", "===", "!=", "!==", "!", "!!", "or",
                         "and", ">", ">=", "<", "<=", "max", "min", "+", "-", "*", "/", "%", "map", "filter",
                         "reduce", "all", "none", "some", "merge", "in", "cat", "substr", "log", "age",
                         "days_between", "sum", "count", "round", "birthdate_from_id", "today"};
  for (const char* n : names) CHECK_MESSAGE(wb::logic::is_known_operator(n), n);
  CHECK_FALSE(wb::logic::is_known_operator("method"));
  CHECK_FALSE(wb::logic::is_known_operator("Math.abs"));
  CHECK(wb::logic::is_scoped_operator("map"));
  CHECK(wb::logic::is_scoped_operator("reduce"));
  CHECK_FALSE(wb::logic::is_scoped_operator("sum"));
}

TEST_CASE("logic compile: any JSON compiles or fails cleanly, and compiled rules are reusable") {
  for (const char* text : {"null", "1", "\"s\"", "[]", "{}", R"({"var": [[], {}]})", R"([{"var": "a"}, 2])"}) {
    auto rule = wb::logic::compile(json::parse(text));
    CHECK_MESSAGE(rule.has_value(), text);
  }
  auto rule = wb::logic::compile(json::parse(R"({"+": [{"var": "a"}, 1]})"));
  REQUIRE(rule);
  auto copy = *rule;
  for (int i = 0; i < 5; ++i) CHECK(wb::logic::evaluate(copy, json{{"a", i}}) == i + 1);
}
