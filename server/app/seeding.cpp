#include "server/app/seeding.hpp"

#include "native/platform/catalog_dir.hpp"
#include "native/platform/files.hpp"

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

}  // namespace wb::server
