#include "server/app/seeding.hpp"

#include "native/platform/catalog_dir.hpp"
#include "native/platform/files.hpp"
#include "server/cases/work_calendar.hpp"
#include "server/services/appointment_service.hpp"

namespace wb::server {

const std::vector<DemoAccount>& demo_accounts() {
  // The resident ID is GB 11643-1999's own example; the credit code is a checksum-valid sample. Demo data only.
  static const std::vector<DemoAccount> kAccounts = {
      {AccountKind::Citizen, "11010519491231002X", "张三（演示）", "wangban-demo", {}},
      {AccountKind::Enterprise, "91350100M000100Y43", "示例科技有限公司（演示）", "wangban-demo", {}},
      {AccountKind::Caseworker, "caseworker", "王窗口（演示受理人员）", "wangban-demo", {}},
  };
  return kAccounts;
}

SeedReport seed_catalog(ServerContext& ctx, const std::filesystem::path& dir) {
  SeedReport report;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && native::is_definition_file(it->path())) files.push_back(it->path());
  if (ec) {
    report.failures.push_back(dir.string() + ": " + ec.message());
    return report;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string error;
    auto text = native::read_file(file, error);
    if (!text) {
      report.failures.push_back(file.string() + ": " + error);
      continue;
    }
    bool already = false;
    auto problems = ctx.forms.publish(*text, &already);
    if (!problems.empty())
      report.failures.push_back(file.string() + ": " + format_diagnostic(problems.front(), Lang::En));
    else if (already)
      ++report.unchanged;
    else
      ++report.published;
  }
  return report;
}

int seed_demo_accounts(ServerContext& ctx) {
  if (!ctx.storage->identity().accounts().empty()) return 0;
  int n = 0;
  for (const auto& a : demo_accounts()) {
    ctx.identity.add_account(a.kind, a.login, a.display_name, a.password, a.departments);
    ++n;
  }
  return n;
}

int seed_demo_slots(ServerContext& ctx) {
  if (ctx.storage->services().slot_count() > 0) return 0;
  constexpr std::int64_t kHourMs = 3600LL * 1000, kDayMs = 24 * kHourMs, kChinaOffsetMs = 8 * kHourMs;
  std::int64_t now = ctx.env.clock->now_ms();
  // Midnight today in China Standard Time, as Unix ms.
  std::int64_t local = now + kChinaOffsetMs;
  std::int64_t today = (local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs) * kDayMs - kChinaOffsetMs;
  WorkCalendar calendar;  // Monday to Friday: demo data needs no holiday file
  AppointmentService appointments(ctx);
  int created = 0;
  for (const char* item : {"marriage-registration-appointment", "marriage-certificate-reissue", "disability-certificate"}) {
    auto ready = ctx.forms.latest(item);
    if (!ready || ready->form->visits < 1) continue;
    std::string location = ready->form->guide.location.zh.empty() ? "政务服务中心" : ready->form->guide.location.zh;
    int days = 0;
    for (std::int64_t day = today + kDayMs; days < 10; day += kDayMs) {
      if (!calendar.is_working_day(china_date(day))) continue;
      ++days;
      appointments.create_slot({item, location, day + 9 * kHourMs, day + 11 * kHourMs + kHourMs / 2, 10}, "");
      appointments.create_slot({item, location, day + 14 * kHourMs, day + 17 * kHourMs, 10}, "");
      created += 2;
    }
  }
  return created;
}

}  // namespace wb::server
