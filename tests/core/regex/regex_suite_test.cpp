// core/regex against the JSON-Schema-Test-Suite's regex tests (run directly on the engine, with a tiny evaluator
// for the "pattern" / "patternProperties" shapes they use), pathological patterns, and the fuzz corpus replay.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

#include "tests/core/regex/regex_test_util.hpp"
#include "tests/support/test_files.hpp"

using namespace wb::regex;
using nlohmann::json;

namespace {

std::string suite_dir() { return wb::test::shared_dir() + "/testdata/json-schema-test-suite/tests/draft2020-12/"; }

bool type_ok(const json& v, const std::string& t) {
  if (t == "integer") return v.is_number_integer() || (v.is_number_float() && v.get<double>() == double(int64_t(v.get<double>())));
  if (t == "number") return v.is_number();
  if (t == "string") return v.is_string();
  if (t == "boolean") return v.is_boolean();
  if (t == "null") return v.is_null();
  if (t == "object") return v.is_object();
  return false;
}

// The subset of JSON Schema these files need. `supported` turns false on anything else.
bool evaluate(const json& schema, const json& data, bool& supported) {
  if (schema.is_boolean()) return schema.get<bool>();
  bool ok = true;
  for (const auto& [key, value] : schema.items()) {
    if (key == "$schema") continue;
    if (key == "type") {
      ok = ok && type_ok(data, value.get<std::string>());
    } else if (key == "maximum") {
      ok = ok && (!data.is_number() || data.get<double>() <= value.get<double>());
    } else if (key == "pattern") {
      if (!data.is_string()) continue;
      auto re = Regex::compile(value.get<std::string>());
      REQUIRE(re);
      ok = ok && re->search(data.get<std::string>());
    } else if (key == "patternProperties" || key == "additionalProperties") {
      if (key == "additionalProperties" && schema.contains("patternProperties")) continue;  // handled together
      if (!data.is_object()) continue;
      const json empty = json::object();
      const json& pp = schema.contains("patternProperties") ? schema["patternProperties"] : empty;
      for (const auto& [name, member] : data.items()) {
        bool matched = false;
        for (const auto& [pattern, sub] : pp.items()) {
          auto re = Regex::compile(pattern);
          REQUIRE(re);
          if (re->search(name)) {
            matched = true;
            ok = ok && evaluate(sub, member, supported);
          }
        }
        if (!matched && schema.contains("additionalProperties")) {
          ok = ok && evaluate(schema["additionalProperties"], member, supported);
        }
      }
    } else {
      supported = false;
    }
  }
  return ok;
}

int run_suite_file(const std::string& path) {
  json groups_ = json::parse(wb::test::read_file(path));
  int ran = 0;
  for (const auto& group : groups_) {
    for (const auto& test : group["tests"]) {
      bool supported = true;
      bool valid = evaluate(group["schema"], test["data"], supported);
      if (!supported) continue;
      INFO(path << ": " << group["description"].get<std::string>() << " / " << test["description"].get<std::string>());
      CHECK(valid == test["valid"].get<bool>());
      ++ran;
    }
  }
  return ran;
}

}  // namespace

TEST_CASE("regex: JSON-Schema-Test-Suite optional/ecmascript-regex.json") {
  CHECK(run_suite_file(suite_dir() + "optional/ecmascript-regex.json") == 74);
}

TEST_CASE("regex: JSON-Schema-Test-Suite optional/non-bmp-regex.json") {
  CHECK(run_suite_file(suite_dir() + "optional/non-bmp-regex.json") >= 12);
}

TEST_CASE("regex: JSON-Schema-Test-Suite pattern.json and patternProperties.json") {
  CHECK(run_suite_file(suite_dir() + "pattern.json") >= 10);
  CHECK(run_suite_file(suite_dir() + "patternProperties.json") >= 20);
}

TEST_CASE("regex: JSON-Schema-Test-Suite optional/format/regex.json (format: regex = compiles)") {
  json groups_ = json::parse(wb::test::read_file(suite_dir() + "optional/format/regex.json"));
  int ran = 0;
  for (const auto& group : groups_) {
    for (const auto& test : group["tests"]) {
      if (!test["data"].is_string()) continue;
      INFO(test["description"].get<std::string>());
      CHECK(Regex::compile(test["data"].get<std::string>()).has_value() == test["valid"].get<bool>());
      ++ran;
    }
  }
  CHECK(ran == 2);
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("regex: pathological patterns finish quickly with the exact answer") {
  const std::string as(5000, 'a');
  struct Case {
    const char* pattern;
    std::string text;
    bool expected;
  };
  const Case cases[] = {
      {"(a+)+b", as, false},
      {"^(a+)+$", as + "b", false},
      {"(a*)*b", as, false},
      {"(a|aa)+$", as + "!", false},
      {"(a|a)*b", as, false},
      {"^(\\w+\\s?)*$", std::string(2000, 'x') + "!", false},
      {"(x+x+)+y", std::string(3000, 'x'), false},
      {"(.*a){12}", as, true},
      {"(.*a){20}b", std::string(200, 'a'), false},
      {"^(([a-z])+.)+[A-Z]([a-z])+$", std::string(3000, 'a') + "!", false},
      {"(a+)+b", as + "b", true},
      {"a{0,300}a{300}$", std::string(300, 'a'), true},
      {"\\d+\\d+\\d+\\d+x", std::string(3000, '1'), false},
  };
  for (const Case& c : cases) {
    auto re = Regex::compile(c.pattern);
    REQUIRE(re);
    auto t0 = std::chrono::steady_clock::now();
    bool got = re->search(c.text);
    double took = seconds_since(t0);
    INFO("pattern " << std::string(c.pattern) << " took " << took << " s");
    CHECK(got == c.expected);
    CHECK(took < 1.0);
  }
}

TEST_CASE("regex: backtracking-only patterns give up safely at the step limit") {
  const std::string as(3000, 'a');
  auto re = Regex::compile("^(a+)+\\1b");  // a backreference: no automaton fallback
  REQUIRE(re);
  auto t0 = std::chrono::steady_clock::now();
  CHECK(re->search_status(as) == SearchStatus::LimitExceeded);
  CHECK_FALSE(re->search(as));
  CHECK(seconds_since(t0) < 2.0);

  auto look = Regex::compile("(?=(a+)+b)");
  REQUIRE(look);
  CHECK(look->search_status(as) == SearchStatus::LimitExceeded);

  SearchLimits small;
  small.max_steps = 100;
  auto simple = Regex::compile("(a)\\1");
  REQUIRE(simple);
  CHECK(simple->search_status("aa", small) == SearchStatus::Match);
  std::string abab;
  for (int i = 0; i < 500; ++i) abab += "ab";
  CHECK(simple->search_status(abab + "aa", small) == SearchStatus::LimitExceeded);
  CHECK(simple->search_status(abab + "aa") == SearchStatus::Match);

  // Regular patterns ignore max_steps for correctness (the automaton takes over) but respect max_nfa_steps.
  auto reg = Regex::compile("(a+)+b");
  REQUIRE(reg);
  CHECK(reg->search_status(as, small) == SearchStatus::NoMatch);
  small.max_nfa_steps = 1000;
  CHECK(reg->search_status(as, small) == SearchStatus::LimitExceeded);
}

TEST_CASE("regex: many capture groups in a backtracking loop stay bounded") {
  std::string pattern;
  for (int i = 0; i < 150; ++i) pattern += "(a?)";
  pattern += "\\1b";
  auto re = Regex::compile(pattern);
  REQUIRE(re);
  auto t0 = std::chrono::steady_clock::now();
  (void)re->search_status(std::string(2000, 'a'));
  CHECK(seconds_since(t0) < 2.0);
}

TEST_CASE("regex: long texts") {
  std::string text(200000, 'x');
  text += "中文🐲end";
  auto re = Regex::compile("🐲end$");
  REQUIRE(re);
  CHECK(re->search(text));
  auto re2 = Regex::compile("^x*中文🐲end$");
  REQUIRE(re2);
  CHECK(re2->search(text));
  auto re3 = Regex::compile("^[^y]*$");
  REQUIRE(re3);
  CHECK(re3->search(text));
  auto re4 = Regex::compile("(?<=x)中");
  REQUIRE(re4);
  CHECK(re4->search(text));
}

TEST_CASE("regex: the fuzz corpus replays without crashing") {
  auto files = wb::test::list_dir(wb::test::source_dir() + "/tests/fuzz/corpus/fuzz_regex");
  for (const auto& path : files) {
    std::string data = wb::test::read_file(path);
    // Same split as tests/fuzz/fuzz_regex.cpp: pattern, a NUL byte, then the text.
    size_t nul = data.find('\0');
    std::string_view pattern(data), text;
    if (nul != std::string::npos) {
      pattern = std::string_view(data).substr(0, nul);
      text = std::string_view(data).substr(nul + 1);
    }
    CompileError err;
    auto re = Regex::compile(pattern, &err);
    if (!re) continue;
    SearchLimits limits;
    limits.max_steps = 100000;
    limits.max_nfa_steps = 2000000;
    (void)re->search_status(text, limits);
    (void)re->exec(text, limits);
  }
  MESSAGE("replayed " << files.size() << " corpus files");
}

TEST_CASE("regex: form-field patterns are fast (loose bound: ~40-100 ns natively, checked at 5 us)") {
  struct Case {
    const char* pattern;
    const char* text;
  };
  const Case cases[] = {{"^[0-9]{6}$", "100086"},
                        {"^1[3-9]\\d{9}$", "13812345678"},
                        {"^\\d{17}[\\dXx]$", "11010519491231002X"},
                        {"^[\\u4e00-\\u9fa5]{2,20}$", "张三丰"}};
  for (const Case& c : cases) {
    auto re = Regex::compile(c.pattern);
    REQUIRE(re);
    const int n = 20000;
    int hits = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) hits += re->search(c.text) ? 1 : 0;
    double per = seconds_since(t0) / n;
    INFO(std::string(c.pattern) << ": " << per * 1e9 << " ns per search");
    CHECK(hits == n);
    CHECK(per < 5e-6);
  }
}
