// core/regex: invalid patterns (u-mode syntax errors) are rejected with a code-point offset and a reason.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "tests/core/regex/regex_test_util.hpp"

using namespace wb::regex;
using namespace wb::regex::test;

namespace {

struct Bad {
  const char* pattern;
  size_t offset;
  const char* reason;  // a substring of the reason
};

}  // namespace

TEST_CASE("regex: invalid patterns report offset and reason") {
  const Bad cases[] = {
      // groups
      {"(", 0, "unterminated group"},
      {"a(b", 1, "unterminated group"},
      {"(?:a", 0, "unterminated group"},
      {"(?<=a", 0, "unterminated group"},
      {"((a)", 0, "unterminated group"},
      {"a)", 1, "unmatched ')'"},
      {")", 0, "unmatched ')'"},
      {"(a))", 3, "unmatched ')'"},
      {"(?x)", 0, "invalid group"},
      {"(?P<a>x)", 0, "invalid group"},
      {"(?", 0, "invalid group"},
      // quantifiers
      {"a{2,1}", 1, "numbers out of order"},
      {"*a", 0, "nothing to repeat"},
      {"+", 0, "nothing to repeat"},
      {"?", 0, "nothing to repeat"},
      {"a**", 2, "nothing to repeat"},
      {"a+*", 2, "nothing to repeat"},
      {"a??+", 3, "nothing to repeat"},
      {"x{2}{3}", 4, "nothing to repeat"},
      {"|*", 1, "nothing to repeat"},
      {"(*)", 1, "nothing to repeat"},
      {"^*", 1, "nothing to repeat"},
      {"$+", 1, "nothing to repeat"},
      {"\\b+", 2, "nothing to repeat"},
      {"\\B{2}", 2, "nothing to repeat"},
      {"(?=a)*", 5, "nothing to repeat"},  // u-mode: lookarounds are not quantifiable
      {"(?!a){1}", 5, "nothing to repeat"},
      {"(?<=a)?", 6, "nothing to repeat"},
      {"{1}", 0, "nothing to repeat"},
      {"{", 0, "lone quantifier brackets"},
      {"}", 0, "lone quantifier brackets"},
      {"a}", 1, "lone quantifier brackets"},
      {"{1", 0, "lone quantifier brackets"},
      {"a{", 1, "incomplete quantifier"},
      {"a{1", 1, "incomplete quantifier"},
      {"a{1,", 1, "incomplete quantifier"},
      {"a{1,2", 1, "incomplete quantifier"},
      {"a{,5}", 1, "incomplete quantifier"},
      {"a{x}", 1, "incomplete quantifier"},
      {"a{,}", 1, "incomplete quantifier"},
      {"]", 0, "lone ']'"},
      {"a]", 1, "lone ']'"},
      // classes
      {"[abc", 0, "unterminated character class"},
      {"x[a\\]", 1, "unterminated character class"},
      {"[", 0, "unterminated character class"},
      {"[^", 0, "unterminated character class"},
      {"[z-a]", 1, "range out of order"},
      {"[a-z9-0]", 4, "range out of order"},
      {"[😂-😀]", 1, "range out of order"},
      {"[\\d-z]", 1, "invalid character class range"},
      {"[a-\\w]", 1, "invalid character class range"},
      {"[\\p{L}-z]", 1, "invalid character class range"},
      {"[\\B]", 1, "invalid class escape"},
      {"[\\1]", 1, "invalid class escape"},
      {"[\\k<a>](?<a>.)", 1, "invalid class escape"},
      {"[\\a]", 1, "invalid escape"},
      // escapes
      {"\\a", 0, "invalid escape"},
      {"x\\q", 1, "invalid escape"},
      {"\\e", 0, "invalid escape"},
      {"\\z", 0, "invalid escape"},
      {"\\-", 0, "invalid escape"},  // '-' is an identity escape only inside a class
      {"\\ ", 0, "invalid escape"},
      {"\\é", 0, "invalid escape"},
      {"\\", 0, "\\ at end of pattern"},
      {"ab\\", 2, "\\ at end of pattern"},
      {"\\c", 0, "invalid control escape"},
      {"\\c1", 0, "invalid control escape"},
      {"[\\c_]", 1, "invalid control escape"},
      {"\\x1", 0, "invalid hex escape"},
      {"\\xg0", 0, "invalid hex escape"},
      {"\\u12", 0, "invalid Unicode escape"},
      {"\\u{110000}", 0, "invalid Unicode escape"},
      {"\\u{}", 0, "invalid Unicode escape"},
      {"\\u{12", 0, "invalid Unicode escape"},
      {"\\u{g}", 0, "invalid Unicode escape"},
      {"\\00", 0, "invalid decimal escape"},
      {"\\01", 0, "invalid decimal escape"},
      // backreferences
      {"\\1", 0, "no such capture group"},
      {"(a)\\2", 3, "no such capture group"},
      {"(?:a)\\1", 5, "no such capture group"},
      {"\\k<a>", 0, "undefined group name"},
      {"(?<a>x)\\k<b>", 7, "undefined group name"},
      {"\\k", 0, "invalid named reference"},
      {"(?<a>.)\\ka", 7, "invalid named reference"},
      {"(?<a>.)\\k<a", 10, "invalid capture group name"},
      // group names
      {"(?<a>x)(?<a>y)", 10, "duplicate group name"},
      {"(?<>x)", 3, "invalid capture group name"},
      {"(?<1a>x)", 3, "invalid capture group name"},
      {"(?<a-b>x)", 4, "invalid capture group name"},
      {"(?<a", 3, "invalid capture group name"},
      {"(?<a b>x)", 4, "invalid capture group name"},
      {"(?<\\x41>x)", 3, "invalid capture group name"},
      {"(?<\\u0031>x)", 3, "invalid capture group name"},
      {"(?<🐲>x)", 3, "invalid capture group name"},
      // property escapes
      {"\\p{Foo}", 0, "invalid property name"},
      {"\\p{Latin}", 0, "invalid property name"},  // scripts need sc= / Script=
      {"\\p{Script=Foo}", 0, "invalid property value"},
      {"\\p{gc=Latin}", 0, "invalid property value"},
      {"\\p{Foo=Bar}", 0, "invalid property name"},
      {"\\p{ASCII=Y}", 0, "invalid property name"},
      {"\\p{General_Category}", 0, "invalid property name"},
      {"\\p{}", 0, "invalid property name"},
      {"\\p", 0, "invalid property name"},
      {"\\pL", 0, "invalid property name"},
      {"\\p{L", 0, "invalid property name"},
      {"\\p{letter}", 0, "invalid property name"},  // names are case-sensitive
      {"\\p{ L}", 0, "invalid property name"},
      {"x\\P{sc=}", 1, "invalid property value"},
      // offsets count code points, not bytes
      {"中文(", 2, "unterminated group"},
      {"🐲🐲*{", 3, "lone quantifier brackets"},
      {"婚[z-a]", 2, "range out of order"},
      // resource limits
      {"a{99999999999}", 0, "pattern too large"},
      {"(?:a{1000}){1000}", 0, "pattern too large"},
  };
  for (const Bad& b : cases) {
    CompileError err = error_of(b.pattern);
    INFO("pattern: " << std::string(b.pattern) << "  got: " << err.reason << " at " << err.offset);
    CHECK(err.offset == b.offset);
    CHECK(err.reason.find(b.reason) != std::string::npos);
  }
}

TEST_CASE("regex: valid edge cases compile") {
  for (const char* p : {"", "()", "(?:)", "a|", "|", "||a", "[]", "[^]", "[-]", "[a-]", "[-a]", "[--]", "[!--]",
                        "\\/", "[\\-]", "[{}()|*+?.^$]", "a{1}?", "a{0}", "a{0,0}", "a{1,}?", "\\u{0}", "[\\b]",
                        "\\0", "[\\0]", "(?<a>.)\\k<a>", "(?<$_a1>.)", "(?<ǅ>.)", "(?<a\\u200c>.)", "\\p{L}",
                        "\\p{sc=Latn}", "\\p{scx=Grek}", "\\P{Any}", "^$", "$^", "\\b\\B", "(?=)", "(?!)",
                        "(?<=)", "(?<!)", "(?:a{2147483647}){0}", "[\\s\\S]", "\\cz"}) {
    CompileError err;
    auto re = Regex::compile(p, &err);
    INFO("pattern: " << std::string(p) << "  error: " << err.reason << " at " << err.offset);
    CHECK(re.has_value());
  }
}

TEST_CASE("regex: nesting depth is bounded at compile time (no stack overflow)") {
  std::string deep(10000, '(');
  CompileError err = error_of(deep);
  CHECK(err.reason.find("nested too deeply") != std::string::npos);
  CHECK(err.offset == 200);

  std::string balanced = std::string(10000, '(') + std::string(10000, ')');
  CHECK(error_of(balanced).reason.find("nested too deeply") != std::string::npos);

  std::string looks;
  for (int i = 0; i < 5000; ++i) looks += "(?=";
  CHECK(error_of(looks).reason.find("nested too deeply") != std::string::npos);

  std::string ok = std::string(150, '(') + "a" + std::string(150, ')');
  auto re = Regex::compile(ok);
  REQUIRE(re);
  CHECK(re->search("a"));
  CHECK(re->group_count() == 150);

  // Long flat patterns are fine (no recursion over sequences or alternatives).
  std::string alts;
  for (int i = 0; i < 20000; ++i) alts += "a|";
  alts += "b";
  auto re2 = Regex::compile(alts);
  REQUIRE(re2);
  CHECK(re2->search("xb"));
  std::string seq(50000, 'x');
  auto re3 = Regex::compile(seq);
  REQUIRE(re3);
  CHECK(re3->search(seq));
}

TEST_CASE("regex: size limits") {
  CompileError err = error_of(std::string(300000, 'a'));
  CHECK(err.reason.find("pattern too large") != std::string::npos);
  CHECK(err.offset == 200001);  // where the limit was crossed
  CHECK(error_of(std::string(2 << 20, 'a')).reason.find("pattern too large") != std::string::npos);
  CHECK(compiles(std::string(100000, 'a')));
  CHECK(compiles("\\d{1000}[a-z]{1,1000}"));
}

TEST_CASE("regex: many named groups and references compile quickly") {
  std::string pattern;
  for (int i = 0; i < 20000; ++i) pattern += "(?<g" + std::to_string(i) + ">a)";
  for (int i = 0; i < 20000; ++i) pattern += "\\k<g" + std::to_string(i) + ">";
  auto t0 = std::chrono::steady_clock::now();
  auto re = Regex::compile(pattern);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(re);
  CHECK(re->group_count() == 20000);
  CHECK(took < 2.0);
  CHECK(error_of(pattern + "(?<g19999>b)").reason.find("duplicate group name") != std::string::npos);
}

TEST_CASE("regex: invalid UTF-8 in the pattern is an error") {
  CompileError err = error_of("ab\xff");
  CHECK(err.offset == 2);
  CHECK(err.reason.find("UTF-8") != std::string::npos);
  CHECK(error_of("中\xe4\xb8").offset == 1);
  CHECK(error_of("\xed\xa0\x80").offset == 0);  // an encoded surrogate
  CHECK(compiles("\xef\xbf\xbd"));              // U+FFFD itself is fine
}

TEST_CASE("regex: compile without an error out-parameter") {
  CHECK_FALSE(Regex::compile("(").has_value());
  CHECK(Regex::compile("a").has_value());
}
