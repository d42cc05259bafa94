#include <doctest/doctest.h>

#include "core/common/json_pointer.hpp"

using namespace wb;

TEST_CASE("pointers are built and split with RFC 6901 escaping") {
  CHECK(pointer_from_tokens({"a/b", "c~d", "0"}) == "/a~1b/c~0d/0");
  auto t = split_pointer("/a~1b/c~0d/0");
  REQUIRE(t.has_value());
  CHECK(*t == std::vector<std::string>{"a/b", "c~d", "0"});
  CHECK(split_pointer("")->empty());
  CHECK(*split_pointer("/") == std::vector<std::string>{""});
  CHECK_FALSE(split_pointer("a/b").has_value());
  CHECK_FALSE(split_pointer("/~2").has_value());
  CHECK_FALSE(split_pointer("/~").has_value());
  CHECK(pointer_append("/x", "y/z") == "/x/y~1z");
  CHECK(pointer_append("/x", size_t{3}) == "/x/3");
}

TEST_CASE("index tokens") {
  CHECK(is_index_token("0"));
  CHECK(is_index_token("42"));
  CHECK_FALSE(is_index_token("01"));
  CHECK_FALSE(is_index_token("-"));
  CHECK_FALSE(is_index_token(""));
  CHECK_FALSE(is_index_token("1a"));
}
