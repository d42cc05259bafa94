// `wangban catalog list|show`: browse the service catalog in a terminal.

#include <iostream>

#include "core/common/utf8.hpp"
#include "native/cli/cli_context.hpp"
#include "native/cli/guide_printer.hpp"
#include "native/platform/catalog_dir.hpp"

namespace wb::cli {
namespace {

struct ListOptions {
  std::string audience, department, query;
  int visits = -1;
  bool json = false;
};

native::CatalogLoad load(const Context& ctx) {
  auto dir = ctx.catalog_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw Error(ErrorCode::Unreadable, {{"what", dir.string()}, {"detail", ctx.lang() == Lang::En ? "not a folder" : "不是文件夹"}});
  auto loaded = native::load_catalog_dir(dir);
  for (const auto& [path, diags] : loaded.failures) {
    std::cerr << "wangban: " << (ctx.lang() == Lang::En ? "skipped " : "已跳过 ") << path.string() << " ("
              << diags.size() << (ctx.lang() == Lang::En ? " problems; run `wangban form check` on it)" : " 个问题；请用 `wangban form check` 检查)")
              << "\n";
  }
  if (loaded.catalog.items().empty() && loaded.failures.empty()) {
    throw Error(ErrorCode::Unreadable, {{"what", dir.string()}, {"detail", ctx.lang() == Lang::En ? "no form definitions found" : "未找到表单定义"}});
  }
  return loaded;
}

void run_list(const Context& ctx, const ListOptions& o) {
  auto loaded = load(ctx);
  catalog::Filter filter;
  if (o.audience == "citizen") filter.audience = form::Audience::Citizen;
  if (o.audience == "enterprise") filter.audience = form::Audience::Enterprise;
  if (!o.department.empty()) filter.department = o.department;
  if (o.visits >= 0) filter.visits = o.visits;
  filter.query = o.query;
  auto items = loaded.catalog.list(filter);
  Lang lang = ctx.lang();
  if (o.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& f : items) arr.push_back(catalog::summary_json(*f));
    std::cout << arr.dump(2) << "\n";
    return;
  }
  size_t id_width = 4;
  for (const auto& f : items) id_width = std::max(id_width, f->id.size());
  std::cout << utf8_pad_right(lang == Lang::En ? "ID" : "事项编码", id_width + 2)
            << utf8_pad_right(lang == Lang::En ? "Visits" : "跑动", 8) << utf8_pad_right(lang == Lang::En ? "For" : "对象", 14)
            << (lang == Lang::En ? "Title — department" : "事项名称 — 办理部门") << "\n";
  for (const auto& f : items) {
    std::string deps;
    for (const auto& d : f->departments) deps += (deps.empty() ? "" : (lang == Lang::En ? ", " : "、")) + d.name.get(lang);
    std::cout << utf8_pad_right(f->id, id_width + 2) << utf8_pad_right(std::to_string(f->visits), 8)
              << utf8_pad_right(audience_label(f->audience, lang), 14) << f->title.get(lang) << " — " << deps << "\n";
  }
  std::cout << "\n"
            << (lang == Lang::En ? std::to_string(items.size()) + " of " + std::to_string(loaded.catalog.items().size()) + " items (sample data)"
                                 : "共 " + std::to_string(items.size()) + " / " + std::to_string(loaded.catalog.items().size()) + " 个事项（示例数据）")
            << "\n";
}

void run_show(const Context& ctx, const std::string& id, bool json) {
  auto loaded = load(ctx);
  auto f = loaded.catalog.find(id);
  if (!f) throw Error(ErrorCode::NotFound, {{"what", id}});
  if (json) {
    std::cout << f->source.dump(2) << "\n";
    return;
  }
  print_guide(std::cout, *f, ctx.lang());
}

}  // namespace

void add_catalog_commands(CLI::App& app, Context& ctx) {
  auto* cat = app.add_subcommand("catalog", "Browse the service catalog (sample data)");
  cat->require_subcommand(1);

  auto opts = std::make_shared<ListOptions>();
  auto* list = cat->add_subcommand("list", "List service items, optionally filtered");
  list->add_option("--audience", opts->audience, "citizen or enterprise")->check(CLI::IsMember({"citizen", "enterprise"}));
  list->add_option("--department", opts->department, "Department id or part of its name");
  list->add_option("--visits", opts->visits, "In-person visits: 0, 1 or 2")->check(CLI::Range(0, 2));
  list->add_option("--query,-q", opts->query, "Text to search in titles, topics and keywords");
  list->add_flag("--json", opts->json, "Print JSON");
  list->callback([&ctx, opts] { run_list(ctx, *opts); });

  auto id = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  auto* show = cat->add_subcommand("show", "Show an item's service guide (all ten elements)");
  show->add_option("ID", *id, "Item id, as printed by `catalog list`")->required();
  show->add_flag("--json", *show_json, "Print the whole form definition as JSON");
  show->callback([&ctx, id, show_json] { run_show(ctx, *id, *show_json); });
}

}  // namespace wb::cli
