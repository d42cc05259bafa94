#include <doctest/doctest.h>

#include "examples/desktop/model/script.hpp"

using namespace wb::desktop;

TEST_CASE("a script parses into steps, one per line, with their line numbers") {
  auto p = parse_script(
      "# fill one form\n"
      "\n"
      "click profile.new\n"
      "fill field/applicant/name 张 三\n"
      "type 123\n"
      "key ctrl+a\n"
      "wait form.submit 800\n"
      "until accepted=1 30000\n"
      "until history>=2\n"
      "value /husband/name 张三丰 abc\n"
      "screenshot form-filled\n"
      "frames 3\n"
      "quit\n");
  REQUIRE(p.error.empty());
  REQUIRE(p.steps.size() == 11);
  CHECK(p.steps[0].kind == Step::Kind::Click);
  CHECK(p.steps[0].key == "profile.new");
  CHECK(p.steps[0].line == 3);
  CHECK(p.steps[1].kind == Step::Kind::Fill);
  CHECK(p.steps[1].key == "field/applicant/name");
  CHECK(p.steps[1].text == "张 三");  // the rest of the line, inner spaces kept
  CHECK(p.steps[2].kind == Step::Kind::Type);
  CHECK(p.steps[3].kind == Step::Kind::Key);
  CHECK(p.steps[3].key == "ctrl+a");
  CHECK(p.steps[4].kind == Step::Kind::Wait);
  CHECK(p.steps[4].number == 800);
  CHECK(p.steps[5].kind == Step::Kind::Until);
  CHECK(p.steps[5].number == 30000);
  CHECK(p.steps[6].number == 20000);
  CHECK(p.steps[7].kind == Step::Kind::Value);
  CHECK(p.steps[7].key == "/husband/name");
  CHECK(p.steps[7].text == "张三丰 abc");
  CHECK(p.steps[8].kind == Step::Kind::Screenshot);
  CHECK(p.steps[8].key == "form-filled");
  CHECK(p.steps[9].number == 3);
  CHECK(p.steps[10].kind == Step::Kind::Quit);
}

TEST_CASE("malformed scripts are refused with the line, and no steps") {
  auto check_error = [](const char* text, const char* part) {
    auto p = parse_script(text);
    CAPTURE(text);
    CHECK(p.steps.empty());
    CHECK(p.error.find(part) != std::string::npos);
  };
  check_error("click a\nhover b\n", "line 2: unknown command 'hover'");
  check_error("click\n", "line 1: click needs a widget key");
  check_error("fill field/x\n", "fill needs a widget key and a text");
  check_error("key f5\n", "unknown key 'f5'");
  check_error("until done\n", "unknown condition 'done'");
  check_error("until queued=x\n", "unknown condition");
  check_error("wait k soon\n", "bad timeout");
  check_error("click a b\n", "unexpected text");
  check_error("screenshot ../escape\n", "plain name");
  check_error("frames\n", "frames needs a count");
  check_error("value husband/name x\n", "value needs a JSON Pointer and a text");
  check_error("value /husband/name\n", "value needs a JSON Pointer and a text");
}

TEST_CASE("conditions name a count and compare exactly, or at least with >=") {
  Condition c;
  REQUIRE(parse_condition("queued=2", &c));
  CHECK(c.name == "queued");
  CHECK(c.value == 2);
  CHECK_FALSE(c.at_least);
  REQUIRE(parse_condition("history>=1", &c));
  CHECK(c.name == "history");
  CHECK(c.at_least);
  REQUIRE(parse_condition("signed-in", &c));
  CHECK(c.name == "signed-in");
  CHECK_FALSE(parse_condition("accepted", &c));
  CHECK_FALSE(parse_condition("sent=1", &c));
  CHECK_FALSE(parse_condition("queued=-1", &c));
}
