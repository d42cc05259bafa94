#include "examples/desktop/model/queue_view.hpp"

#include <ctime>

#include "examples/desktop/model/strings.hpp"

namespace wb::desktop {

std::string local_time(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

std::string state_label(store::OutboxState state, const std::string& attention, Lang lang) {
  switch (state) {
    case store::OutboxState::Queued: return text(T::StateQueued, lang);
    case store::OutboxState::Sending: return text(T::StateSending, lang);
    case store::OutboxState::Accepted: return text(T::StateAccepted, lang);
    case store::OutboxState::NeedsAttention: break;
  }
  std::string why = attention;
  if (attention == "rejected") why = text(T::AttentionRejected, lang);
  else if (attention == "expired") why = text(T::AttentionExpired, lang);
  else if (attention == "sign_in") why = text(T::AttentionSignIn, lang);
  else if (attention == "version") why = text(T::AttentionVersion, lang);
  else if (attention == "superseded") why = text(T::AttentionSuperseded, lang);
  std::string label = text(T::StateAttention, lang);
  if (!why.empty()) label += lang == Lang::En ? " (" + why + ")" : "（" + why + "）";
  return label;
}

std::string case_state_label(const std::string& state, Lang lang) {
  if (state == "submitted") return text(T::CaseSubmitted, lang);
  if (state == "accepted") return text(T::CaseAccepted, lang);
  if (state == "in_review") return text(T::CaseInReview, lang);
  if (state == "supplement_requested") return text(T::CaseSupplement, lang);
  if (state == "approved") return text(T::CaseApproved, lang);
  if (state == "rejected") return text(T::CaseRejected, lang);
  if (state == "result_available") return text(T::CaseResult, lang);
  return state;
}

std::string next_attempt_label(std::int64_t next_attempt_at, std::int64_t now_ms, Lang lang) {
  std::int64_t wait_s = (next_attempt_at - now_ms + 999) / 1000;
  if (wait_s <= 0) return text(T::RetryNow, lang);
  if (wait_s < 120) return text(T::RetryInSeconds, lang, {{"n", std::to_string(wait_s)}});
  return text(T::RetryInMinutes, lang, {{"n", std::to_string((wait_s + 59) / 60)}});
}

namespace {

// A short line for the last error: the server's message in the person's language, else its code or the network
// failure's description. Never the payload.
std::string error_line(const nlohmann::json& e, Lang lang) {
  if (e.is_null()) return "";
  if (e.is_string()) return e.get<std::string>();
  const nlohmann::json& body = e.contains("error") ? e["error"] : e;
  if (!body.is_object()) return e.dump();
  if (body.contains("messages") && body["messages"].is_object()) {
    std::string m = body["messages"].value(std::string(lang_tag(lang)), "");
    if (!m.empty()) return m;
  }
  if (body.contains("message") && body["message"].is_string()) return body["message"].get<std::string>();
  if (body.contains("detail") && body["detail"].is_string()) return body["detail"].get<std::string>();
  if (body.contains("code") && body["code"].is_string()) return body["code"].get<std::string>();
  return e.dump();
}

}  // namespace

std::vector<QueueRow> queue_rows(const std::vector<store::OutboxItem>& items, std::int64_t now_ms, Lang lang) {
  std::vector<QueueRow> out;
  for (const auto& it : items) {
    QueueRow r;
    r.id = it.id;
    r.title = it.title.get(lang);
    r.state = it.state;
    r.state_label = state_label(it.state, it.attention, lang);
    r.attempts = it.attempts;
    bool pending = it.state == store::OutboxState::Queued || it.state == store::OutboxState::Sending;
    r.next_attempt = pending ? next_attempt_label(it.next_attempt_at, now_ms, lang) : "—";
    if (it.receipt.is_object()) {
      r.acceptance_number = it.receipt.value("acceptanceNumber", "");
      r.case_id = it.receipt.value("caseId", "");
    }
    r.created = local_time(it.created_at);
    r.last_error = it.state == store::OutboxState::Accepted ? "" : error_line(it.last_error, lang);
    r.can_requeue = it.state == store::OutboxState::NeedsAttention && it.attention != "version" && it.attention != "superseded";
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<HistoryRow> history_rows(const std::vector<store::StatusEntry>& entries,
                                     const std::vector<std::pair<std::string, std::string>>& departments, Lang lang) {
  std::vector<HistoryRow> out;
  for (const auto& e : entries) {
    HistoryRow r;
    r.at = local_time(e.at);
    r.status = case_state_label(e.status, lang);
    r.department = e.department;
    for (const auto& [id, name] : departments)
      if (id == e.department) r.department = name;
    if (e.detail.is_object()) {
      if (e.detail.contains("note") && e.detail["note"].is_string()) r.note = e.detail["note"].get<std::string>();
      else if (e.detail.contains("comment") && e.detail["comment"].is_string()) r.note = e.detail["comment"].get<std::string>();
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace wb::desktop
