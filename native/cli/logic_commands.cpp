// `wangban logic`: evaluate a JsonLogic rule against data and print the result as JSON.
//   wangban logic --rule R.json [--data D.json] [--today YYYY-MM-DD]
// Exit 0 with the result on stdout; 2 when a file is unreadable or not JSON, the rule does not compile, or the
// date is malformed (the precise error on stderr); 1 when the evaluation was stopped by the work limit.
// `log` operations print their values to stderr.

#include <iostream>
#include <memory>

#include "core/common/json_parse.hpp"
#include "core/logic/logic.hpp"
#include "native/cli/cli_context.hpp"
#include "native/platform/files.hpp"

namespace wb::cli {
namespace {

struct LogicOptions {
  std::string rule_file;
  std::string data_file;
  std::string today;
};

// Reads and parses a JSON file; prints the problem and returns nullopt when it cannot.
std::optional<nlohmann::json> read_json(const std::string& file, Lang lang) {
  std::string error;
  auto text = native::read_file(file, error);
  if (!text) throw Error(ErrorCode::Unreadable, {{"what", file}, {"detail", error}});
  auto parsed = parse_json(*text);
  if (!parsed.ok()) {
    for (const auto& d : parsed.diagnostics) std::cerr << "wangban: " << file << ": " << format_diagnostic(d, lang) << "\n";
    return std::nullopt;
  }
  return std::move(parsed.value);
}

void run_logic(Context& ctx, const LogicOptions& o) {
  Lang lang = ctx.lang();
  logic::EvalContext eval;
  if (!o.today.empty()) {
    eval.today = logic::parse_iso_date(o.today);
    if (!eval.today)
      throw Error(ErrorCode::InvalidArgument, {{"detail", "--today " + o.today + " (YYYY-MM-DD)"}});
  }
  auto rule_json = read_json(o.rule_file, lang);
  if (!rule_json) {
    ctx.exit_code = kExitUsage;
    return;
  }
  nlohmann::json data;
  if (!o.data_file.empty()) {
    auto d = read_json(o.data_file, lang);
    if (!d) {
      ctx.exit_code = kExitUsage;
      return;
    }
    data = std::move(*d);
  }
  Diagnostic error;
  auto rule = logic::compile(*rule_json, &error);
  if (!rule) {
    std::cerr << "wangban: " << o.rule_file << ": " << format_diagnostic(error, lang) << "\n";
    ctx.exit_code = kExitUsage;
    return;
  }
  eval.log = [](const nlohmann::json& v) { std::cerr << "log: " << v.dump() << "\n"; };
  nlohmann::json result = logic::evaluate(*rule, data, eval, &error);
  if (error.code != ErrorCode::Ok) {
    std::cerr << "wangban: " << o.rule_file << ": " << error.message(lang) << " [" << error_id(error.code) << "]\n";
    ctx.exit_code = kExitFindings;
    return;
  }
  std::cout << result.dump() << "\n";
}

}  // namespace

void add_logic_commands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<LogicOptions>();
  auto* cmd = app.add_subcommand("logic", "Evaluate a JsonLogic rule against data and print the result as JSON");
  cmd->add_option("--rule", o->rule_file, "The rule (a JSON file)")->required();
  cmd->add_option("--data", o->data_file, "The data (a JSON file; default: null)");
  cmd->add_option("--today", o->today, "The evaluation date for `today` and `age` (YYYY-MM-DD; default: none)");
  cmd->callback([&ctx, o] { run_logic(ctx, *o); });
}

}  // namespace wb::cli
