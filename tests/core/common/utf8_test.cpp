#include <doctest/doctest.h>

#include "core/common/utf8.hpp"

using namespace wb;

TEST_CASE("UTF-8 validity") {
  CHECK(is_valid_utf8("abc"));
  CHECK(is_valid_utf8("婚姻登记"));
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));     // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80")); // surrogate
  CHECK_FALSE(is_valid_utf8("\xE4\xB8"));     // truncated
}

TEST_CASE("lengths and display widths") {
  CHECK(utf8_length("婚姻ab") == 4);
  CHECK(utf8_display_width("婚姻ab") == 6);
  CHECK(utf8_pad_right("婚", 4) == "婚  ");
}
