#include <doctest/doctest.h>

#include "examples/desktop/model/queue_view.hpp"

using namespace wb;
using namespace wb::desktop;
using nlohmann::json;

namespace {

store::OutboxItem item(std::int64_t id, store::OutboxState state, const std::string& attention = "") {
  store::OutboxItem it;
  it.id = id;
  it.title = LocalizedText{"补领结婚证", "Reissue of a marriage certificate"};
  it.state = state;
  it.attention = attention;
  it.created_at = 1'764'000'000'000;
  it.next_attempt_at = 1'764'000'000'000;
  return it;
}

}  // namespace

TEST_CASE("outbox rows: state, attempts, next attempt, receipt, last error, and what can be sent again") {
  std::int64_t now = 1'764'000'000'000;
  auto queued = item(1, store::OutboxState::Queued);
  queued.attempts = 2;
  queued.next_attempt_at = now + 42'000;
  queued.last_error = json{{"error", {{"code", "network"}, {"message", "connection refused"}}}};
  auto accepted = item(2, store::OutboxState::Accepted);
  accepted.receipt = {{"caseId", "c-1"}, {"acceptanceNumber", "WB20251124000001"}, {"receivedAt", now}};
  auto rejected = item(3, store::OutboxState::NeedsAttention, "rejected");
  rejected.last_error = {{"status", 422},
                         {"error", {{"code", "protocol.validation_failed"}, {"messages", {{"zh-CN", "申请数据有 1 处问题"}, {"en", "1 problem"}}}}}};
  auto superseded = item(4, store::OutboxState::NeedsAttention, "superseded");
  auto rows = queue_rows({queued, accepted, rejected, superseded}, now, Lang::ZhCN);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].state_label == "待发送");
  CHECK(rows[0].attempts == 2);
  CHECK(rows[0].next_attempt == "42 秒后");
  CHECK(rows[0].last_error == "connection refused");
  CHECK(rows[0].acceptance_number.empty());
  CHECK(rows[1].state_label == "已受理");
  CHECK(rows[1].acceptance_number == "WB20251124000001");
  CHECK(rows[1].case_id == "c-1");
  CHECK(rows[1].next_attempt == "—");
  CHECK(rows[2].state_label == "需处理（被退回）");
  CHECK(rows[2].last_error == "申请数据有 1 处问题");
  CHECK(rows[2].can_requeue);
  CHECK_FALSE(rows[3].can_requeue);
  CHECK_FALSE(rows[0].can_requeue);
  auto en = queue_rows({rejected}, now, Lang::En);
  CHECK(en[0].state_label == "needs attention (rejected)");
  CHECK(en[0].last_error == "1 problem");
  CHECK(en[0].title == "Reissue of a marriage certificate");
}

TEST_CASE("next attempt reads as now, seconds or minutes") {
  CHECK(next_attempt_label(1000, 5000, Lang::ZhCN) == "立即");
  CHECK(next_attempt_label(5001, 5000, Lang::ZhCN) == "1 秒后");
  CHECK(next_attempt_label(5000 + 119'000, 5000, Lang::En) == "in 119 s");
  CHECK(next_attempt_label(5000 + 600'000, 5000, Lang::ZhCN) == "10 分钟后");
}

TEST_CASE("status history: the case's states in words, departments by name, the caseworker's note") {
  std::vector<store::StatusEntry> entries = {
      {1, 1'764'000'000'000, "submitted", "", json{{"kind", "submitted"}}},
      {2, 1'764'000'100'000, "supplement_requested", "civilAffairs", json{{"kind", "supplement_requested"}, {"note", "照片不清晰"}}},
      {3, 1'764'000'200'000, "archived_elsewhere", "unknownDept", json::object()}};
  auto rows = history_rows(entries, {{"civilAffairs", "市民政局"}}, Lang::ZhCN);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].status == "已提交");
  CHECK(rows[0].department.empty());
  CHECK(rows[1].status == "需补正材料");
  CHECK(rows[1].department == "市民政局");
  CHECK(rows[1].note == "照片不清晰");
  CHECK(rows[2].status == "archived_elsewhere");  // a state this app does not know is shown as sent
  CHECK(rows[2].department == "unknownDept");
  CHECK(rows[0].at.size() == 16);  // "YYYY-MM-DD HH:MM"
  CHECK(rows[0].at[4] == '-');
  CHECK(case_state_label("approved", Lang::En) == "approved");
  CHECK(case_state_label("in_review", Lang::ZhCN) == "审查中");
}
