#pragma once
// The world the cross-route security test probes: applicant A with one of everything an applicant can own (a
// finished and an unfinished upload, a decided case with a result document, a rated case, a case waiting for a
// supplement, a consultation, a booked appointment and a live hold), another citizen B, an enterprise, and a
// caseworker, all on a server in this process.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/server/workflow_fixtures.hpp"

namespace wb::test {

struct SecurityWorld {
  SecurityWorld();

  TestServer s;
  Applicant a, b;
  std::string enterprise, caseworker;
  std::string a_refresh;  // a refresh token of A's, for the public /v1/auth/refresh probe
  std::string download_url;  // a blank-form download of the sample catalog

  std::string upload_done, upload_part;  // A's finished upload, and one 40 of 100 bytes in
  std::string done_bytes;                // the finished upload's bytes
  nlohmann::json application;            // A's marriage-certificate-reissue data, with A's uploaded photo
  std::string photo_sha256;
  std::string case_done, case_rated, case_waiting;  // result_available (unrated), rated, supplement_requested
  std::string result_id;                 // the result document of case_done
  std::string consultation, slot, appointment, hold;

  // Every id of A's that must never appear in what another account is shown.
  std::vector<std::string> a_ids() const;
  // A's own view of everything A has (what another account must never change).
  std::string a_snapshot();
};

}  // namespace wb::test
