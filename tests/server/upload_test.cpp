// Resumable uploads: create, offset (HEAD/GET), append (PATCH) with resumption at any offset, hash verification,
// deduplication per account, limits from the form's materials, a 25 MiB file, restarts, and authorization.

#include <doctest/doctest.h>

#include "core/common/sha256.hpp"
#include "tests/server/case_test_helpers.hpp"

using namespace wb;
using namespace wb::test;
using nlohmann::json;

namespace {

// Bytes that are not all alike (so a misplaced chunk changes the hash).
std::string pattern_bytes(size_t size, std::uint32_t seed = 1) {
  std::string out(size, '\0');
  std::uint32_t x = seed;
  for (auto& c : out) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

json create_body(const std::string& bytes, const std::string& name = "scan.pdf",
                 const std::string& type = "application/pdf") {
  return {{"sha256", sha256_hex(bytes)}, {"size", bytes.size()}, {"mediaType", type}, {"name", name}};
}

struct Session {
  TestServer s;
  std::string citizen;
  Session() { citizen = s.login_demo("citizen"); }
  HttpResult create(const json& body, const std::string& token = "") {
    return s.post("/v1/uploads", body, token.empty() ? citizen : token);
  }
  HttpResult head(const std::string& id) { return head_as(id, citizen); }
  HttpResult head_as(const std::string& id, const std::string& token) {
    return s.send("HEAD", "/v1/uploads/" + id, "", "", token);
  }
};

}  // namespace

TEST_CASE("an upload resumes after a cut at an odd offset and completes when the hash matches") {
  Session t;
  std::string bytes = pattern_bytes(100'003);
  auto created = t.create(create_body(bytes));
  REQUIRE(created.status == 201);
  std::string id = created.body["uploadId"];
  CHECK(created.body["offset"] == 0);
  CHECK(created.body["complete"] == false);
  CHECK(created.header("Location") == "/v1/uploads/" + id);

  auto head = t.head(id);
  CHECK(head.status == 200);
  CHECK(head.header("Upload-Offset") == "0");
  CHECK(head.header("Upload-Length") == "100003");
  CHECK(head.raw.empty());

  auto part = patch_upload(t.s, t.citizen, id, 0, bytes.substr(0, 12'345));
  CHECK(part.status == 204);
  CHECK(part.header("Upload-Offset") == "12345");
  // The connection dropped here; the client asks where to go on.
  CHECK(t.head(id).header("Upload-Offset") == "12345");
  auto status = t.s.get("/v1/uploads/" + id, t.citizen);
  CHECK(status.body == json{{"uploadId", id}, {"offset", 12345}, {"size", 100003}, {"complete", false}});

  auto rest = patch_upload(t.s, t.citizen, id, 12'345, bytes.substr(12'345));
  CHECK(rest.status == 204);
  CHECK(rest.header("Upload-Offset") == "100003");
  CHECK(t.s.get("/v1/uploads/" + id, t.citizen).body["complete"] == true);
  auto account = account_of(t.s, t.citizen);
  CHECK(t.s.ctx().storage->uploads().blob_exists(account, sha256_hex(bytes)));
  CHECK(t.s.ctx().storage->uploads().blob_bytes(account, sha256_hex(bytes)) == bytes);
  // A repeat of the last (empty) step after completion is harmless.
  CHECK(patch_upload(t.s, t.citizen, id, 100'003, "").status == 204);
}

TEST_CASE("a wrong offset gets 409 with the offset to continue from; bytes past the size are refused") {
  Session t;
  std::string bytes = pattern_bytes(5000);
  std::string id = t.create(create_body(bytes)).body["uploadId"];
  REQUIRE(patch_upload(t.s, t.citizen, id, 0, bytes.substr(0, 1000)).status == 204);

  for (std::int64_t wrong : {0, 999, 1001, 4000}) {
    auto r = patch_upload(t.s, t.citizen, id, wrong, bytes.substr(static_cast<size_t>(wrong), 10));
    CHECK(r.status == 409);
    CHECK(r.error_code() == "protocol.upload_offset_mismatch");
    CHECK(r.header("Upload-Offset") == "1000");
    CHECK(r.body["offset"] == 1000);
  }
  auto beyond = patch_upload(t.s, t.citizen, id, 1000, bytes.substr(1000) + "extra");
  CHECK(beyond.status == 413);
  CHECK(beyond.error_code() == "protocol.upload_beyond_size");
  CHECK(beyond.header("Upload-Offset") == "1000");
  CHECK(t.head(id).header("Upload-Offset") == "1000");  // nothing of the refused requests was kept

  auto wrong_type = t.s.send("PATCH", "/v1/uploads/" + id, "x", "application/octet-stream", t.citizen,
                             {{"Upload-Offset", "1000"}});
  CHECK(wrong_type.status == 415);
  auto no_offset = t.s.send("PATCH", "/v1/uploads/" + id, "x", "application/offset+octet-stream", t.citizen);
  CHECK(no_offset.status == 400);
  auto bad_offset = t.s.send("PATCH", "/v1/uploads/" + id, "x", "application/offset+octet-stream", t.citizen,
                             {{"Upload-Offset", "-1"}});
  CHECK(bad_offset.status == 400);
  CHECK(patch_upload(t.s, t.citizen, "no-such-upload", 0, "x").status == 404);
  CHECK(t.s.get("/v1/uploads/no-such-upload", t.citizen).status == 404);
}

TEST_CASE("a file whose bytes do not match its hash is discarded and can be sent again") {
  Session t;
  std::string bytes = pattern_bytes(300'000, 3);
  std::string id = t.create(create_body(bytes, "相片.png", "image/png")).body["uploadId"];
  std::string corrupted = bytes;
  corrupted[123'456] ^= 1;
  REQUIRE(patch_upload(t.s, t.citizen, id, 0, corrupted.substr(0, 200'000)).status == 204);
  auto last = patch_upload(t.s, t.citizen, id, 200'000, corrupted.substr(200'000));
  CHECK(last.status == 422);
  CHECK(last.error_code() == "protocol.upload_hash_mismatch");
  CHECK(last.body["offset"] == 0);
  CHECK(last.body["reset"] == true);
  CHECK(last.header("Upload-Offset") == "0");
  CHECK(last.body["error"]["messages"]["zh-CN"].get<std::string>().find("请从头重新上传") != std::string::npos);
  CHECK(t.head(id).header("Upload-Offset") == "0");
  CHECK_FALSE(t.s.ctx().storage->uploads().blob_exists(account_of(t.s, t.citizen), sha256_hex(bytes)));

  REQUIRE(patch_upload(t.s, t.citizen, id, 0, bytes).status == 204);
  CHECK(t.s.get("/v1/uploads/" + id, t.citizen).body["complete"] == true);
}

TEST_CASE("a file already uploaded by the account is not sent again; other accounts upload their own") {
  Session t;
  std::string bytes = pattern_bytes(4096, 9);
  std::string first = upload_bytes(t.s, t.citizen, bytes, "a.pdf", "application/pdf");
  auto again = t.create(create_body(bytes, "same-file-other-name.pdf"));
  CHECK(again.status == 200);
  CHECK(again.body == json{{"uploadId", first}, {"offset", 4096}, {"complete", true}});
  auto wrong_size = create_body(bytes);
  wrong_size["size"] = 4095;
  CHECK(t.create(wrong_size).status == 400);

  std::string other = t.s.new_citizen(21);
  auto theirs = t.create(create_body(bytes), other);
  CHECK(theirs.status == 201);
  CHECK(theirs.body["uploadId"] != first);
  CHECK(theirs.body["complete"] == false);

  // Two unfinished uploads of the same file by one account finish into one blob.
  std::string fresh = pattern_bytes(2048, 10);
  std::string u1 = t.create(create_body(fresh)).body["uploadId"];
  std::string u2 = t.create(create_body(fresh)).body["uploadId"];
  CHECK(u1 != u2);
  CHECK(patch_upload(t.s, t.citizen, u1, 0, fresh).status == 204);
  CHECK(patch_upload(t.s, t.citizen, u2, 0, fresh).status == 204);
  CHECK(t.s.ctx().storage->uploads().blob(account_of(t.s, t.citizen), sha256_hex(fresh))->upload_id == u1);
  CHECK(t.s.ctx().storage->uploads().blob_bytes(account_of(t.s, t.citizen), sha256_hex(fresh)) == fresh);
}

TEST_CASE("an empty file is complete as soon as it is declared") {
  Session t;
  auto created = t.create(create_body(""));
  CHECK(created.status == 201);
  CHECK(created.body["complete"] == true);
  CHECK(t.s.ctx().storage->uploads().blob_bytes(account_of(t.s, t.citizen), sha256_hex("")) == "");
}

TEST_CASE("limits: the material's accepted types and size, a global cap, well-formed declarations") {
  Session t;
  auto photo = [](std::int64_t size, const std::string& type) {
    return json{{"sha256", std::string(64, 'a')}, {"size", size}, {"mediaType", type}, {"name", "合影.jpg"},
                {"itemId", "marriage-certificate-reissue"}, {"materialId", "jointPhoto"}};
  };
  CHECK(t.create(photo(2'097'152, "image/jpeg")).status == 201);
  CHECK(t.create(photo(1000, "Image/PNG")).status == 201);
  auto pdf = t.create(photo(1000, "application/pdf"));
  CHECK(pdf.status == 422);
  CHECK(pdf.error_code() == "protocol.upload_type_not_accepted");
  CHECK(pdf.body["acceptedTypes"] == json::array({"image/jpeg", "image/png"}));
  auto big = t.create(photo(2'097'153, "image/jpeg"));
  CHECK(big.status == 422);
  CHECK(big.error_code() == "protocol.upload_too_large");
  CHECK(big.body["limit"] == 2'097'152);
  auto unknown = photo(10, "image/jpeg");
  unknown["materialId"] = "noSuchMaterial";
  CHECK(t.create(unknown).error_code() == "protocol.unknown_material");
  unknown["itemId"] = "no-such-item";
  CHECK(t.create(unknown).error_code() == "protocol.unknown_material");

  auto plain = json{{"sha256", std::string(64, 'b')}, {"size", 64LL << 20}, {"mediaType", "application/zip"},
                    {"name", "archive.zip"}};
  CHECK(t.create(plain).status == 201);
  plain["size"] = (64LL << 20) + 1;
  CHECK(t.create(plain).error_code() == "protocol.upload_too_large");

  auto malformed = [&](const std::string& key, const json& value) {
    auto body = json{{"sha256", std::string(64, 'c')}, {"size", 10}, {"mediaType", "text/plain"}, {"name", "a.txt"}};
    if (value.is_null()) body.erase(key); else body[key] = value;
    auto r = t.create(body);
    CHECK_MESSAGE(r.status == 400, key << " = " << value.dump());
  };
  malformed("sha256", std::string(64, 'A'));
  malformed("sha256", std::string(63, 'a'));
  malformed("sha256", nullptr);
  malformed("size", -1);
  malformed("size", "10");
  malformed("mediaType", "");
  malformed("name", nullptr);
  malformed("itemId", "marriage-certificate-reissue");  // without materialId
}

TEST_CASE("a 25 MiB file arrives in 8 MiB requests; larger requests are refused") {
  Session t;
  std::string bytes = pattern_bytes(25u << 20, 25);
  std::string id = t.create(create_body(bytes, "survey.pdf")).body["uploadId"];
  auto too_big = patch_upload(t.s, t.citizen, id, 0, bytes.substr(0, (8u << 20) + 1));
  CHECK(too_big.status == 413);
  CHECK(too_big.error_code() == "protocol.body_too_large");
  CHECK(too_big.header("Upload-Offset") == "0");
  for (size_t at = 0; at < bytes.size(); at += 8u << 20) {
    auto r = patch_upload(t.s, t.citizen, id, static_cast<std::int64_t>(at), bytes.substr(at, 8u << 20));
    REQUIRE(r.status == 204);
  }
  CHECK(t.head(id).header("Upload-Offset") == std::to_string(bytes.size()));
  CHECK(t.s.get("/v1/uploads/" + id, t.citizen).body["complete"] == true);
  CHECK(t.s.ctx().storage->uploads().blob_bytes(account_of(t.s, t.citizen), sha256_hex(bytes)) == bytes);
}

TEST_CASE("an unfinished upload survives a restart and resumes where it stopped") {
  Session t;
  std::string bytes = pattern_bytes(700'001, 4);
  std::string id = t.create(create_body(bytes)).body["uploadId"];
  REQUIRE(patch_upload(t.s, t.citizen, id, 0, bytes.substr(0, 333'333)).status == 204);
  t.s.restart();
  CHECK(t.head(id).header("Upload-Offset") == "333333");
  REQUIRE(patch_upload(t.s, t.citizen, id, 333'333, bytes.substr(333'333)).status == 204);
  CHECK(t.s.get("/v1/uploads/" + id, t.citizen).body["complete"] == true);
}

TEST_CASE("abandoned unfinished uploads are dropped after a week; finished files stay") {
  Session t;
  std::string done = pattern_bytes(1000, 5), left = pattern_bytes(1000, 6);
  upload_bytes(t.s, t.citizen, done, "done.pdf", "application/pdf");
  std::string id = t.create(create_body(left)).body["uploadId"];
  REQUIRE(patch_upload(t.s, t.citizen, id, 0, left.substr(0, 10)).status == 204);
  t.s.clock().advance(8 * kDayMs);
  std::string token = t.s.login_demo("citizen");
  t.create(create_body(pattern_bytes(10, 7)), token);  // uploads are tidied now and then, on creation
  CHECK(t.s.get("/v1/uploads/" + id, token).status == 404);
  CHECK(t.s.ctx().storage->uploads().blob_exists(account_of(t.s, token), sha256_hex(done)));
}

TEST_CASE("uploads: anonymous 401, caseworkers 403, another account 404 on every route") {
  Session t;
  std::string bytes = pattern_bytes(100, 8);
  std::string id = t.create(create_body(bytes)).body["uploadId"];
  std::string other = t.s.new_citizen(22);
  std::string caseworker = t.s.login_demo("caseworker");

  CHECK(t.s.post("/v1/uploads", create_body(bytes)).status == 401);
  CHECK(t.s.get("/v1/uploads/" + id).status == 401);
  CHECK(t.head_as(id, "").status == 401);
  CHECK(patch_upload(t.s, "", id, 0, bytes).status == 401);

  CHECK(t.s.post("/v1/uploads", create_body(bytes), caseworker).status == 403);
  CHECK(t.s.get("/v1/uploads/" + id, caseworker).status == 403);
  CHECK(patch_upload(t.s, caseworker, id, 0, bytes).status == 403);

  auto peek = t.s.get("/v1/uploads/" + id, other);
  CHECK(peek.status == 404);
  CHECK(peek.error_code() == "protocol.not_found");
  CHECK(t.head_as(id, other).status == 404);
  auto write = patch_upload(t.s, other, id, 0, bytes);
  CHECK(write.status == 404);
  CHECK(write.header("Upload-Offset").empty());
  CHECK(t.head(id).header("Upload-Offset") == "0");  // untouched
}
