// The JsonLogic project's shared tests (json-logic-js tests/tests.json, ../shared/testdata/jsonlogic): every case
// must give exactly the expected value (strict equality; numbers by value).

#include <doctest/doctest.h>

#include "tests/core/logic/logic_test_util.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;

TEST_CASE("logic: the shared JsonLogic conformance tests all pass") {
  json cases = json::parse(wb::test::read_file(wb::test::shared_dir() + "/testdata/jsonlogic/tests.json"));
  REQUIRE(cases.is_array());
  int total = 0, passed = 0;
  std::string section;
  for (const auto& c : cases) {
    if (c.is_string()) {
      section = c.get<std::string>();
      continue;
    }
    REQUIRE(c.is_array());
    REQUIRE(c.size() == 3);
    ++total;
    wb::Diagnostic error;
    auto rule = wb::logic::compile(c[0], &error);
    INFO(section, ": ", c[0].dump(), " with ", c[1].dump());
    if (!rule) {
      FAIL_CHECK("does not compile: " << error.pointer << " " << error.message(wb::Lang::En));
      continue;
    }
    json got = wb::logic::evaluate(*rule, c[1]);
    CHECK_MESSAGE(wb::test::same_json(got, c[2]), "expected ", c[2].dump(), ", got ", got.dump());
    if (wb::test::same_json(got, c[2])) ++passed;
  }
  MESSAGE("JsonLogic conformance: ", passed, "/", total);
  CHECK(total == 275);
  CHECK(passed == total);
}

// Our own edge cases (coercions, number formatting, identity, UTF-16 text), with the values json-logic-js
// computes (tests/core/logic/gen_js_cases.js writes js_cases.json from js_cases.source.json).
TEST_CASE("logic: edge cases agree with json-logic-js") {
  json cases = json::parse(wb::test::read_file(wb::test::source_dir() + "/tests/core/logic/js_cases.json"));
  int total = 0;
  std::string section;
  for (const auto& c : cases) {
    if (c.is_string()) {
      section = c.get<std::string>();
      continue;
    }
    ++total;
    INFO(section, ": ", c[0].dump(), " with ", c[1].dump());
    json got = wb::test::run(c[0], c[1]);
    CHECK_MESSAGE(wb::test::same_json(got, c[2]), "expected ", c[2].dump(), ", got ", got.dump());
  }
  CHECK(total >= 160);
}
