// Replays the kept fuzz corpus of fuzz_logic (tests/fuzz/corpus/fuzz_logic), natively and in wasm: every input
// compiles or fails cleanly, and evaluates to serializable JSON without crashing.

#include <doctest/doctest.h>

#include "core/common/json_parse.hpp"
#include "tests/core/logic/logic_test_util.hpp"
#include "tests/support/test_files.hpp"

TEST_CASE("logic: the fuzz corpus replays cleanly") {
  auto files = wb::test::list_dir(wb::test::source_dir() + "/tests/fuzz/corpus/fuzz_logic");
  CHECK(!files.empty());
  int compiled = 0;
  for (const auto& file : files) {
    std::string text = wb::test::read_file(file);
    std::string_view view(text);
    size_t newline = view.find('\n');
    auto rule_json = wb::parse_json(view.substr(0, newline));
    if (!rule_json.value) continue;
    nlohmann::json data = nlohmann::json::parse(R"({"a": 1, "rows": [{"x": 1}, {"x": 2.5}]})");
    if (newline != std::string_view::npos) {
      auto parsed = wb::parse_json(view.substr(newline + 1));
      if (parsed.value) data = std::move(*parsed.value);
    }
    wb::Diagnostic error;
    auto rule = wb::logic::compile(*rule_json.value, &error);
    if (!rule) {
      CHECK(error.code != wb::ErrorCode::Ok);
      continue;
    }
    ++compiled;
    wb::logic::EvalContext ctx;
    ctx.today = wb::logic::Date{2026, 2, 28};
    ctx.max_work = 200'000;
    INFO(file);
    nlohmann::json result = wb::logic::evaluate(*rule, data, ctx, &error);
    CHECK_NOTHROW((void)result.dump());
  }
  MESSAGE("fuzz_logic corpus: ", files.size(), " files, ", compiled, " compiled");
}
