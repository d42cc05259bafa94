#include "tests/server/workflow_fixtures.hpp"

#include <doctest/doctest.h>

#include "core/common/environment.hpp"
#include "core/session/draft.hpp"
#include "core/store/submit.hpp"
#include "server/cases/work_calendar.hpp"
#include "server/http/base64.hpp"

namespace wb::test {

Applicant demo_citizen(TestServer& s) {
  Applicant a;
  a.token = s.login_demo("citizen");
  a.account_id = s.get("/v1/me", a.token).body.value("id", "");
  return a;
}

Applicant another_citizen(TestServer& s, int n) {
  Applicant a;
  a.token = s.new_citizen(n);
  a.account_id = s.get("/v1/me", a.token).body.value("id", "");
  return a;
}

std::string create_case(TestServer& s, const std::string& account_id, const std::string& item_id,
                        const nlohmann::json& data) {
  auto& ctx = s.ctx();
  auto ready = ctx.forms.latest(item_id);
  REQUIRE(ready);
  std::int64_t now = s.clock().now_ms();
  auto today = server::china_date(now);
  session::Draft draft(ready->model, data.is_null() ? example_data(item_id) : data, {today});
  REQUIRE(draft.errors().empty());
  server::NewCase c;
  c.id = uuid_v4(*ctx.env.random);
  c.item_id = item_id;
  c.form_version = ready->published.version;
  c.data = draft.submission();
  c.attachments = store::attachment_manifest(c.data);
  c.due_date = server::iso_date(ctx.calendar.add_working_days(today, ready->form->guide.time_limit.promised_days));
  for (const auto& d : ready->form->departments)
    c.departments.push_back({d.id, d.role == form::DepartmentRole::Lead ? "lead" : "parallel",
                             server::CaseState::Submitted, now});
  auto& cases = ctx.storage->cases();
  std::string key = "test-key-" + c.id;
  auto begun = cases.begin_submission(account_id, key, "payload-" + c.id, now);
  REQUIRE(begun.outcome == server::BeginOutcome::Started);
  return cases.complete_submission(account_id, key, c, now).case_id;
}

std::string caseworker(TestServer& s, const std::string& login, const std::vector<std::string>& departments) {
  s.ctx().identity.add_account(server::AccountKind::Caseworker, login, "受理人员 " + login, "caseworker-pass-1",
                               departments);
  return s.login(login, "caseworker-pass-1").body.value("accessToken", "");
}

HttpResult move(TestServer& s, const std::string& token, const std::string& case_id, const std::string& department,
                const std::string& to, const nlohmann::json& extra) {
  nlohmann::json body = extra;
  body["department"] = department;
  body["to"] = to;
  return s.post("/v1/admin/cases/" + case_id + "/transitions", body, token);
}

void to_review(TestServer& s, const std::string& token, const std::string& case_id, const std::string& department) {
  REQUIRE(move(s, token, case_id, department, "accepted").status == 200);
  REQUIRE(move(s, token, case_id, department, "in_review").status == 200);
}

HttpResult publish(TestServer& s, const std::string& token, const std::string& case_id, const std::string& bytes,
                   const std::string& department) {
  nlohmann::json body = {{"name", "准予许可决定书.pdf"}, {"mediaType", "application/pdf"},
                         {"contentBase64", server::encode_base64(bytes)}};
  if (!department.empty()) body["department"] = department;
  return s.post("/v1/admin/cases/" + case_id + "/results", body, token);
}

}  // namespace wb::test
