#pragma once
// The outbox panel: each queued application with its state, attempts, next retry and receipt, and the status
// history of the case once the server has it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/store/profile_store.hpp"

namespace wb::desktop {

struct QueueRow {
  std::int64_t id = 0;
  std::string title;
  store::OutboxState state = store::OutboxState::Queued;
  std::string state_label;       // "待发送", "需处理（被退回）", ...
  int attempts = 0;
  std::string next_attempt;      // "立即", "12 秒后", "—"
  std::string acceptance_number; // from the receipt, once accepted
  std::string case_id;
  std::string created;           // local time
  std::string last_error;        // a short line, "" when none
  bool can_requeue = false;      // needs attention for a reason the person can fix by sending again
};

struct HistoryRow {
  std::string at;       // local time
  std::string status;   // localized case state
  std::string department;
  std::string note;     // the caseworker's note or the kind of event, when given
};

std::vector<QueueRow> queue_rows(const std::vector<store::OutboxItem>& items, std::int64_t now_ms, Lang lang);
// `departments`: (id, name) of the item's form, so the department reads as a name.
std::vector<HistoryRow> history_rows(const std::vector<store::StatusEntry>& entries,
                                     const std::vector<std::pair<std::string, std::string>>& departments, Lang lang);

std::string state_label(store::OutboxState state, const std::string& attention, Lang lang);
std::string case_state_label(const std::string& state, Lang lang);  // unknown states are shown as given
std::string next_attempt_label(std::int64_t next_attempt_at, std::int64_t now_ms, Lang lang);
// "2026-11-27 14:03" in the machine's time zone.
std::string local_time(std::int64_t ms);

}  // namespace wb::desktop
