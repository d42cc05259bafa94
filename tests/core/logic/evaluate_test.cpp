// Evaluation: the context ($row, $index, today, log), JSON mapping of JavaScript values, work limits.

#include <doctest/doctest.h>

#include "tests/core/logic/logic_test_util.hpp"

using nlohmann::json;
using wb::test::run;
using wb::test::same_json;

TEST_CASE("logic: $row and $index read the current repeat-group row") {
  json data = json::parse(R"({"household": [{"income": 100}, {"income": 250}], "limit": 200})");
  wb::logic::EvalContext ctx;
  ctx.row = &data["household"][1];
  ctx.index = 1;
  CHECK(run(R"({">": [{"var": "$row.income"}, {"var": "limit"}]})", data.dump().c_str(), ctx) == true);
  CHECK(run(R"({"var": "$index"})", "{}", ctx) == 1);
  CHECK(run(R"({"var": "$row"})", "{}", ctx) == json{{"income", 250}});
  CHECK(run(R"({"missing": ["$row.income", "$row.name"]})", "{}", ctx) == json{"$row.name"});
  // Inside map, $row still names the context row, while plain paths name the element.
  CHECK(run(R"({"map": [[1, 2], {"+": [{"var": ""}, {"var": "$row.income"}]}]})", "{}", ctx) == json{251, 252});
  // Without a row, "$row" is an ordinary key.
  CHECK(run(R"({"var": "$row.a"})", R"({"$row": {"a": 5}})") == 5);
  CHECK(run(R"({"var": "$index"})", "{}").is_null());
}

TEST_CASE("logic: today comes from the host, and log goes to its sink") {
  CHECK(run(R"({"today": []})", "null", wb::test::context_on("2026-11-26")) == "2026-11-26");
  CHECK(run(R"({"today": []})").is_null());
  std::vector<json> logged;
  wb::logic::EvalContext ctx;
  ctx.log = [&logged](const json& v) { logged.push_back(v); };
  CHECK(run(R"({"+": [{"log": {"var": "a"}}, {"log": {"/": [1, 0]}}]})", R"({"a": 2})", ctx).is_null());
  CHECK(logged == std::vector<json>{2, nullptr});
  CHECK(run(R"({"log": "silent"})") == "silent");  // no sink: no output, the value passes through
}

TEST_CASE("logic: JavaScript values JSON cannot hold are mapped") {
  CHECK(run(R"({"/": [1, 0]})").is_null());                    // Infinity
  CHECK(run(R"({"-": ["x"]})").is_null());                    // NaN
  CHECK(run(R"({"map": [[0, 1], {"/": [1, {"var": ""}]}]})") == json{nullptr, 1});
  json neg_zero = run(R"({"*": [-1, 0]})");
  CHECK(neg_zero.is_number_integer());
  CHECK(neg_zero == 0);
  CHECK(run(R"({"/": [4, 2]})").is_number_integer());         // 2, not 2.0
  CHECK(run(R"({"var": "x"})", R"({"x": 3.0})").is_number_integer());
  CHECK(run(R"({"/": [1, 4]})").is_number_float());
  CHECK(run(R"({"and": [{"var": "a"}]})", "{}").is_null());
}

TEST_CASE("logic: runaway rules stop at the work limit") {
  // Doubling an array 40 times would need 2^40 elements.
  const char* bomb = R"({"reduce": [[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],
      {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [1]]})";
  auto rule = wb::logic::compile(json::parse(bomb));
  REQUIRE(rule);
  wb::Diagnostic error;
  wb::logic::EvalContext ctx;
  ctx.max_work = 1'000'000;
  CHECK(wb::logic::evaluate(*rule, nullptr, ctx, &error).is_null());
  CHECK(error.code == wb::ErrorCode::LogicWorkLimit);
  CHECK(error.arg("limit") == "1000000");
  // Strings too.
  auto cat = wb::logic::compile(json::parse(R"({"reduce": [[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],
      {"cat": [{"var": "accumulator"}, {"var": "accumulator"}]}, "ab"]})"));
  REQUIRE(cat);
  CHECK(wb::logic::evaluate(*cat, nullptr, ctx, &error).is_null());
  CHECK(error.code == wb::ErrorCode::LogicWorkLimit);
  // A normal rule leaves the error cleared.
  auto fine = wb::logic::compile(json::parse(R"({"sum": [{"var": "rows"}, "x"]})"));
  json rows = json::array();
  for (int i = 0; i < 1000; ++i) rows.push_back({{"x", i}});
  CHECK(wb::logic::evaluate(*fine, json{{"rows", rows}}, ctx, &error) == 499500);
  CHECK(error.code == wb::ErrorCode::Ok);
}

TEST_CASE("logic: identity semantics of arrays and objects follow JavaScript") {
  json data = json::parse(R"({"a": [1], "b": [1], "o": {"k": 1}})");
  CHECK(run(R"({"==": [{"var": "a"}, {"var": "a"}]})", data.dump().c_str()) == true);
  CHECK(run(R"({"==": [{"var": "a"}, {"var": "b"}]})", data.dump().c_str()) == false);
  CHECK(run(R"({"in": [{"var": "o"}, [{"var": "o"}]]})", data.dump().c_str()) == false);  // a fresh array of a copy
  CHECK(run(R"({"===": [{"var": "o"}, {"var": "o"}]})", data.dump().c_str()) == true);
  CHECK(run(R"({"==": [{"var": "a"}, 1]})", data.dump().c_str()) == true);
}

TEST_CASE("logic: strings count UTF-16 code units like JavaScript") {
  // 𠮷 (U+20BB7) is two code units.
  CHECK(run(R"({"var": "s.length"})", R"({"s": "𠮷a"})") == 3);
  CHECK(run(R"({"substr": ["𠮷a", 2]})") == "a");
  CHECK(run(R"({"substr": ["𠮷a", 0, 2]})") == "𠮷");
  CHECK(run(R"({"substr": ["𠮷a", 1]})") == "\xEF\xBF\xBD" "a");  // half a pair: U+FFFD
  CHECK(run(R"({"substr": ["张三丰", -1]})") == "丰");
  CHECK(run(R"({"cat": ["a", "　"]})") == "a　");
  CHECK(run(R"({"==": ["　12　", 12]})") == true);  // the ideographic space is white space for ToNumber
}
