// The validator's fast paths give the same answers as the plain ones: property lookup vs. the member walk (same
// errors, same order, same annotations), name comparison by 8-byte prefixes (shared prefixes, non-ASCII, NUL bytes),
// multipleOf without allocation vs. exact decimal arithmetic, string lengths vs. utf8_length, and the simple
// anchored-pattern matcher vs. the ECMA-262 engine.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/common/utf8.hpp"
#include "core/regex/regex.hpp"
#include "core/validate/decimal.hpp"
#include "core/validate/keywords.hpp"
#include "core/validate/validator.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::validate;

namespace {

Schema compile_ok(const json& s) {
  auto r = Schema::compile(s);
  if (!r.ok()) FAIL("schema did not compile: " << r.errors.front().pointer << " " << r.errors.front().message(Lang::En));
  return std::move(*r.schema);
}

// Errors as comparable lines: instance location, keyword location, keyword.
std::vector<std::string> error_lines(const Schema& s, const json& data) {
  std::vector<std::string> out;
  for (const auto& e : s.validate(data).errors) out.push_back(e.instance_location + " " + e.keyword_location + " " + e.keyword);
  return out;
}

json with_fillers(json obj, int count) {
  for (int i = 0; i < count; ++i) obj["filler_" + std::to_string(1000 + i)] = i;
  return obj;
}

}  // namespace

TEST_CASE("validate: looking properties up gives the same errors, order and annotations as walking the members") {
  // Two declared properties and many members: looked up. additionalProperties: true forces the walk.
  json props = json::parse(R"({"b": {"type": "integer"}, "x": {"type": "integer"}, "a": {"type": "integer"}})");
  auto lookup = compile_ok(json{{"properties", props}, {"required", {"a", "b", "x"}}});
  auto walk = compile_ok(json{{"properties", props}, {"required", {"a", "b", "x"}}, {"additionalProperties", true}});
  json data = with_fillers(json{{"x", "no"}, {"b", "no"}}, 60);
  CHECK_FALSE(lookup.is_valid(data));
  CHECK_FALSE(walk.is_valid(data));
  auto l = error_lines(lookup, data);
  CHECK(l == error_lines(walk, data));
  REQUIRE(l.size() == 3);
  CHECK(l[0] == "/b /properties/b/type type");
  CHECK(l[1] == "/x /properties/x/type type");
  CHECK(l[2] == "/a /required required");
  data["a"] = 1;
  data["b"] = 2;
  data["x"] = 3;
  CHECK(lookup.is_valid(data));
  CHECK(walk.is_valid(data));

  // Annotations for unevaluatedProperties: every member but the declared one is unevaluated, either way.
  auto ann_lookup = compile_ok(json::parse(R"({"properties": {"filler_1007": true}, "unevaluatedProperties": false})"));
  auto ann_walk = compile_ok(json::parse(
      R"({"properties": {"filler_1007": true}, "patternProperties": {"^$": false}, "unevaluatedProperties": false})"));
  json members = with_fillers(json::object(), 30);
  auto a = error_lines(ann_lookup, members);
  CHECK(a == error_lines(ann_walk, members));
  CHECK(a.size() == 29);
  for (const auto& line : a) CHECK(line.find("filler_1007") == std::string::npos);
  CHECK(ann_lookup.is_valid(json{{"filler_1007", 1}}));
  CHECK_FALSE(ann_lookup.is_valid(members));
}

TEST_CASE("validate: property names that share long prefixes, or hold non-ASCII or NUL bytes, reach their own schemas") {
  const std::string nul_name("ab\0", 3);
  // name → whether its schema wants a string (else an integer)
  const std::vector<std::pair<std::string, bool>> names = {
      {"身份证号", true},          {"身份证号码", false},      {"attachment_front", true}, {"attachment_frontal", false},
      {"attachment_fronT", false}, {"ab", true},               {nul_name, false},          {"abcdefgh", true},
      {"abcdefghi", false},        {"abcdefgg", false},        {"", true},                 {"é", false},
      {"e", true},                 {"\x7f", true},             {"\xc2\x80", false},        {"12345678\xff", true},
      {"12345678\x01", false}};
  json props = json::object();
  json good = json::object(), bad = json::object();
  for (const auto& [name, is_string] : names) {
    props[name] = json{{"type", is_string ? "string" : "integer"}};
    good[name] = is_string ? json("v") : json(1);
    bad[name] = is_string ? json(1) : json("v");
  }
  for (int fillers : {0, 200}) {  // 200 extra members: the declared names are looked up instead of walked
    CAPTURE(fillers);
    auto open = compile_ok(json{{"properties", props}});
    auto closed = compile_ok(json{{"properties", props}, {"additionalProperties", false}});
    json g = with_fillers(good, fillers), b = with_fillers(bad, fillers);
    CHECK(open.is_valid(g));
    CHECK_FALSE(open.is_valid(b));
    auto errors = open.validate(b).errors;
    REQUIRE(errors.size() == names.size());
    std::vector<std::string> expected;
    for (const auto& [name, is_string] : names) expected.push_back(name);
    std::sort(expected.begin(), expected.end());
    for (size_t i = 0; i < errors.size(); ++i) {
      CHECK(errors[i].keyword == "type");
      CHECK(errors[i].instance_location == "/" + expected[i]);  // none of these names needs escaping
    }
    if (fillers == 0) {
      CHECK(closed.is_valid(g));
      CHECK(error_lines(closed, b).size() == names.size());
    } else {
      CHECK_FALSE(closed.is_valid(g));
      CHECK(error_lines(closed, g).size() == static_cast<size_t>(fillers));
    }
    // A member whose name is a declared name plus or minus a byte is additional.
    for (const auto& extra : {std::string("身份证"), std::string("abcdefghij"), std::string("ab\0\0", 4),
                              std::string("attachment_fron")}) {
      json x = g;
      x[extra] = 1;
      CHECK_FALSE(closed.is_valid(x));
    }
  }
}

TEST_CASE("validate: multipleOf without allocation agrees with exact decimal arithmetic") {
  std::mt19937_64 rng(20261127);
  std::vector<json> factors = {json(0.01), json(0.1), json(0.5), json(2), json(3), json(7), json(0.25), json(1e-5),
                               json(12.5), json(100), json(0.3), json(1e10), json(123456789.123), json(0.07),
                               json(1.5e-300), json(99999999999999999ULL)};
  std::vector<json> numbers = {json(0), json(-0.0), json(1), json(-1), json(1200), json(3850.5), json(2600.0),
                               json(19.99), json(8500.555), json(1e308), json(-1e308), json(5e-324), json(1e-5),
                               json(0.3), json(0.9), json(-7.5), json(9007199254740993ULL),
                               json(std::numeric_limits<std::int64_t>::min()),
                               json(std::numeric_limits<std::uint64_t>::max())};
  std::uniform_int_distribution<std::int64_t> ints(-2'000'000, 2'000'000);
  std::uniform_real_distribution<double> reals(-1e6, 1e6);
  for (int i = 0; i < 400; ++i) {
    numbers.push_back(json(ints(rng)));
    numbers.push_back(json(static_cast<double>(ints(rng)) / 100.0));
    numbers.push_back(json(reals(rng)));
  }
  for (const auto& f : factors) {
    Decimal m = decimal_of(f);
    REQUIRE(m.digits.size() <= 17);
    const std::uint64_t modulus = std::stoull(m.digits);
    for (const auto& x : numbers) {
      CAPTURE(f.dump());
      CAPTURE(x.dump());
      CHECK(is_multiple_of_small(x, m, modulus) == is_multiple_of(decimal_of(x), m));
    }
  }
}

TEST_CASE("validate: string length bounds agree with utf8_length") {
  const std::vector<std::string> texts = {"", "a", "ab", "张", "张三", "欧阳娜娜", "𠀀𠀁", "\xff\xff", "\xe5\xbc",
                                          "a张𠀀b", std::string(9, 'x'), "张三李四王五赵六钱七孙八"};
  for (size_t limit = 0; limit <= 13; ++limit) {
    auto lo = compile_ok(json{{"minLength", limit}});
    auto hi = compile_ok(json{{"maxLength", limit}});
    for (const auto& t : texts) {
      CAPTURE(limit);
      CAPTURE(t);
      const size_t n = utf8_length(t);
      CHECK(lo.is_valid(json(t)) == (n >= limit));
      CHECK(hi.is_valid(json(t)) == (n <= limit));
      CHECK(lo.validate(json(t)).valid == (n >= limit));
      CHECK(hi.validate(json(t)).valid == (n <= limit));
    }
  }
}

TEST_CASE("validate: the simple anchored-pattern matcher agrees with the ECMA-262 engine") {
  const std::vector<std::string> patterns = {"^[0-9a-f]{64}$", "^[0-9]{12,19}$", "^[A-Z]{2}[0-9]{4}$", "^1[3-9]\\d{9}$",
                                             "^a*b?c+$",       "^[a-z]+-[0-9]*$", "^x{0,3}y$",         "^[.]{2}$"};
  const std::string alphabet = "0123456789abcfxyzABZ-.\x80\xff";
  std::mt19937 rng(7);
  for (const auto& p : patterns) {
    auto simple = detail::SimplePattern::parse(p);
    REQUIRE_MESSAGE(simple.has_value(), p);
    auto re = regex::Regex::compile(p);
    REQUIRE(re.has_value());
    for (int i = 0; i < 3000; ++i) {
      std::string t;
      size_t len = rng() % 24;
      if (i % 100 == 0) len = 64;
      for (size_t k = 0; k < len; ++k) t.push_back(alphabet[rng() % alphabet.size()]);
      if (i % 3 == 0 && p == "^[0-9a-f]{64}$") {
        t.clear();
        for (size_t k = 0; k < 64 + (rng() % 3) - 1; ++k) t.push_back("0123456789abcdef"[rng() % 16]);
      }
      if (!is_valid_utf8(t)) continue;  // the engine reads UTF-8 text
      CAPTURE(p);
      CAPTURE(t);
      CHECK(simple->match(t) == re->search(t));
    }
  }
}
