#pragma once
// Runs the `wangban` binary with arguments and captures its exit code, stdout and stderr.

#include <string>
#include <vector>

namespace wb::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Arguments are passed as-is (no shell); `input` is written to the program's stdin.
CliResult run_cli(const std::vector<std::string>& args, const std::string& input = "");

// A fresh, empty temporary directory (removed by the OS's tmp cleaning; tests keep their files small).
std::string make_temp_dir();
void write_file(const std::string& path, const std::string& content);

}  // namespace wb::test
