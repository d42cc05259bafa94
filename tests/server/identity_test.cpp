// Unified identity: password hashing, sign-in, rate limiting, token rotation and reuse detection, sign-out.

#include <doctest/doctest.h>

#include "server/identity/password_hash.hpp"
#include "tests/server/test_server.hpp"

using namespace wb;
using wb::test::TestServer;

namespace {
const std::string kCitizen = "11010519491231002X";
const std::string kPassword = "wangban-demo";
}  // namespace

TEST_CASE("password hashes verify only the right password and are salted") {
  test::SeededRandom random(7);
  auto h1 = server::hash_password("correct horse", random, 1000);
  auto h2 = server::hash_password("correct horse", random, 1000);
  CHECK(h1 != h2);
  CHECK(h1.rfind("pbkdf2-sha256$1000$", 0) == 0);
  CHECK(server::verify_password("correct horse", h1));
  CHECK(server::verify_password("correct horse", h2));
  CHECK_FALSE(server::verify_password("correct horsf", h1));
  CHECK_FALSE(server::verify_password("correct horse", "pbkdf2-sha256$1000$zz$00"));
  CHECK_FALSE(server::verify_password("correct horse", "md5$abc"));
  CHECK_FALSE(server::verify_password("correct horse", ""));
}

TEST_CASE("sign-in with a resident ID returns tokens and a masked account") {
  TestServer s;
  auto r = s.login("11010519491231002x", kPassword);  // a lower-case check letter is the same ID
  REQUIRE(r.status == 200);
  CHECK(r.body["tokenType"] == "Bearer");
  CHECK(r.body["expiresIn"] == 900);
  CHECK(r.body["account"]["kind"] == "citizen");
  CHECK(r.body["account"]["login"] == "1101**********002X");
  CHECK(r.body["accessToken"].get<std::string>().size() == 43);
  auto me = s.get("/v1/me", r.body["accessToken"]);
  CHECK(me.status == 200);
  CHECK(me.body["displayName"] == "张三（演示）");
  CHECK(me.header("Cache-Control") == "no-store");
}

TEST_CASE("wrong passwords and unknown accounts get the same answer") {
  TestServer s;
  auto wrong = s.login(kCitizen, "not-the-password");
  auto unknown = s.login(test::resident_id(5), kPassword);
  CHECK(wrong.status == 401);
  CHECK(unknown.status == 401);
  CHECK(wrong.error_code() == "auth.invalid_credentials");
  CHECK(unknown.error_code() == "auth.invalid_credentials");
  CHECK(wrong.body["error"]["messages"]["zh-CN"] == "账号或密码不正确");
  CHECK(wrong.header("WWW-Authenticate") == "Bearer");
}

TEST_CASE("sign-in attempts are rate limited per account, with Retry-After") {
  TestServer s;
  for (int i = 0; i < 5; ++i) CHECK(s.login(kCitizen, "bad-password").status == 401);
  auto blocked = s.login(kCitizen, kPassword);  // even the right password waits
  CHECK(blocked.status == 429);
  CHECK(blocked.error_code() == "auth.rate_limited");
  int retry = std::stoi(blocked.header("Retry-After"));
  CHECK(retry > 0);
  CHECK(retry <= 15 * 60);
  // Another account from the same client is not blocked by this account's failures.
  CHECK(s.login("91350100M000100Y43", kPassword).status == 200);
  s.clock().advance(15 * 60 * 1000 + 1);
  CHECK(s.login(kCitizen, kPassword).status == 200);
}

TEST_CASE("access tokens expire; refresh tokens rotate; a reused refresh token revokes the family") {
  TestServer s;
  auto first = s.login(kCitizen, kPassword).body;
  std::string access = first["accessToken"], refresh = first["refreshToken"];
  CHECK(s.get("/v1/me", access).status == 200);
  s.clock().advance(15 * 60 * 1000 + 1);
  auto expired = s.get("/v1/me", access);
  CHECK(expired.status == 401);
  CHECK(expired.error_code() == "auth.token_invalid");

  auto second = s.post("/v1/auth/refresh", {{"refreshToken", refresh}});
  REQUIRE(second.status == 200);
  std::string access2 = second.body["accessToken"], refresh2 = second.body["refreshToken"];
  CHECK(refresh2 != refresh);
  CHECK(s.get("/v1/me", access2).status == 200);

  // The old refresh token again: somebody replayed it. The whole family goes, including the newest tokens.
  auto replay = s.post("/v1/auth/refresh", {{"refreshToken", refresh}});
  CHECK(replay.status == 401);
  CHECK(replay.error_code() == "auth.refresh_reused");
  CHECK(s.get("/v1/me", access2).status == 401);
  CHECK(s.post("/v1/auth/refresh", {{"refreshToken", refresh2}}).error_code() == "auth.refresh_invalid");

  // Another sign-in (another family) is unaffected.
  auto other = s.login(kCitizen, kPassword).body;
  CHECK(s.get("/v1/me", other["accessToken"]).status == 200);
}

TEST_CASE("refresh tokens expire after 30 days") {
  TestServer s;
  auto first = s.login(kCitizen, kPassword).body;
  s.clock().advance(30LL * 24 * 3600 * 1000 + 1);
  CHECK(s.post("/v1/auth/refresh", {{"refreshToken", first["refreshToken"]}}).error_code() == "auth.refresh_invalid");
}

TEST_CASE("sign-out revokes the access and refresh tokens of that sign-in only") {
  TestServer s;
  auto a = s.login(kCitizen, kPassword).body;
  auto b = s.login(kCitizen, kPassword).body;
  auto out = s.post("/v1/auth/logout", nlohmann::json::object(), a["accessToken"]);
  CHECK(out.status == 204);
  CHECK(s.get("/v1/me", a["accessToken"]).status == 401);
  CHECK(s.post("/v1/auth/refresh", {{"refreshToken", a["refreshToken"]}}).status == 401);
  CHECK(s.get("/v1/me", b["accessToken"]).status == 200);
}

TEST_CASE("requests without a token, or with a malformed one, are refused") {
  TestServer s;
  CHECK(s.get("/v1/me").error_code() == "auth.token_missing");
  CHECK(s.get("/v1/me", "not-a-token").error_code() == "auth.token_invalid");
  CHECK(s.send("GET", "/v1/me", "", "", "", {{"Authorization", "Basic abc"}}).error_code() == "auth.token_missing");
}

TEST_CASE("bad sign-in bodies get precise 4xx errors") {
  TestServer s;
  auto not_json = s.send("POST", "/v1/auth/login", "{\"account\": ", "application/json");
  CHECK(not_json.status == 400);
  CHECK(not_json.error_code() == "json.syntax");
  CHECK(not_json.body["error"]["line"] == 1);
  auto wrong_type = s.send("POST", "/v1/auth/login", "account=x", "application/x-www-form-urlencoded");
  CHECK(wrong_type.status == 415);
  auto missing = s.post("/v1/auth/login", {{"account", kCitizen}});
  CHECK(missing.status == 400);
  CHECK(missing.error_code() == "protocol.bad_request");
  CHECK(missing.body["error"]["messages"]["en"].get<std::string>().find("password") != std::string::npos);
}

TEST_CASE("accounts: invalid IDs, short passwords and duplicates are refused") {
  TestServer s;
  auto& id = s.ctx().identity;
  auto code_of = [&](auto&& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::Ok;
  };
  CHECK(code_of([&] { id.add_account(server::AccountKind::Citizen, "110105194912310021", "x", "long-enough"); }) ==
        ErrorCode::AuthBadAccountId);  // wrong check character
  CHECK(code_of([&] { id.add_account(server::AccountKind::Enterprise, "91350100M000100Y44", "x", "long-enough"); }) ==
        ErrorCode::AuthBadAccountId);
  CHECK(code_of([&] { id.add_account(server::AccountKind::Citizen, test::resident_id(1), "x", "short"); }) ==
        ErrorCode::AuthWeakPassword);
  CHECK(code_of([&] { id.add_account(server::AccountKind::Citizen, kCitizen, "x", "long-enough"); }) ==
        ErrorCode::AuthAccountExists);
  CHECK(code_of([&] { id.add_account(server::AccountKind::Caseworker, "cw 01", "x", "long-enough"); }) ==
        ErrorCode::AuthBadAccountId);
  CHECK(code_of([&] { id.add_account(server::AccountKind::Caseworker, "cw-01", "x", "long-enough", {"civilAffairs"}); }) ==
        ErrorCode::Ok);
}
