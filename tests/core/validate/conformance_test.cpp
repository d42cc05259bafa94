// JSON-Schema-Test-Suite conformance (draft 2020-12 and draft-07): every required test must pass (no skip list);
// optional files are run and counted. With WANGBAN_CONFORMANCE_OUT=path, the run also writes the Markdown table
// of docs/CONFORMANCE.md to that path (see that file for the command).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/core/validate/suite_runner.hpp"

using wb::test::run_suite_file;
using wb::test::suite_files;
using wb::validate::Draft;

namespace {

struct DraftReport {
  int required_passed = 0, required_total = 0, optional_passed = 0, optional_total = 0;
  std::ostringstream table;
};

DraftReport run_draft(const std::string& dir, Draft draft) {
  DraftReport rep;
  rep.table << "| file | passed | total |\n|---|---:|---:|\n";
  for (const auto& file : suite_files(dir)) {
    auto r = run_suite_file(dir, file, draft);
    bool optional = file.rfind("optional/", 0) == 0;
    if (optional) {
      rep.optional_passed += r.passed;
      rep.optional_total += r.total;
      rep.table << "| " << file << " | " << r.passed << " | " << r.total << " |\n";
    } else {
      rep.required_passed += r.passed;
      rep.required_total += r.total;
      for (const auto& f : r.failures) {
        INFO(dir << "/" << f.file << " — " << f.group << " — " << f.test << ": " << f.detail);
        CHECK(false);
      }
    }
  }
  return rep;
}

void maybe_write(const DraftReport& a, const DraftReport& b) {
  const char* out = std::getenv("WANGBAN_CONFORMANCE_OUT");
  if (out == nullptr || *out == '\0') return;
  std::ofstream f(out);
  f << "### draft 2020-12\n\nRequired: " << a.required_passed << " / " << a.required_total
    << " passed. Optional: " << a.optional_passed << " / " << a.optional_total << ".\n\n"
    << a.table.str() << "\n### draft-07\n\nRequired: " << b.required_passed << " / " << b.required_total
    << " passed. Optional: " << b.optional_passed << " / " << b.optional_total << ".\n\n"
    << b.table.str();
}

}  // namespace

TEST_CASE("validate: JSON-Schema-Test-Suite draft 2020-12 and draft-07 (required must all pass)") {
  auto a = run_draft("draft2020-12", Draft::Draft2020_12);
  auto b = run_draft("draft7", Draft::Draft7);
  MESSAGE("draft2020-12 required " << a.required_passed << "/" << a.required_total << ", optional "
                                   << a.optional_passed << "/" << a.optional_total);
  MESSAGE("draft7 required " << b.required_passed << "/" << b.required_total << ", optional " << b.optional_passed
                             << "/" << b.optional_total);
  CHECK(a.required_total > 1000);
  CHECK(b.required_total > 800);
  CHECK(a.required_passed == a.required_total);
  CHECK(b.required_passed == b.required_total);
  maybe_write(a, b);
}
