// `wangban form check`: lint form definitions for authors.

#include <iostream>

#include "core/form/form_loader.hpp"
#include "native/cli/cli_context.hpp"
#include "native/platform/files.hpp"

namespace wb::cli {
namespace {

nlohmann::json diagnostic_json(const Diagnostic& d, Lang lang) {
  nlohmann::json j = {{"pointer", d.pointer}, {"code", std::string(error_id(d.code))}, {"message", d.message(lang)}};
  if (d.line > 0) {
    j["line"] = d.line;
    j["column"] = d.column;
  }
  return j;
}

void run_check(Context& ctx, const std::vector<std::string>& files, bool json) {
  Lang lang = ctx.lang();
  nlohmann::json report = nlohmann::json::array();
  bool any_findings = false;
  for (const auto& file : files) {
    std::string error;
    auto text = native::read_file(file, error);
    if (!text) throw Error(ErrorCode::Unreadable, {{"what", file}, {"detail", error}});
    auto result = form::load_form_text(*text);
    any_findings = any_findings || !result.ok();
    if (json) {
      nlohmann::json diags = nlohmann::json::array();
      for (const auto& d : result.diagnostics) diags.push_back(diagnostic_json(d, lang));
      report.push_back({{"file", file}, {"ok", result.ok()}, {"errors", diags}});
      continue;
    }
    if (result.ok()) {
      std::cout << file << ": " << (lang == Lang::En ? "OK" : "通过") << " (" << result.form->id << " v"
                << result.form->version << ")\n";
      continue;
    }
    for (const auto& d : result.diagnostics) std::cout << file << ":" << format_diagnostic(d, lang) << "\n";
    std::cout << file << ": " << result.diagnostics.size() << (lang == Lang::En ? " problem(s)" : " 个问题") << "\n";
  }
  if (json) std::cout << report.dump(2) << "\n";
  if (any_findings) ctx.exit_code = kExitFindings;
}

}  // namespace

void add_form_commands(CLI::App& app, Context& ctx) {
  auto* form = app.add_subcommand("form", "Work with form definitions");
  form->require_subcommand(1);
  auto files = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  auto* check = form->add_subcommand("check", "Lint form definitions: exit 0 when clean, 1 with errors, 2 on usage errors");
  check->add_option("FILE", *files, "Form definition files")->required();
  check->add_flag("--json", *json, "Print the findings as JSON");
  check->callback([&ctx, files, json] { run_check(ctx, *files, *json); });
}

}  // namespace wb::cli
