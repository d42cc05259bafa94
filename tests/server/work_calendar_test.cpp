#include <doctest/doctest.h>

#include "server/cases/work_calendar.hpp"

using namespace wb;
using namespace wb::server;

namespace {
logic::Date d(const char* s) { return *parse_iso_date(s); }
}  // namespace

TEST_CASE("dates are China Standard Time whatever the machine's zone") {
  // 2026-11-26T16:00:00Z is midnight of the 27th in Beijing.
  CHECK(iso_date(china_date(1795708800000LL)) == "2026-11-27");
  CHECK(iso_date(china_date(1795708800000LL - 1)) == "2026-11-26");
  CHECK(iso_date(china_date(0)) == "1970-01-01");
}

TEST_CASE("ISO dates parse strictly") {
  CHECK(parse_iso_date("2024-02-29").has_value());
  CHECK_FALSE(parse_iso_date("2023-02-29").has_value());
  CHECK_FALSE(parse_iso_date("2023-13-01").has_value());
  CHECK_FALSE(parse_iso_date("2023-1-01").has_value());
  CHECK_FALSE(parse_iso_date("2023/01/01").has_value());
}

TEST_CASE("working days skip weekends, holidays and count makeup workdays") {
  WorkCalendar cal;
  CHECK(cal.is_working_day(d("2026-11-27")));       // Friday
  CHECK_FALSE(cal.is_working_day(d("2026-11-28")));  // Saturday
  CHECK(iso_date(cal.add_working_days(d("2026-11-27"), 1)) == "2026-11-30");  // Friday + 1 → Monday
  CHECK(iso_date(cal.add_working_days(d("2026-11-27"), 0)) == "2026-11-27");
  CHECK(iso_date(cal.add_working_days(d("2026-11-23"), 10)) == "2026-12-07");
  CHECK(cal.working_days_between(d("2026-11-27"), d("2026-11-30")) == 1);

  auto golden_week = WorkCalendar::from_json(nlohmann::json::parse(R"({
    "holidays": ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
    "workdays": ["2026-10-10"]})"));
  CHECK_FALSE(golden_week.is_working_day(d("2026-10-01")));
  CHECK(golden_week.is_working_day(d("2026-10-10")));  // a Saturday worked instead
  // Received Wednesday 30 September with 2 working days: the holiday week does not count; Thu 8, Fri 9 October.
  CHECK(iso_date(golden_week.add_working_days(d("2026-09-30"), 2)) == "2026-10-09");
  CHECK(iso_date(golden_week.add_working_days(d("2026-09-30"), 3)) == "2026-10-10");
}

TEST_CASE("a bad calendar entry is reported with its JSON Pointer") {
  try {
    WorkCalendar::from_json(nlohmann::json::parse(R"({"holidays": ["2026-10-01", "2026-02-30"]})"));
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().pointer == "/holidays/1");
  }
}
