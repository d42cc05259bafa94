#pragma once
// Helpers for the submission, upload and case tests: sample applications from examples/catalog, uploads of their
// attachments, and submissions.

#include <string>

#include <nlohmann/json.hpp>

#include "tests/server/test_server.hpp"

namespace wb::test {

// Tuesday 2027-03-02, 10:00 in China: after every date the sample applications say is in the past.
inline constexpr std::int64_t kTuesdayMorning = 1'803'952'800'000;
inline constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// The complete valid application of a sample item (examples/catalog/ITEM.example.json).
nlohmann::json example_data(const std::string& item);

// Creates an upload and sends `bytes` in PATCH requests of at most `piece` bytes; returns the upload id.
std::string upload_bytes(TestServer& s, const std::string& token, const std::string& bytes, const std::string& name,
                         const std::string& media_type, size_t piece = 1 << 20);
HttpResult patch_upload(TestServer& s, const std::string& token, const std::string& upload_id, std::int64_t offset,
                        const std::string& bytes);
// The attachment value an application holds for these bytes: {sha256, name, size, mediaType}.
nlohmann::json attachment_value(const std::string& bytes, const std::string& name, const std::string& media_type);

// Replaces every attachment in `data` by a small file uploaded by this account (distinct content each).
nlohmann::json with_uploaded_attachments(TestServer& s, const std::string& token, nlohmann::json data);

nlohmann::json submission_body(const std::string& item, int version, const nlohmann::json& data);
HttpResult submit(TestServer& s, const std::string& token, const std::string& key, const std::string& item,
                  int version, const nlohmann::json& data);

// A ready-to-submit sample application of marriage-certificate-reissue (its photo uploaded by this account).
nlohmann::json marriage_reissue(TestServer& s, const std::string& token);

// The internal account id behind an access token.
std::string account_of(TestServer& s, const std::string& token);

}  // namespace wb::test
