#include "server/cases/work_calendar.hpp"

#include <cstdio>

#include "core/common/errors.hpp"

namespace wb::server {
namespace {

// Howard Hinnant's civil-date algorithms (public domain).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

logic::Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return logic::Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::int64_t day_number(const logic::Date& d) { return days_from_civil(d.year, d.month, d.day); }

}  // namespace

logic::Date china_date(std::int64_t unix_ms) {
  constexpr std::int64_t kDayMs = 24LL * 3600 * 1000, kOffsetMs = 8LL * 3600 * 1000;
  std::int64_t ms = unix_ms + kOffsetMs;
  std::int64_t days = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
  return civil_from_days(days);
}

std::string iso_date(const logic::Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<logic::Date> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return std::nullopt;
  logic::Date date{y, m, d};
  if (civil_from_days(day_number(date)).day != d) return std::nullopt;  // e.g. 2023-02-29
  return date;
}

WorkCalendar WorkCalendar::from_json(const nlohmann::json& doc) {
  WorkCalendar cal;
  if (!doc.is_object()) throw Error(ErrorCode::InvalidArgument, {{"detail", "a calendar is a JSON object"}});
  for (const char* key : {"holidays", "workdays"}) {
    if (!doc.contains(key)) continue;
    const auto& list = doc[key];
    if (!list.is_array()) throw Error(ErrorCode::InvalidArgument, {{"detail", std::string(key) + " must be an array"}}, std::string("/") + key);
    for (size_t i = 0; i < list.size(); ++i) {
      auto date = list[i].is_string() ? parse_iso_date(list[i].get<std::string>()) : std::nullopt;
      if (!date)
        throw Error(ErrorCode::InvalidArgument, {{"detail", "expected a date like 2026-10-01"}},
                    std::string("/") + key + "/" + std::to_string(i));
      if (std::string(key) == "holidays") cal.add_holiday(*date); else cal.add_workday(*date);
    }
  }
  return cal;
}

void WorkCalendar::add_holiday(const logic::Date& d) { holidays_.insert(day_number(d)); }
void WorkCalendar::add_workday(const logic::Date& d) { workdays_.insert(day_number(d)); }

bool WorkCalendar::is_working_day(const logic::Date& d) const {
  auto n = day_number(d);
  if (workdays_.count(n)) return true;
  if (holidays_.count(n)) return false;
  auto weekday = ((n % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday: 0 = Monday
  return weekday < 5;
}

logic::Date WorkCalendar::add_working_days(const logic::Date& start, int n) const {
  auto day = day_number(start);
  while (n > 0) {
    ++day;
    if (is_working_day(civil_from_days(day))) --n;
  }
  return civil_from_days(day);
}

int WorkCalendar::working_days_between(const logic::Date& from, const logic::Date& to) const {
  int count = 0;
  for (auto day = day_number(from) + 1; day <= day_number(to); ++day)
    if (is_working_day(civil_from_days(day))) ++count;
  return count;
}

}  // namespace wb::server
