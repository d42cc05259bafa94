#pragma once
// Operator commands that work on a data directory directly (the server may be running: SQLite's WAL lets both
// work at once).

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "core/common/environment.hpp"

namespace wb::server {

class OperatorCommands {
 public:
  void add_to(CLI::App& app);
  bool selected() const;
  int run(Environment env);  // the exit code

 private:
  int cases(Environment env);
  int accounts_add(Environment env);
  int accounts_list(Environment env);
  int forms_publish(Environment env);
  int routes(Environment env);

  CLI::App* cases_ = nullptr;
  CLI::App* accounts_add_ = nullptr;
  CLI::App* accounts_list_ = nullptr;
  CLI::App* forms_publish_ = nullptr;
  CLI::App* routes_ = nullptr;
  std::string data_dir = "server-data";
  bool json = false;
  std::string kind, id, name;
  std::vector<std::string> departments;
  bool password_stdin = false;
  std::string form_file;
};

}  // namespace wb::server
