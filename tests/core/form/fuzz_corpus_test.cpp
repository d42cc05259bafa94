#include <doctest/doctest.h>

#include "core/form/form_loader.hpp"
#include "tests/support/test_files.hpp"

// Replays every input the form-loader fuzzer kept (tests/fuzz/corpus/fuzz_form_loader): each must load or be
// refused with diagnostics, never crash; and a refused input always has at least one diagnostic.
TEST_CASE("the form loader's fuzz corpus replays cleanly") {
  auto files = wb::test::list_dir(wb::test::source_dir() + "/tests/fuzz/corpus/fuzz_form_loader");
  REQUIRE_FALSE(files.empty());
  for (const auto& f : files) {
    auto r = wb::form::load_form_text(wb::test::read_file(f));
    CHECK((r.ok() || !r.diagnostics.empty()));
  }
}
