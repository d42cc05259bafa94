// core/regex: every syntax feature, checked against what a JavaScript RegExp with the "u" flag does.
#include <doctest/doctest.h>

#include "tests/core/regex/regex_test_util.hpp"

using namespace wb::regex;
using namespace wb::regex::test;
using V = std::vector<std::string>;

TEST_CASE("regex: literals, search is unanchored") {
  CHECK(matches("abc", "abc"));
  CHECK(matches("abc", "xxabcxx"));
  CHECK_FALSE(matches("abc", "ab"));
  CHECK(matches("", ""));
  CHECK(matches("", "anything"));
  CHECK(matches("婚姻", "办理婚姻登记"));
  CHECK_FALSE(matches("婚姻登记", "婚姻登"));
  CHECK(matches("-/,:;=!@#%&'\"<>~`", "x-/,:;=!@#%&'\"<>~`y"));
}

TEST_CASE("regex: anchors ^ $ without multiline") {
  CHECK(matches("^abc$", "abc"));
  CHECK_FALSE(matches("^abc$", "abc\n"));  // $ does not match before a trailing newline
  CHECK_FALSE(matches("^abc$", "\nabc"));
  CHECK_FALSE(matches("^abc", "xabc"));
  CHECK(matches("abc$", "xabc"));
  CHECK(matches("^$", ""));
  CHECK_FALSE(matches("^$", "\n"));
  CHECK(matches("a|^b", "ab"));
  CHECK(matches("x^|b", "b"));
  CHECK_FALSE(matches("a$b", "a\nb"));
}

TEST_CASE("regex: dot, code points, line terminators") {
  CHECK(matches("^.$", "a"));
  CHECK(matches("^.$", "🐲"));         // non-BMP: one character
  CHECK(matches("^.$", "𠀀"));
  CHECK(matches("^..$", "婚姻"));
  CHECK_FALSE(matches("^.$", "ab"));
  CHECK_FALSE(matches("^.$", "\n"));
  CHECK_FALSE(matches("^.$", "\r"));
  CHECK_FALSE(matches("^.$", "\u2028"));
  CHECK_FALSE(matches("^.$", "\u2029"));
  CHECK(matches("^.$", "\v"));
  CHECK(matches("^.$", "\t"));
  CHECK(matches("^.$", "\u0085"));
  CHECK(matches("^🐲*$", "🐲🐲🐲"));
  CHECK_FALSE(matches("^🐲*$", "🐉"));
  CHECK(matches("^[🐲🐉]{2}$", "🐉🐲"));
  CHECK(matches("^[😀-😂]$", "😁"));
  CHECK_FALSE(matches("^[😀-😂]$", "😃"));
}

TEST_CASE("regex: alternation and groups") {
  CHECK(matches("^(?:cat|dog)s?$", "dogs"));
  CHECK_FALSE(matches("^(?:cat|dog)s?$", "cow"));
  CHECK(matches("^(a|)$", ""));
  CHECK(matches("^(|a)b$", "ab"));
  CHECK(groups("(a)|b", "b") == V{"b", "<none>"});
  CHECK(groups("(a|ab)(c|bcd)(d*)", "abcd") == V{"abcd", "a", "bcd", ""});
  CHECK(groups("((a)|b)+", "ab") == V{"ab", "b", "<none>"});  // captures reset each iteration
  CHECK(groups("(z)((a+)?(b+)?(c))*", "zaacbbbcac") == V{"zaacbbbcac", "z", "ac", "a", "<none>", "c"});
  CHECK(groups("(?<year>\\d{4})-(?<month>\\d{2})", "on 2024-05-01") == V{"2024-05", "2024", "05"});
  CHECK(groups("(?<$>a)(?<_b1>b)(?<中文>c)", "abc") == V{"abc", "a", "b", "c"});
  CHECK(groups("(?<\\u0061b>x)\\k<ab>", "xx") == V{"xx", "x"});
  CHECK(groups("(?<\\u{1d4d1}>x)", "x") == V{"x", "x"});
}

TEST_CASE("regex: greedy and lazy quantifiers") {
  CHECK(groups("a*", "aaa") == V{"aaa"});
  CHECK(groups("a*?", "aaa") == V{""});
  CHECK(groups("a+?", "aaa") == V{"a"});
  CHECK(groups("a??b", "ab") == V{"ab"});
  CHECK(groups("a{2}", "aaaa") == V{"aa"});
  CHECK(groups("a{2,}", "aaaa") == V{"aaaa"});
  CHECK(groups("a{2,}?", "aaaa") == V{"aa"});
  CHECK(groups("a{1,3}", "aaaa") == V{"aaa"});
  CHECK(groups("a{1,3}?", "aaaa") == V{"a"});
  CHECK(groups("a{0}b", "ab") == V{"b"});
  CHECK(groups("(a{0})b", "b") == V{"b", ""});
  CHECK(groups("<(.*)>", "<a><b>") == V{"<a><b>", "a><b"});
  CHECK(groups("<(.*?)>", "<a><b>") == V{"<a>", "a"});
  CHECK(matches("^[0-9]{6}$", "100086"));
  CHECK_FALSE(matches("^[0-9]{6}$", "10008"));
  CHECK_FALSE(matches("^[0-9]{6}$", "1000866"));
  CHECK(matches("^1[3-9]\\d{9}$", "13812345678"));
  CHECK_FALSE(matches("^1[3-9]\\d{9}$", "12812345678"));
  CHECK_FALSE(matches("^1[3-9]\\d{9}$", "1381234567"));
  CHECK(matches("^\\d{17}[\\dXx]$", "11010519491231002X"));
  CHECK(matches("^a{3,5}$", "aaaaa"));
  CHECK_FALSE(matches("^a{3,5}$", "aaaaaa"));
  CHECK(matches("^(ab){2}$", "abab"));
}

TEST_CASE("regex: empty iterations (ECMA-262 RepeatMatcher)") {
  CHECK(groups("(a*)*", "b") == V{"", "<none>"});
  CHECK(groups("(a*)+", "b") == V{"", ""});
  CHECK(groups("(a*)?", "b") == V{"", "<none>"});
  CHECK(groups("(?:a|b?)+", "ab") == V{"ab"});
  CHECK(groups("(?:)*x", "x") == V{"x"});
  CHECK(groups("(\\b)*a", "a") == V{"a", "<none>"});
  CHECK(matches("^(?:a*)*$", "aaaa"));
  CHECK(matches("^(a?)*?$", "aa"));
}

TEST_CASE("regex: character classes") {
  CHECK(matches("^[abc]+$", "cab"));
  CHECK_FALSE(matches("^[abc]+$", "cabd"));
  CHECK(matches("^[^abc]$", "d"));
  CHECK_FALSE(matches("^[^abc]$", "a"));
  CHECK(matches("^[^abc]$", "\n"));  // a negated class matches line terminators
  CHECK(matches("^[^a]$", "🐲"));
  CHECK(matches("^[a-z]+$", "hello"));
  CHECK(matches("^[-a]+$", "-a-"));
  CHECK(matches("^[a-]+$", "-a-"));
  CHECK(matches("^[\\w-]+$", "a-b_c"));
  CHECK(matches("^[\\d.]+$", "1.5"));
  CHECK(matches("^[.]$", "."));
  CHECK_FALSE(matches("^[.]$", "a"));
  CHECK(matches("^[[]$", "["));
  CHECK(matches("^[\\]]$", "]"));
  CHECK(matches("^[\\-]$", "-"));
  CHECK(matches("^[\\b]$", "\b"));
  CHECK(matches("^[$^*+?(){}|/]+$", "$^*+?(){}|/"));
  CHECK_FALSE(matches("[]", "a"));   // empty class never matches
  CHECK(matches("^[^]$", "\n"));     // [^] matches anything
  CHECK(matches("^[\\u4e00-\\u9fa5]+$", "中文"));
  CHECK_FALSE(matches("^[\\u4e00-\\u9fa5]+$", "中文a"));
  CHECK(matches("^[\\u{20000}-\\u{2A6DF}]$", "𠀀"));
  CHECK(matches("^[\\uD83D\\uDE00-\\uD83D\\uDE4F]$", "😀"));
  CHECK(matches("^[\\0-\\x1f]$", "\x01"));
  CHECK(matches("^[\\cA-\\cZ]$", "\x05"));
  CHECK(matches("^[\\D]$", "x"));
  CHECK_FALSE(matches("^[\\D]$", "5"));
  CHECK(matches("^[^\\D]$", "5"));
  CHECK(matches("^[\\S\\s]$", "\n"));
  CHECK(matches("^[\\W\\d]$", "7"));
  CHECK(matches("^[\\p{Lu}\\d]+$", "AB12"));
  CHECK(matches("^[^\\P{Lu}]$", "Ä"));
  CHECK_FALSE(matches("^[^\\P{Lu}]$", "ä"));
}

TEST_CASE("regex: \\d \\w \\s are ECMA-262 (ASCII digits and word chars, Unicode spaces)") {
  CHECK(matches("^\\d$", "7"));
  CHECK_FALSE(matches("^\\d$", "\u09EA"));  // BENGALI DIGIT FOUR
  CHECK_FALSE(matches("^\\d$", "７"));      // FULLWIDTH DIGIT SEVEN
  CHECK(matches("^\\D$", "\u09EA"));
  CHECK(matches("^\\w+$", "aZ09_"));
  CHECK_FALSE(matches("^\\w$", "é"));
  CHECK_FALSE(matches("^\\w$", "中"));
  CHECK(matches("^\\W$", "é"));
  for (const char* ws : {" ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\ufeff", "\u1680", "\u2000", "\u2005",
                         "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"}) {
    INFO("whitespace U+" << std::hex << int(static_cast<unsigned char>(ws[0])));
    CHECK(matches("^\\s$", ws));
    CHECK_FALSE(matches("^\\S$", ws));
  }
  for (const char* nws : {"a", "\u180e", "\u200b", "\u0085", "\x1c", "_"}) {
    CHECK_FALSE(matches("^\\s$", nws));
    CHECK(matches("^\\S$", nws));
  }
}

TEST_CASE("regex: word boundaries") {
  CHECK(matches("\\bfoo\\b", "a foo b"));
  CHECK_FALSE(matches("\\bfoo\\b", "afoo"));
  CHECK(matches("\\Boo\\B", "afoob"));
  CHECK_FALSE(matches("\\Bfoo", "foo"));
  CHECK_FALSE(matches("^\\b$", ""));
  CHECK(matches("^\\B$", ""));
  CHECK_FALSE(matches("é\\b", "é"));  // é is not a word character (ECMA-262 \w is ASCII)
  CHECK(matches("a\\bé", "aé"));
  CHECK_FALSE(matches("\\b中", "中"));
  CHECK(matches("\\B中", "中"));
  CHECK(matches("\\b_", "+_"));
}

TEST_CASE("regex: escapes") {
  CHECK(matches("^\\t$", "\t"));
  CHECK(matches("^\\n\\r\\v\\f$", "\n\r\v\f"));
  CHECK(matches("^\\cC$", "\x03"));
  CHECK(matches("^\\cc$", "\x03"));
  CHECK(matches("^\\cJ$", "\n"));
  CHECK(matches(std::string_view("^\\0$"), std::string_view("\0", 1)));
  CHECK(matches("^\\x41\\x7e$", "A~"));
  CHECK(matches("^\\u0041$", "A"));
  CHECK(matches("^\\u4E2D$", "中"));
  CHECK(matches("^\\u{1F600}$", "😀"));
  CHECK(matches("^\\u{0000000041}$", "A"));
  CHECK(matches("^\\uD83D\\uDE00$", "😀"));  // a surrogate pair combines
  CHECK_FALSE(matches("^\\uD83D$", "😀"));
  CHECK(matches("^\\u{10FFFF}$", "\U0010FFFF"));
  CHECK(matches("^\\^\\$\\\\\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/$", "^$\\.*+?()[]{}|/"));
}

TEST_CASE("regex: backreferences") {
  CHECK(matches("^(a+)b\\1$", "aabaa"));
  CHECK_FALSE(matches("^(a+)b\\1$", "aaba"));
  CHECK(matches("^(?<q>['\"]).*\\k<q>$", "'x'"));
  CHECK_FALSE(matches("^(?<q>['\"]).*\\k<q>$", "'x\""));
  CHECK(groups("\\1(a)", "a") == V{"a", "a"});       // forward reference: matches empty
  CHECK(groups("(a)|\\1b", "b") == V{"b", "<none>"});  // unset group: matches empty
  CHECK(matches("^(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)\\10$", "01234567899"));
  CHECK(groups("(.)\\1", "ab中中") == V{"中中", "中"});
  CHECK(groups("\\k<a>(?<a>x)", "x") == V{"x", "x"});
  CHECK(matches("^(🐲)\\1$", "🐲🐲"));
}

TEST_CASE("regex: lookahead") {
  CHECK(matches("^(?=.*\\d)(?=.*[a-z]).{8,}$", "abcdefg1"));
  CHECK_FALSE(matches("^(?=.*\\d)(?=.*[a-z]).{8,}$", "abcdefgh"));
  CHECK(matches("^(?!000)\\d{3}$", "001"));
  CHECK_FALSE(matches("^(?!000)\\d{3}$", "000"));
  CHECK(groups("(?=(a+))a*b\\1", "baaabac") == V{"aba", "a"});
  CHECK(groups("(.*?)a(?!(a+)b\\2c)\\2(.*)", "baaabaac") == V{"baaabaac", "ba", "<none>", "abaac"});
  CHECK(groups("(?=(a+?))(\\1ab)", "aaab") == V{"aab", "a", "aab"});
  CHECK(matches("(?=a)", "ba"));
  CHECK_FALSE(matches("(?!a)a", "aaa"));
  CHECK(matches("a(?=b(?!c))", "abd"));
  CHECK_FALSE(matches("a(?=b(?!c))", "abc"));
}

TEST_CASE("regex: lookbehind") {
  CHECK(groups("(?<=\\$)\\d+(\\.\\d*)?", "cost $10.50") == V{"10.50", ".50"});
  CHECK(groups("(?<!\\$)\\b\\d+", "$10 20") == V{"20"});
  CHECK(groups("(?<=(\\d+)(\\d+))$", "1053") == V{"", "1", "053"});
  CHECK(groups("(?<=(\\d+?)(\\d+?))$", "1053") == V{"", "5", "3"});
  CHECK(groups("(?<=\\1(a))b", "aab") == V{"b", "a"});
  CHECK_FALSE(matches("(?<=\\1(a))b", "ab"));
  CHECK(matches("(?<=^|,)x", "a,x"));
  CHECK(matches("(?<=^|,)x", "x"));
  CHECK_FALSE(matches("(?<=^|,)x", "ax"));
  CHECK(matches("(?<=中)文", "中文"));
  CHECK(matches("(?<=🐲)x", "🐲x"));
  CHECK_FALSE(matches("(?<=🐉)x", "🐲x"));
  CHECK(matches("(?<=a(?=b)b)c", "abc"));  // lookahead inside lookbehind runs forward
  CHECK(matches("(?<!a(?=x)b)c", "abc"));
  CHECK(matches("(?<=\\d{3})x", "123x"));
  CHECK_FALSE(matches("(?<=\\d{3})x", "12x"));
}

TEST_CASE("regex: Unicode property escapes") {
  CHECK(matches("^\\p{L}+$", "Éçolé中文"));
  CHECK(matches("^\\p{Letter}cole$", "école"));
  CHECK_FALSE(matches("^\\p{L}$", "1"));
  CHECK(matches("^\\P{L}$", "1"));
  CHECK(matches("^\\p{Lu}\\p{Ll}\\p{Lt}\\p{Lm}\\p{Lo}$", "Aaǅʰ中"));
  CHECK(matches("^\\p{Uppercase_Letter}\\p{Lowercase_Letter}$", "Aa"));
  CHECK(matches("^\\p{gc=Lu}\\p{General_Category=Ll}$", "Aa"));
  CHECK(matches("^\\p{M}\\p{Mn}\\p{Mark}$", "\u0301\u0301\u0301"));
  CHECK(matches("^\\p{N}+$", "1\u09EA\u2167\u00BD"));
  CHECK(matches("^\\p{Nd}+$", "1\u09EA"));
  CHECK(matches("^\\p{Decimal_Number}+$", "\u09EA\u09E8"));
  CHECK(matches("^\\p{digit}+$", "42\u09EA"));
  CHECK(matches("^\\p{Nl}\\p{No}$", "\u2167\u00BD"));
  CHECK(matches("^\\p{P}+$", "!,。、“"));
  CHECK(matches("^\\p{punct}$", "!"));
  CHECK(matches("^\\p{S}+$", "+$©"));
  CHECK(matches("^\\p{Sc}$", "¥"));
  CHECK(matches("^\\p{Z}\\p{Zs}$", "\u3000 "));
  CHECK(matches("^\\p{C}\\p{Cc}\\p{Control}\\p{cntrl}$", "\x01\x02\x03\x04"));
  CHECK(matches("^\\p{Cn}$", "\U000E0080"));  // unassigned
  CHECK(matches("^\\p{Co}$", "\uE000"));
  CHECK(matches("^\\p{LC}$", "a"));
  CHECK(matches("^\\p{Script=Han}+$", "中文𠀀"));
  CHECK_FALSE(matches("^\\p{Script=Han}$", "a"));
  CHECK(matches("^\\p{sc=Hani}$", "中"));
  CHECK(matches("^\\p{Script=Latin}+$", "abcé"));
  CHECK(matches("^\\p{Script=Greek}+$", "αβγ"));
  CHECK(matches("^\\p{Script=Cyrillic}+$", "привет"));
  CHECK(matches("^\\p{sc=Zyyy}$", "1"));  // Common
  CHECK(matches("^\\p{Script_Extensions=Han}$", "\u3001"));  // 、 is Common but Han in scx
  CHECK_FALSE(matches("^\\p{Script=Han}$", "\u3001"));
  CHECK(matches("^\\p{scx=Hira}$", "\u30FC"));  // ー
  CHECK(matches("^\\P{Script=Han}$", "a"));
  CHECK(matches("^\\p{ASCII}+$", "abc~"));
  CHECK_FALSE(matches("^\\p{ASCII}$", "é"));
  CHECK(matches("^\\p{Any}$", "\U0010FFFF"));
  CHECK(matches("^\\p{Assigned}$", "a"));
  CHECK_FALSE(matches("^\\p{Assigned}$", "\U000E0080"));
  CHECK(matches("^\\p{Alphabetic}\\p{Alpha}$", "aé"));
  CHECK(matches("^\\p{White_Space}$", "\u3000"));
  CHECK(matches("^\\p{Emoji_Presentation}$", "😀"));
  CHECK(matches("^\\p{Extended_Pictographic}$", "🐲"));
  CHECK(matches("^\\p{ID_Start}\\p{ID_Continue}*$", "名字1"));
  CHECK(matches("^\\p{Ideographic}$", "中"));
  CHECK(matches("^\\p{Hex_Digit}\\p{AHex}$", "fA"));
}

TEST_CASE("regex: invalid UTF-8 in text reads as U+FFFD, one per byte") {
  CHECK(matches("^.$", "\xff"));
  CHECK(matches("^..$", "\xe4\xb8"));    // truncated sequence: two bad bytes
  CHECK(matches("^.$", "\xc0"));
  CHECK(matches("^...$", "\xed\xa0\x80"));  // encoded surrogate: invalid
  CHECK(matches("^\\uFFFD$", "\xff"));
  CHECK(matches("^a.b$", "a\x80" "b"));
  CHECK(matches("^.中$", "\xb8中"));
  CHECK(matches("(?<=\\uFFFD)中", "\xe4\xb8中"));
  CHECK(matches("(?<=^.)中", "\xb8中"));
  CHECK_FALSE(matches("(?<=^.)中", "\xe4\xb8中"));
  CHECK(groups("(.)(?<=(.))", "\xf0\x9f\x98") == V{"\xf0", "\xf0", "\xf0"});
}

TEST_CASE("regex: moved-from and group_count") {
  auto re = Regex::compile("(a)(?:b)(?<c>c)");
  REQUIRE(re);
  CHECK(re->group_count() == 2);
  Regex moved = std::move(*re);
  CHECK(moved.search("abc"));
  CHECK_FALSE(re->search("abc"));  // NOLINT(bugprone-use-after-move): moved-from is safe and matches nothing
}

TEST_CASE("regex: forward and backward decoding agree on any bytes") {
  // Lookbehind reads the text right to left; it must see the same code points (invalid bytes as U+FFFD, one per
  // byte) that left-to-right matching sees.
  const unsigned char alphabet[] = {'a', 0x80, 0xBF, 0xC2, 0xC0, 0xE0, 0xE4, 0xED, 0xA0, 0xB8, 0xAD,
                                    0xF0, 0xF4, 0x90, 0x9F, 0x8F, 0xF5, 0xFF, 0x9A};
  uint32_t seed = 12345;
  auto next = [&seed]() {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t len = next() % 10;
    for (size_t k = 0; k < len; ++k) text.push_back(static_cast<char>(alphabet[next() % sizeof(alphabet)]));
    // Forward: the code-point boundaries, from exec of ^[\s\S]{k}.
    std::vector<size_t> bounds;
    for (size_t k = 0; k <= text.size(); ++k) {
      auto re = Regex::compile("^[\\s\\S]{" + std::to_string(k) + "}");
      REQUIRE(re);
      auto m = re->exec(text);
      if (!m) break;
      bounds.push_back(m->groups[0]->second);
    }
    REQUIRE(!bounds.empty());
    CHECK(bounds.back() == text.size());
    const size_t count = bounds.size() - 1;
    // Backward: from the end, exactly `count` code points reach the start.
    auto all = Regex::compile("(?<=^[\\s\\S]{" + std::to_string(count) + "})$");
    REQUIRE(all);
    CHECK(all->search(text));
    // And each forward boundary is where k code points read backwards from there reach the start.
    for (size_t k = 0; k < bounds.size(); ++k) {
      auto re = Regex::compile("(?<=^[\\s\\S]{" + std::to_string(k) + "})[\\s\\S]*$");
      REQUIRE(re);
      auto m = re->exec(text);
      REQUIRE(m);
      CHECK(m->groups[0]->first == bounds[k]);
    }
  }
}
