// The public catalog: listing with filters and ETags, immutable form versions, guides, blank-form downloads.

#include <doctest/doctest.h>

#include "core/common/sha256.hpp"
#include "tests/server/test_server.hpp"
#include "tests/support/test_files.hpp"

using namespace wb;
using wb::test::TestServer;

TEST_CASE("the catalog lists every published item and revalidates with its ETag") {
  TestServer s;
  auto all = s.get("/v1/catalog");
  REQUIRE(all.status == 200);
  CHECK(all.body["items"].size() == 27);
  CHECK(all.body["version"] == 27);
  std::string etag = all.header("ETag");
  CHECK(etag == "\"catalog-27\"");
  auto again = s.get("/v1/catalog", "", {{"If-None-Match", etag}});
  CHECK(again.status == 304);
  CHECK(again.raw.empty());
  CHECK(s.get("/v1/catalog", "", {{"If-None-Match", "\"catalog-3\""}}).status == 200);

  auto enterprise = s.get("/v1/catalog?audience=enterprise").body["items"];
  REQUIRE(!enterprise.empty());
  for (const auto& item : enterprise) CHECK(item["audience"] != "citizen");
  auto zero = s.get("/v1/catalog?visits=0").body["items"];
  for (const auto& item : zero) CHECK(item["visits"] == 0);
  auto search = s.get("/v1/catalog?q=%E5%A9%9A%E5%A7%BB").body["items"];  // 婚姻
  CHECK(!search.empty());
  CHECK(s.get("/v1/catalog?visits=3").error_code() == "protocol.bad_request");
  CHECK(s.get("/v1/catalog?audience=aliens").status == 400);
  CHECK(s.get("/v1/catalog?since=27").body["items"].empty());
}

TEST_CASE("form versions are served exactly as published, immutable and cacheable") {
  TestServer s;
  auto text = test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.json");
  auto info = s.get("/v1/forms/low-rent-housing");
  REQUIRE(info.status == 200);
  CHECK(info.body["latest"] == 1);
  auto v1 = s.get("/v1/forms/low-rent-housing/versions/1");
  REQUIRE(v1.status == 200);
  CHECK(v1.raw == text);
  CHECK(v1.header("ETag") == "\"" + sha256_hex(text) + "\"");
  CHECK(v1.header("Cache-Control").find("immutable") != std::string::npos);
  CHECK(s.get("/v1/forms/low-rent-housing/versions/1", "", {{"If-None-Match", v1.header("ETag")}}).status == 304);
  auto missing = s.get("/v1/forms/low-rent-housing/versions/9");
  CHECK(missing.status == 404);
  CHECK(missing.error_code() == "protocol.unknown_form");
  CHECK(s.get("/v1/forms/no-such-item").status == 404);
  CHECK(s.get("/v1/forms/low-rent-housing/versions/x").status == 400);
}

TEST_CASE("a new version supersedes the old one, which stays accepted for the grace period") {
  TestServer s;
  auto text = test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.json");
  auto doc = nlohmann::json::parse(text);
  doc["version"] = 2;
  auto before = s.get("/v1/catalog").header("ETag");
  s.clock().advance(1000);
  bool already = true;
  CHECK(s.ctx().forms.publish(doc.dump(2), &already).empty());
  CHECK_FALSE(already);
  CHECK(s.ctx().forms.publish(doc.dump(2), &already).empty());
  CHECK(already);  // published versions never change

  auto info = s.get("/v1/forms/low-rent-housing").body;
  CHECK(info["latest"] == 2);
  REQUIRE(info["versions"].size() == 2);
  CHECK(info["versions"][0]["acceptedUntil"] == info["versions"][0]["supersededAt"].get<std::int64_t>() + 30LL * 24 * 3600 * 1000);
  CHECK_FALSE(info["versions"][1].contains("supersededAt"));
  CHECK(s.ctx().forms.standing("low-rent-housing", 1) == server::VersionStanding::InGrace);
  CHECK(s.ctx().forms.standing("low-rent-housing", 2) == server::VersionStanding::Current);
  s.clock().advance(30LL * 24 * 3600 * 1000);
  CHECK(s.ctx().forms.standing("low-rent-housing", 1) == server::VersionStanding::Retired);
  CHECK(s.ctx().forms.standing("low-rent-housing", 3) == server::VersionStanding::Unknown);

  auto after = s.get("/v1/catalog");
  CHECK(after.header("ETag") != before);
  auto changed = s.get("/v1/catalog?since=27").body["items"];
  REQUIRE(changed.size() == 1);
  CHECK(changed[0]["id"] == "low-rent-housing");
  CHECK(changed[0]["version"] == 2);
}

TEST_CASE("the guide carries all ten elements and the blank-form downloads") {
  TestServer s;
  auto g = s.get("/v1/forms/low-rent-housing/guide");
  REQUIRE(g.status == 200);
  for (const char* key : {"legalBasis", "conditions", "procedure", "materials", "acceptingDepartment", "location",
                          "contact", "hours", "timeLimit", "fees"})
    CHECK_MESSAGE(g.body["guide"].contains(key), key);
  REQUIRE(g.body["downloads"].size() == 1);
  auto d = g.body["downloads"][0];
  auto file = s.get(d["url"].get<std::string>());
  REQUIRE(file.status == 200);
  CHECK(file.header("Content-Type") == "application/pdf");
  CHECK(sha256_hex(file.raw) == d["sha256"]);
  CHECK(s.get("/v1/forms/low-rent-housing/downloads/other.pdf").status == 404);
  CHECK(s.get("/v1/forms/low-rent-housing/downloads/..%2F..%2Flow-rent-housing.json").status == 404);
}

TEST_CASE("unknown routes get the protocol's error shape") {
  TestServer s;
  auto r = s.get("/v1/nothing-here");
  CHECK(r.status == 404);
  CHECK(r.error_code() == "protocol.not_found");
  CHECK(s.get("/v1/health").body["status"] == "ok");
}
