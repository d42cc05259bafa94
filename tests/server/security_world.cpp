#include "tests/server/security_world.hpp"

#include <doctest/doctest.h>

#include "core/common/sha256.hpp"

namespace wb::test {
namespace {

const std::string kItem = "marriage-certificate-reissue";  // one department: civilAffairs
const std::string kDepartment = "civilAffairs";
constexpr std::int64_t kHour = 3600 * 1000;

std::string submitted(TestServer& s, const std::string& token, const std::string& key, const nlohmann::json& data) {
  auto r = submit(s, token, key, kItem, 1, data);
  REQUIRE(r.status == 201);
  return r.body["receipt"]["caseId"];
}

// Accepted, reviewed, approved and its decision published; returns the result document's id.
std::string decided(TestServer& s, const std::string& cw, const std::string& case_id) {
  to_review(s, cw, case_id, kDepartment);
  REQUIRE(move(s, cw, case_id, kDepartment, "approved").status == 200);
  auto r = publish(s, cw, case_id, "%PDF 补发结婚证通知书");
  REQUIRE(r.status == 201);
  return r.body["result"]["resultId"];
}

std::string slot_for(TestServer& s, const std::string& cw, std::int64_t starts_in) {
  std::int64_t start = s.clock().now_ms() + starts_in;
  auto r = s.post("/v1/admin/appointment-slots",
                  {{"itemId", kItem}, {"location", "市民中心二楼"}, {"startsAt", start}, {"endsAt", start + kHour},
                   {"capacity", 5}},
                  cw);
  REQUIRE(r.status == 201);
  return r.body["slotId"];
}

}  // namespace

SecurityWorld::SecurityWorld() {
  s.clock().set(kMonday0900);
  a = demo_citizen(s);
  b = another_citizen(s, 5);
  enterprise = s.login_demo("enterprise");
  caseworker = s.login_demo("caseworker");
  a_refresh = s.login("11010519491231002X", "wangban-demo").body.value("refreshToken", "");
  REQUIRE_FALSE(a_refresh.empty());
  download_url = s.get("/v1/forms/low-rent-housing/guide").body["downloads"][0]["url"];

  done_bytes = "A's scanned household register";
  upload_done = upload_bytes(s, a.token, done_bytes, "户口簿.pdf", "application/pdf");
  std::string part(100, 'p');
  auto created = s.post("/v1/uploads", {{"sha256", sha256_hex(part)}, {"size", 100}, {"mediaType", "text/plain"},
                                        {"name", "part.txt"}},
                        a.token);
  REQUIRE(created.status == 201);
  upload_part = created.body["uploadId"];
  REQUIRE(patch_upload(s, a.token, upload_part, 0, part.substr(0, 40)).status == 204);

  application = marriage_reissue(s, a.token);
  photo_sha256 = application["attachments"]["jointPhoto"]["sha256"];
  case_done = submitted(s, a.token, "security-done", application);
  case_rated = submitted(s, a.token, "security-rated", application);
  case_waiting = submitted(s, a.token, "security-waiting", application);
  result_id = decided(s, caseworker, case_done);
  decided(s, caseworker, case_rated);
  REQUIRE(s.post("/v1/cases/" + case_rated + "/rating", {{"level", 4}}, a.token).status == 201);
  to_review(s, caseworker, case_waiting, kDepartment);
  REQUIRE(move(s, caseworker, case_waiting, kDepartment, "supplement_requested",
               {{"missing", {{{"materialId", "jointPhoto"}, {"reason", {{"zh-CN", "合影不清晰"}}}}}}})
              .status == 200);

  auto asked = s.post("/v1/consultations", {{"itemId", kItem}, {"question", "补领要带户口本吗？"}}, a.token);
  REQUIRE(asked.status == 201);
  consultation = asked.body["consultationId"];

  slot = slot_for(s, caseworker, 24 * kHour);
  auto held = s.post("/v1/appointments/holds", {{"slotId", slot}}, a.token);
  REQUIRE(held.status == 201);
  auto booked = s.post("/v1/appointments", {{"holdId", held.body["holdId"]}}, a.token);
  REQUIRE(booked.status == 201);
  appointment = booked.body["appointmentId"];
  auto live = s.post("/v1/appointments/holds", {{"slotId", slot_for(s, caseworker, 48 * kHour)}}, a.token);
  REQUIRE(live.status == 201);
  hold = live.body["holdId"];
}

std::vector<std::string> SecurityWorld::a_ids() const {
  std::vector<std::string> ids = {a.account_id, upload_done, upload_part, case_done, case_rated, case_waiting,
                                  result_id, consultation, appointment, hold, "11010519491231002X"};
  return ids;
}

std::string SecurityWorld::a_snapshot() {
  std::string out;
  auto add = [&](const std::string& path) {
    auto r = s.get(path, a.token);
    out += path + " " + std::to_string(r.status) + " " + r.raw + "\n";
  };
  for (const char* path : {"/v1/cases", "/v1/changes", "/v1/consultations", "/v1/appointments"}) add(path);
  for (const auto& id : {case_done, case_rated, case_waiting}) {
    add("/v1/cases/" + id);
    add("/v1/cases/" + id + "/rating");
  }
  add("/v1/cases/" + case_done + "/results/" + result_id);
  add("/v1/uploads/" + upload_done);
  add("/v1/uploads/" + upload_part);
  add("/v1/consultations/" + consultation);
  add("/v1/appointments/" + appointment);
  return out;
}

}  // namespace wb::test
