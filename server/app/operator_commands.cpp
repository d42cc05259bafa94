#include "server/app/operator_commands.hpp"

#include <iostream>

#include <unistd.h>

#include "native/platform/files.hpp"
#include "server/app/server_app.hpp"
#include "server/app/server_context.hpp"
#include "server/storage/storage.hpp"

namespace wb::server {
namespace {

std::unique_ptr<ServerContext> open_context(const std::string& data_dir, Environment env) {
  std::error_code ec;
  if (!std::filesystem::is_directory(data_dir, ec))
    throw Error(ErrorCode::Unreadable, {{"what", data_dir}, {"detail", "no such data folder"}});
  ServerConfig config;
  config.data_dir = data_dir;
  auto storage = open_sqlite_storage((config.data_dir / "server.db").string());
  return std::make_unique<ServerContext>(config, env, std::move(storage), nullptr);
}

}  // namespace

void OperatorCommands::add_to(CLI::App& app) {
  cases_ = app.add_subcommand("cases", "List every case: account, idempotency key, form version, state, departments");
  cases_->add_option("--data", data_dir, "The server's data folder")->required();
  cases_->add_flag("--json", json, "Print JSON");

  auto* accounts = app.add_subcommand("accounts", "Manage accounts");
  accounts->require_subcommand(1);
  accounts_add_ = accounts->add_subcommand("add", "Add an account (the password is read from standard input)");
  accounts_add_->add_option("--data", data_dir, "The server's data folder")->required();
  accounts_add_->add_option("--kind", kind, "citizen | enterprise | caseworker")
      ->required()->check(CLI::IsMember({"citizen", "enterprise", "caseworker"}));
  accounts_add_->add_option("--id", id, "Resident ID number, unified social credit code, or staff number")->required();
  accounts_add_->add_option("--name", name, "Display name");
  accounts_add_->add_option("--department", departments, "Caseworkers: a department id they act for (repeatable)");
  accounts_add_->add_flag("--password-stdin", password_stdin, "Read the password from standard input")->required();
  accounts_list_ = accounts->add_subcommand("list", "List accounts");
  accounts_list_->add_option("--data", data_dir, "The server's data folder")->required();
  accounts_list_->add_flag("--json", json, "Print JSON");

  auto* forms = app.add_subcommand("forms", "Manage published forms");
  forms->require_subcommand(1);
  forms_publish_ = forms->add_subcommand("publish", "Publish a form definition (a new version of an item)");
  forms_publish_->add_option("--data", data_dir, "The server's data folder")->required();
  forms_publish_->add_option("file", form_file, "The form definition (JSON)")->required();

  routes_ = app.add_subcommand("routes", "Print the routes this build serves (method and OpenAPI path), as JSON");
}

bool OperatorCommands::selected() const {
  return cases_->parsed() || accounts_add_->parsed() || accounts_list_->parsed() || forms_publish_->parsed() ||
         routes_->parsed();
}

int OperatorCommands::run(Environment env) {
  if (cases_->parsed()) return cases(env);
  if (accounts_add_->parsed()) return accounts_add(env);
  if (accounts_list_->parsed()) return accounts_list(env);
  if (routes_->parsed()) return routes(env);
  return forms_publish(env);
}

int OperatorCommands::cases(Environment env) {
  auto ctx = open_context(data_dir, env);
  auto all = ctx->storage->cases().all_cases();
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : all) {
      nlohmann::json deps = nlohmann::json::array();
      for (const auto& d : c.departments)
        deps.push_back({{"department", d.department}, {"role", d.role}, {"state", std::string(case_state_name(d.state))}});
      out.push_back({{"caseId", c.id}, {"acceptanceNumber", c.acceptance_number}, {"account", c.account_id},
                     {"idempotencyKey", c.idempotency_key}, {"itemId", c.item_id}, {"formVersion", c.form_version},
                     {"state", std::string(case_state_name(c.state))}, {"submittedAt", c.submitted_at},
                     {"dueDate", c.due_date}, {"departments", deps}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  for (const auto& c : all) {
    std::cout << c.acceptance_number << "  " << c.id << "  " << c.account_id << "  " << c.item_id << "@v"
              << c.form_version << "  " << case_state_name(c.state) << "  key=" << c.idempotency_key;
    for (const auto& d : c.departments) std::cout << "  " << d.department << ":" << case_state_name(d.state);
    std::cout << "\n";
  }
  std::cout << all.size() << " case(s)\n";
  return 0;
}

int OperatorCommands::accounts_add(Environment env) {
  auto ctx = open_context(data_dir, env);
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto account = ctx->identity.add_account(*parse_account_kind(kind), id, name.empty() ? id : name, password,
                                           departments);
  std::cout << account.id << "\n";
  return 0;
}

int OperatorCommands::accounts_list(Environment env) {
  auto ctx = open_context(data_dir, env);
  auto all = ctx->storage->identity().accounts();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : all) {
    if (json)
      out.push_back({{"id", a.id}, {"kind", std::string(account_kind_name(a.kind))}, {"login", a.login},
                     {"displayName", a.display_name}, {"departments", a.departments}});
    else
      std::cout << a.id << "  " << account_kind_name(a.kind) << "  " << a.login << "  " << a.display_name << "\n";
  }
  if (json) std::cout << out.dump(2) << "\n";
  return 0;
}

int OperatorCommands::forms_publish(Environment env) {
  auto ctx = open_context(data_dir, env);
  std::string error;
  auto text = native::read_file(form_file, error);
  if (!text) throw Error(ErrorCode::Unreadable, {{"what", form_file}, {"detail", error}});
  bool already = false;
  auto problems = ctx->forms.publish(*text, &already);
  for (const auto& p : problems) std::cerr << form_file << ": " << format_diagnostic(p, Lang::En) << "\n";
  if (!problems.empty()) return 1;
  std::cout << (already ? "already published (published versions never change)\n" : "published\n");
  return already ? 1 : 0;
}

int OperatorCommands::routes(Environment env) {
  // The routes are those an app installs; build one over a throwaway data folder, without seeding.
  auto dir = std::filesystem::temp_directory_path() /
             ("wangban-routes-" + std::to_string(env.clock->now_ms()) + "-" + std::to_string(::getpid()));
  nlohmann::json out = nlohmann::json::array();
  {
    ServerConfig config;
    config.data_dir = dir;
    config.seed_demo_accounts = false;
    config.identity.pbkdf2_iterations = 1;
    ServerApp app(config, env, nullptr);
    for (const auto& r : app.routes()) out.push_back({{"method", r.method}, {"path", r.path}});
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace wb::server
