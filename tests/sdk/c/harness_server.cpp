// The C tests' wangban-server: one in this process (started on first use, free port, demo accounts), and the
// caseworker actions the tests need on it, over its admin API.

#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <memory>

#include "tests/sdk/c/check.h"
#include "tests/server/workflow_fixtures.hpp"

namespace {

char* dup(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

wb::test::TestServer& server() {
  static std::unique_ptr<wb::test::TestServer> s;
  if (!s) s = std::make_unique<wb::test::TestServer>();
  return *s;
}

std::string caseworker_token() {
  static std::string token;
  if (token.empty()) token = server().login_demo("caseworker");
  return token;
}

}  // namespace

extern "C" {

const char* wbt_server_url(void) {
  static std::string url;
  if (url.empty()) url = "http://127.0.0.1:" + std::to_string(server().port());
  return url.c_str();
}

char* wbt_admin_create_slot(const char* item_id, int capacity) {
  auto& s = server();
  std::int64_t start = s.clock().now_ms() + 24LL * 3600 * 1000;
  auto r = s.post("/v1/admin/appointment-slots",
                  {{"itemId", item_id}, {"location", "示例市政务服务中心 3 号窗口"}, {"startsAt", start},
                   {"endsAt", start + 30 * 60 * 1000}, {"capacity", capacity}},
                  caseworker_token());
  CHECK(r.status == 201);
  return dup(r.body.value("slotId", ""));
}

void wbt_admin_answer_consultation(const char* consultation_id, const char* answer, int publish) {
  auto r = server().post(std::string("/v1/admin/consultations/") + consultation_id + "/answer",
                         {{"answer", answer}, {"publish", publish != 0}}, caseworker_token());
  CHECK(r.status == 200);
}

void wbt_admin_complete_case(const char* case_id) {
  auto& s = server();
  auto token = caseworker_token();
  auto detail = s.get(std::string("/v1/admin/cases/") + case_id, token);
  REQUIRE(detail.status == 200);
  for (const auto& d : detail.body["departments"]) {
    std::string department = d["department"];
    wb::test::to_review(s, token, case_id, department);
    REQUIRE(wb::test::move(s, token, case_id, department, "approved").status == 200);
    REQUIRE(wb::test::publish(s, token, case_id, "%PDF-1.4 决定书", department).status == 201);
  }
}

}  // extern "C"
