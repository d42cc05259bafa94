#pragma once
// Working days for time limits (办理时限 are counted in working days). Monday to Friday by default, with public
// holidays and the weekend days that are worked instead (调休) taken from a calendar file the operator provides
// (the State Council publishes them each year). Dates are in China Standard Time (UTC+8) whatever the server
// machine's time zone: the city's calendar is what counts.

#include <cstdint>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/logic/logic.hpp"

namespace wb::server {

logic::Date china_date(std::int64_t unix_ms);
std::string iso_date(const logic::Date& d);  // "2026-11-27"
std::optional<logic::Date> parse_iso_date(std::string_view text);

class WorkCalendar {
 public:
  // {"holidays": ["2026-10-01", ...], "workdays": ["2026-09-27", ...]}; throws wb::Error (invalid_argument) with
  // the JSON Pointer of a bad entry.
  static WorkCalendar from_json(const nlohmann::json& doc);

  void add_holiday(const logic::Date& d);
  void add_workday(const logic::Date& d);
  bool is_working_day(const logic::Date& d) const;
  // The day on which a limit of `n` working days ends when counting starts the day after `start`
  // (an application received on a Friday with a 1-day limit is due on Monday). n = 0 gives `start`.
  logic::Date add_working_days(const logic::Date& start, int n) const;
  // Working days after `from` up to and including `to` (0 when to <= from).
  int working_days_between(const logic::Date& from, const logic::Date& to) const;

 private:
  std::set<std::int64_t> holidays_, workdays_;  // as days since 1970-01-01
};

}  // namespace wb::server
