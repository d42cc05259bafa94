#pragma once
// Internal: calendar arithmetic for the date helpers (proleptic Gregorian, no time zones: dates are days).

#include <cstdint>

#include "core/logic/logic.hpp"

namespace wb::logic::detail {

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_valid_date(const Date& d);
std::int64_t days_from_civil(const Date& d);  // days since 1970-01-01

}  // namespace wb::logic::detail
