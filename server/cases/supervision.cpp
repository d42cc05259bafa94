#include "server/cases/supervision.hpp"

#include <algorithm>
#include <set>

#include "server/cases/case_workflow.hpp"

namespace wb::server {
namespace {

using nlohmann::json;

constexpr CaseState kAllStates[] = {CaseState::Submitted, CaseState::Accepted, CaseState::InReview,
                                    CaseState::SupplementRequested, CaseState::Approved, CaseState::Rejected,
                                    CaseState::ResultAvailable};

json zero_counts() {
  json out = json::object();
  for (auto s : kAllStates) out[std::string(case_state_name(s))] = 0;
  return out;
}

void count(json& by_state, CaseState s) {
  auto& n = by_state[std::string(case_state_name(s))];
  n = n.get<int>() + 1;
}

struct Tally {
  int cases = 0, open = 0, overdue = 0;
  json by_state = zero_counts();
  json to_json() const { return {{"cases", cases}, {"open", open}, {"overdue", overdue}, {"byState", by_state}}; }
};

json departments_brief(const CaseRecord& c) {
  json out = json::array();
  for (const auto& d : c.departments)
    out.push_back({{"department", d.department}, {"role", d.role}, {"state", case_state_name(d.state)}});
  return out;
}

json case_brief(const CaseRecord& c) {
  return {{"caseId", c.id},
          {"acceptanceNumber", c.acceptance_number},
          {"itemId", c.item_id},
          {"state", case_state_name(c.state)},
          {"submittedAt", c.submitted_at},
          {"dueDate", c.due_date},
          {"departments", departments_brief(c)}};
}

}  // namespace

Deadline deadline_of(const CaseRecord& c, const logic::Date& today, const WorkCalendar& calendar) {
  Deadline d;
  auto due = parse_iso_date(c.due_date);
  if (c.completed_at) {
    d.open = false;
    if (due) d.on_time = calendar.working_days_between(*due, china_date(*c.completed_at)) == 0;
    return d;
  }
  if (!due) return d;  // no promised date: never overdue
  d.days_overdue = calendar.working_days_between(*due, today);
  d.overdue = d.days_overdue > 0;
  if (!d.overdue) d.working_days_left = calendar.working_days_between(today, *due);
  return d;
}

logic::Date latest_working_day(std::int64_t now_ms, const WorkCalendar& calendar) {
  constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
  for (int back = 0; back <= 366; ++back) {
    auto day = china_date(now_ms - back * kDayMs);  // China has no daylight saving time: a day is 24 hours
    if (calendar.is_working_day(day)) return day;
  }
  return china_date(now_ms);
}

json supervision_report(const std::vector<CaseRecord>& cases, const logic::Date& today, const WorkCalendar& calendar,
                        const SupervisionNames& names, const std::vector<std::string>& departments) {
  std::set<std::string> scope(departments.begin(), departments.end());
  Tally totals;
  int due_soon = 0, completed = 0, on_time = 0;
  std::map<std::string, Tally> by_item, by_department;
  struct Late {
    int days;
    json brief;
  };
  std::vector<Late> overdue;
  std::vector<std::pair<int, json>> soon;

  for (const auto& c : cases) {
    auto dl = deadline_of(c, today, calendar);
    ++totals.cases;
    count(totals.by_state, c.state);
    auto& item = by_item[c.item_id];
    ++item.cases;
    count(item.by_state, c.state);
    if (dl.open) {
      ++totals.open;
      ++item.open;
    } else {
      ++completed;
      if (dl.on_time.value_or(true)) ++on_time;
    }
    json brief = case_brief(c);
    if (dl.overdue) {
      ++totals.overdue;
      ++item.overdue;
      brief["daysOverdue"] = dl.days_overdue;
      overdue.push_back({dl.days_overdue, brief});
    } else if (dl.open && dl.working_days_left <= kDueSoonWorkingDays) {
      ++due_soon;
      brief["workingDaysLeft"] = dl.working_days_left;
      soon.emplace_back(dl.working_days_left, brief);
    }
    // Per department: its own part of the case; an overdue case counts against every department still deciding.
    for (const auto& d : c.departments) {
      if (!scope.empty() && !scope.count(d.department)) continue;
      auto& dept = by_department[d.department];
      ++dept.cases;
      count(dept.by_state, d.state);
      bool pending = dl.open && !has_decided(d.state);
      if (pending) ++dept.open;
      if (pending && dl.overdue) ++dept.overdue;
    }
  }

  json items = json::array();
  for (const auto& [id, t] : by_item) {
    json entry = t.to_json();
    entry["itemId"] = id;
    if (auto it = names.items.find(id); it != names.items.end()) entry["title"] = it->second.to_json();
    items.push_back(std::move(entry));
  }
  json depts = json::array();
  for (const auto& [id, t] : by_department) {
    json entry = t.to_json();
    entry["department"] = id;
    if (auto it = names.departments.find(id); it != names.departments.end()) entry["name"] = it->second.to_json();
    depts.push_back(std::move(entry));
  }
  // Most overdue first; soonest due first. Ties keep submission order (the input's order).
  std::stable_sort(overdue.begin(), overdue.end(), [](const Late& a, const Late& b) { return a.days > b.days; });
  std::stable_sort(soon.begin(), soon.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json overdue_cases = json::array(), soon_cases = json::array();
  for (auto& l : overdue) overdue_cases.push_back(std::move(l.brief));
  for (auto& s : soon) soon_cases.push_back(std::move(s.second));

  json totals_json = totals.to_json();
  totals_json["completed"] = completed;
  totals_json["dueSoon"] = due_soon;
  json rate = completed > 0 ? json(static_cast<double>(on_time) / completed) : json(nullptr);
  return {{"today", iso_date(today)},
          {"totals", totals_json},
          {"items", items},
          {"departments", depts},
          {"overdueCases", overdue_cases},
          {"dueSoonCases", soon_cases},
          {"onTime", {{"completed", completed}, {"onTime", on_time}, {"late", completed - on_time}, {"rate", rate}}}};
}

}  // namespace wb::server
