#pragma once
// What every `wangban` command shares: the chosen language, where the catalog is, and the exit codes.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>

#include "core/common/errors.hpp"

namespace wb::cli {

// Exit codes, the same for every command.
constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;  // the input was read and has problems (invalid form, invalid data, ...)
constexpr int kExitUsage = 2;     // bad arguments, unreadable files, schemas that do not compile
constexpr int kExitInternal = 70;

struct Context {
  std::string lang_tag = "zh-CN";
  std::string catalog_dir;  // empty: the default
  std::string profile_dir;  // --profile: the folder of one local profile
  int exit_code = kExitOk;

  Lang lang() const { return parse_lang(lang_tag).value_or(Lang::ZhCN); }
  std::filesystem::path catalog_path() const;
};

void add_catalog_commands(CLI::App& app, Context& ctx);
void add_form_commands(CLI::App& app, Context& ctx);
void add_validate_commands(CLI::App& app, Context& ctx);  // validate, form validate
void add_logic_commands(CLI::App& app, Context& ctx);     // logic
void add_profile_commands(CLI::App& app, Context& ctx);   // drafts, submit, outbox
void add_sync_commands(CLI::App& app, Context& ctx);      // login, logout, sync

}  // namespace wb::cli
