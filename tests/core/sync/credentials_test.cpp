// The tokens' one serialised form (core/sync/credentials): what the native file, the browser's IndexedDB record and
// an app's keychain entry hold.
#include <doctest/doctest.h>

#include "core/sync/credentials.hpp"

using wb::sync::Tokens;
using wb::sync::tokens_from_json;
using wb::sync::tokens_to_json;

TEST_CASE("tokens: written and read back field for field") {
  Tokens t{"access-1", "refresh-1", 1795000000123, "acct-7", "enterprise", "示例科技有限公司"};
  std::string text = tokens_to_json(t);
  CHECK(text.find("\"refreshToken\":\"refresh-1\"") != std::string::npos);
  auto back = tokens_from_json(text);
  REQUIRE(back);
  CHECK(back->access_token == "access-1");
  CHECK(back->refresh_token == "refresh-1");
  CHECK(back->access_expires_at == 1795000000123);
  CHECK(back->account_id == "acct-7");
  CHECK(back->account_kind == "enterprise");
  CHECK(back->display_name == "示例科技有限公司");
}

TEST_CASE("tokens: unreadable, damaged or incomplete text reads as signed out, never as an exception") {
  CHECK_FALSE(tokens_from_json(""));
  CHECK_FALSE(tokens_from_json("{\"refreshToken\":\"r\""));  // cut off mid-write
  CHECK_FALSE(tokens_from_json("[1,2]"));
  CHECK_FALSE(tokens_from_json("{\"accessToken\":\"a\"}"));  // no refresh token: nothing to renew with
  CHECK_FALSE(tokens_from_json("{\"refreshToken\":42}"));    // wrong type
  auto odd = tokens_from_json("{\"refreshToken\":\"r\",\"accessExpiresAt\":\"soon\",\"displayName\":null}");
  REQUIRE(odd);  // a usable refresh token with odd extras: kept, the extras read as missing
  CHECK(odd->access_expires_at == 0);
  CHECK(odd->display_name.empty());
}
