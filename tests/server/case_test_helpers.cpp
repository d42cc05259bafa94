#include "tests/server/case_test_helpers.hpp"

#include <doctest/doctest.h>

#include "core/common/sha256.hpp"
#include "tests/support/test_files.hpp"

namespace wb::test {
namespace {

bool is_attachment(const nlohmann::json& j) {
  return j.is_object() && j.contains("sha256") && j.contains("name") && j.contains("size") && j.contains("mediaType");
}

void replace_attachments(TestServer& s, const std::string& token, nlohmann::json& j, int& counter) {
  if (is_attachment(j)) {
    std::string bytes = "sample file " + std::to_string(++counter) + " for " + j["name"].get<std::string>();
    upload_bytes(s, token, bytes, j["name"], j["mediaType"]);
    j = attachment_value(bytes, j["name"], j["mediaType"]);
    return;
  }
  if (j.is_object() || j.is_array())
    for (auto& v : j) replace_attachments(s, token, v, counter);
}

}  // namespace

nlohmann::json example_data(const std::string& item) {
  return nlohmann::json::parse(read_file(source_dir() + "/examples/catalog/" + item + ".example.json"));
}

nlohmann::json attachment_value(const std::string& bytes, const std::string& name, const std::string& media_type) {
  return {{"sha256", sha256_hex(bytes)}, {"name", name}, {"size", bytes.size()}, {"mediaType", media_type}};
}

HttpResult patch_upload(TestServer& s, const std::string& token, const std::string& upload_id, std::int64_t offset,
                        const std::string& bytes) {
  return s.send("PATCH", "/v1/uploads/" + upload_id, bytes, "application/offset+octet-stream", token,
                {{"Upload-Offset", std::to_string(offset)}});
}

std::string upload_bytes(TestServer& s, const std::string& token, const std::string& bytes, const std::string& name,
                         const std::string& media_type, size_t piece) {
  nlohmann::json body = {{"sha256", sha256_hex(bytes)}, {"size", bytes.size()}, {"mediaType", media_type}, {"name", name}};
  auto created = s.post("/v1/uploads", body, token);
  REQUIRE((created.status == 201 || created.status == 200));
  std::string id = created.body["uploadId"];
  for (size_t at = created.body["offset"].get<size_t>(); at < bytes.size(); at += piece) {
    auto r = patch_upload(s, token, id, static_cast<std::int64_t>(at), bytes.substr(at, piece));
    REQUIRE(r.status == 204);
  }
  return id;
}

nlohmann::json with_uploaded_attachments(TestServer& s, const std::string& token, nlohmann::json data) {
  int counter = 0;
  replace_attachments(s, token, data, counter);
  return data;
}

nlohmann::json submission_body(const std::string& item, int version, const nlohmann::json& data) {
  return {{"itemId", item}, {"formVersion", version}, {"data", data}};
}

HttpResult submit(TestServer& s, const std::string& token, const std::string& key, const std::string& item,
                  int version, const nlohmann::json& data) {
  return s.post("/v1/submissions", submission_body(item, version, data), token, {{"Idempotency-Key", key}});
}

nlohmann::json marriage_reissue(TestServer& s, const std::string& token) {
  return with_uploaded_attachments(s, token, example_data("marriage-certificate-reissue"));
}

std::string account_of(TestServer& s, const std::string& token) { return s.ctx().identity.authenticate(token).id; }

}  // namespace wb::test
