#include <doctest/doctest.h>

#include "examples/desktop/model/glyph_set.hpp"

using namespace wb::desktop;

TEST_CASE("UTF-8 decoding: one to four bytes, and malformed bytes become U+FFFD one by one") {
  CHECK(decode_utf8("A") == std::vector<char32_t>{U'A'});
  CHECK(decode_utf8("é") == std::vector<char32_t>{0xE9});
  CHECK(decode_utf8("网办") == std::vector<char32_t>{0x7F51, 0x529E});
  CHECK(decode_utf8("\xF0\xA0\x80\x80") == std::vector<char32_t>{0x20000});
  CHECK(decode_utf8("\xFF" "a") == std::vector<char32_t>{0xFFFD, U'a'});
  CHECK(decode_utf8("\xE7\xBD") == std::vector<char32_t>{0xFFFD, 0xFFFD});    // cut short
  CHECK(decode_utf8("\xE7" "ab") == std::vector<char32_t>{0xFFFD, U'a', U'b'});  // not a continuation
}

TEST_CASE("the glyph set grows with new characters only, and says so through its generation") {
  GlyphSet g;
  CHECK(g.contains(U'A'));
  CHECK(g.contains(0xFF08));  // （
  CHECK_FALSE(g.contains(0x5F20));
  auto before = g.generation();
  size_t size = g.size();
  CHECK(g.add_text("张三"));
  CHECK(g.size() == size + 2);
  CHECK(g.generation() > before);
  auto after = g.generation();
  CHECK_FALSE(g.add_text("三张 abc"));  // nothing new
  CHECK(g.generation() == after);
  CHECK_FALSE(g.add_text("\xF0\xA0\x80\x80"));  // beyond 16-bit characters: counted, never added
  CHECK(g.beyond_bmp() == 1);
  CHECK_FALSE(g.contains(0x20000));
}

TEST_CASE("ranges merge consecutive characters and end with 0, as ImGui's atlas wants them") {
  GlyphSet g;
  const std::uint16_t extra[] = {0x4E00, 0x4E02, 0x4E05, 0x4E05, 0};
  CHECK(g.add_ranges(extra));
  CHECK(g.add_text("丄"));  // U+4E04 joins U+4E05; U+4E03 is still missing, so two runs remain
  auto r = g.ranges();
  REQUIRE(r.size() % 2 == 1);
  CHECK(r.back() == 0);
  CHECK(r[0] == 0x20);
  CHECK(r[1] == 0x7E);
  auto has_range = [&](std::uint16_t a, std::uint16_t b) {
    for (size_t i = 0; i + 1 < r.size(); i += 2)
      if (r[i] == a && r[i + 1] == b) return true;
    return false;
  };
  CHECK(has_range(0x4E00, 0x4E02));
  CHECK(has_range(0x4E04, 0x4E05));
  size_t counted = 0;
  for (size_t i = 0; i + 1 < r.size(); i += 2) counted += r[i + 1] - r[i] + 1u;
  CHECK(counted == g.size());
}
