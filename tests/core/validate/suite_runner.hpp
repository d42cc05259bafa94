#pragma once
// Runs JSON-Schema-Test-Suite files against core/validate (shared by the conformance test and the CONFORMANCE.md
// generator).

#include <string>
#include <vector>

#include "core/validate/validator.hpp"

namespace wb::test {

struct SuiteFailure {
  std::string file, group, test, detail;
};

struct SuiteFileResult {
  std::string file;  // relative to the draft folder ("optional/format/date.json")
  int passed = 0;
  int total = 0;
  std::vector<SuiteFailure> failures;
};

// Every .json file under tests/<draft>/ (required first, then optional/, then optional/format/).
std::vector<std::string> suite_files(const std::string& draft_dir_name);

// Runs one file. `optional/format/*` files run with formats asserted, as the suite intends.
SuiteFileResult run_suite_file(const std::string& draft_dir_name, const std::string& relative_file,
                               validate::Draft draft);

// A resolver mapping http://localhost:1234/ to the suite's remotes/ folder.
validate::Resolver suite_resolver();

}  // namespace wb::test
