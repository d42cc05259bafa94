#pragma once
// Supervision (督办): each case's deadline against its due date, and the report over many cases. Pure: "today" and
// the calendar come from the caller.
//
// Deadlines are counted in working days (server/cases/work_calendar.hpp, China dates):
//   - an open case is overdue once a working day after its due date has begun (a case due on Friday is overdue on
//     Monday, by 1 day; weekends and holidays never count); daysOverdue counts those working days;
//   - workingDaysLeft is the number of working days after today up to the due date (0 on the due day itself);
//   - a completed case (rejected or result available) was on time when no working day after its due date had
//     begun by the China date of its completion.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/localized_text.hpp"
#include "server/cases/work_calendar.hpp"
#include "server/storage/case_store.hpp"

namespace wb::server {

struct Deadline {
  bool open = true;            // not completed
  bool overdue = false;        // open and past its due date
  int days_overdue = 0;        // working days past the due date (open cases)
  int working_days_left = 0;   // open cases not overdue
  std::optional<bool> on_time;  // completed cases
};

Deadline deadline_of(const CaseRecord& c, const logic::Date& today, const WorkCalendar& calendar);

// The latest working day on or before the China date of `now_ms` (a case is overdue exactly when it is open and
// due before that day). Looks back at most 366 days.
logic::Date latest_working_day(std::int64_t now_ms, const WorkCalendar& calendar);

// Open cases due within this many working days are listed as due soon.
inline constexpr int kDueSoonWorkingDays = 2;

// Display names for the report: item titles and department names (from the form definitions); ids whose name is
// unknown are reported without one.
struct SupervisionNames {
  std::map<std::string, LocalizedText> items;
  std::map<std::string, LocalizedText> departments;
};

// The report over `cases` (see docs/protocol.md, GET /v1/admin/supervision). `departments` limits the
// per-department part to those departments (empty: every department of the cases).
nlohmann::json supervision_report(const std::vector<CaseRecord>& cases, const logic::Date& today,
                                  const WorkCalendar& calendar, const SupervisionNames& names,
                                  const std::vector<std::string>& departments = {});

}  // namespace wb::server
