#include <doctest/doctest.h>

#include "core/common/json_parse.hpp"

using namespace wb;

TEST_CASE("valid JSON parses with no diagnostics") {
  auto r = parse_json(R"({"a": [1, 2, {"b": "中文"}]})");
  REQUIRE(r.ok());
  CHECK((*r.value)["a"][2]["b"] == "中文");
}

TEST_CASE("syntax errors give line and column in characters") {
  auto r = parse_json("{\n  \"名称\": 1,\n  \"b\": ,\n}");
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  const auto& d = r.diagnostics[0];
  CHECK(d.code == ErrorCode::JsonSyntax);
  CHECK(d.line == 3);
  CHECK(d.column == 8);
  CHECK(d.message(Lang::En).find("line 3, column 8") != std::string::npos);
}

TEST_CASE("column counts code points, not bytes") {
  auto r = parse_json("[\"中文\" x]");
  REQUIRE_FALSE(r.ok());
  CHECK(r.diagnostics[0].line == 1);
  CHECK(r.diagnostics[0].column == 7);
}

TEST_CASE("duplicate keys are reported with their pointer, at any depth") {
  auto r = parse_json(R"({"a": 1, "list": [{"x": 1}, {"x": 2, "x": 3}], "a": 2})");
  REQUIRE(r.value.has_value());
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].code == ErrorCode::JsonDuplicateKey);
  CHECK(r.diagnostics[0].pointer == "/list/1/x");
  CHECK(r.diagnostics[1].pointer == "/a");
  CHECK_FALSE(r.ok());
}

TEST_CASE("keys with / and ~ are escaped in pointers") {
  auto r = parse_json(R"({"a/b": {"~": 1, "~": 2}})");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].pointer == "/a~1b/~0");
}

TEST_CASE("nesting deeper than the limit is refused, not a stack overflow") {
  std::string deep(100000, '[');
  auto r = parse_json(deep);
  REQUIRE_FALSE(r.ok());
  CHECK((r.diagnostics[0].code == ErrorCode::JsonTooDeep || r.diagnostics[0].code == ErrorCode::JsonSyntax));
  std::string nested = std::string(200, '[') + std::string(200, ']');
  auto n = parse_json(nested);
  REQUIRE_FALSE(n.ok());
  CHECK(n.diagnostics[0].code == ErrorCode::JsonTooDeep);
  CHECK(parse_json(std::string(100, '[') + std::string(100, ']')).ok());
}

TEST_CASE("invalid UTF-8 inside strings is a syntax error") {
  auto r = parse_json("\"\xff\"");
  REQUIRE_FALSE(r.ok());
  CHECK(r.diagnostics[0].code == ErrorCode::JsonSyntax);
}

TEST_CASE("empty input and trailing garbage are errors") {
  CHECK_FALSE(parse_json("").ok());
  CHECK_FALSE(parse_json("{} x").ok());
}

TEST_CASE("numbers too large for a double are a syntax error, not an exception") {
  auto r = parse_json(R"({"+": 9999999999991e3089})");
  REQUIRE_FALSE(r.ok());
  CHECK(r.diagnostics[0].code == ErrorCode::JsonNumberTooLarge);
  CHECK(r.diagnostics[0].message(Lang::En) == "A number is too large to be represented");
}
