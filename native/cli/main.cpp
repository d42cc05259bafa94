// `wangban`: the command-line client. Subcommands live in *_commands.cpp; this file wires them and guarantees
// the exit-code contract: 0 ok, 1 findings, 2 usage errors, and never a stack trace.

#include <iostream>

#include "native/cli/cli_context.hpp"
#include "native/platform/catalog_dir.hpp"

namespace wb::cli {

std::filesystem::path Context::catalog_path() const {
  return catalog_dir.empty() ? native::default_catalog_dir() : std::filesystem::path(catalog_dir);
}

}  // namespace wb::cli

int main(int argc, char** argv) {
  using namespace wb::cli;
  Context ctx;
  CLI::App app{"wangban — 网办 Wangban government e-services SDK command line\n"
               "Browse the service catalog, read service guides and lint form definitions.",
               "wangban"};
  app.set_version_flag("--version", "wangban 0.1.0");
  app.option_defaults()->always_capture_default();
  app.add_option("--lang", ctx.lang_tag, "Language of output: zh-CN (default) or en")
      ->check(CLI::IsMember({"zh-CN", "zh", "en"}));
  app.add_option("--catalog", ctx.catalog_dir, "Folder of form definitions (default: $WANGBAN_CATALOG or the sample catalog)");
  app.add_option("--profile", ctx.profile_dir, "Folder of a local profile (drafts, outbox); created when missing");
  app.require_subcommand(1);
  app.fallthrough();
  add_catalog_commands(app, ctx);
  add_form_commands(app, ctx);
  add_validate_commands(app, ctx);
  add_logic_commands(app, ctx);
  add_profile_commands(app, ctx);
  add_sync_commands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e, std::cout, std::cerr);
    return kExitUsage;
  } catch (const wb::Error& e) {
    std::cerr << "wangban: " << e.diagnostic().message(ctx.lang()) << "\n";
    switch (e.code()) {
      case wb::ErrorCode::Unreadable:
      case wb::ErrorCode::InvalidArgument:
      case wb::ErrorCode::StoreForeign:
      case wb::ErrorCode::StoreCorrupt:
      case wb::ErrorCode::StoreTooNew:
      case wb::ErrorCode::StoreBusy:
      case wb::ErrorCode::StoreIo: return kExitUsage;
      default: return kExitFindings;
    }
  } catch (const std::exception& e) {
    std::cerr << "wangban: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  return ctx.exit_code;
}
