// Fuzz target: compiling and evaluating any JsonLogic rule against any data must never crash, hang, leak or
// produce JSON that cannot be serialized (compile errors and work limits are fine).
// Input: the rule's JSON text, a newline, the data's JSON text (sample data when absent or not JSON).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/common/json_parse.hpp"
#include "core/logic/logic.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(bytes), size);
  size_t newline = text.find('\n');
  auto rule_json = wb::parse_json(text.substr(0, newline));
  if (!rule_json.value) return 0;
  nlohmann::json data = nlohmann::json::parse(R"({"a": 1, "b": "2", "s": "张三𠮷", "n": null, "t": true,
      "rows": [{"x": 1, "d": "2000-02-29"}, {"x": 2.5}, {"y": [1, 2]}], "id": "11010519491231002X"})");
  if (newline != std::string_view::npos) {
    auto parsed = wb::parse_json(text.substr(newline + 1));
    if (parsed.value) data = std::move(*parsed.value);
  }
  wb::Diagnostic error;
  auto rule = wb::logic::compile(*rule_json.value, &error);
  if (!rule) {
    (void)error.message(wb::Lang::ZhCN);
    (void)error.message(wb::Lang::En);
    return 0;
  }
  (void)rule->reads();
  wb::logic::EvalContext ctx;
  ctx.today = wb::logic::Date{2026, 2, 28};
  ctx.max_work = 200'000;
  nlohmann::json row = data.is_object() && data.contains("rows") && data["rows"].is_array() && !data["rows"].empty()
                           ? data["rows"][0]
                           : nlohmann::json();
  ctx.row = &row;
  ctx.index = 0;
  ctx.log = [](const nlohmann::json& v) { (void)v.dump(); };
  nlohmann::json result = wb::logic::evaluate(*rule, data, ctx, &error);
  (void)result.dump();  // throws (and so crashes the fuzzer) on invalid UTF-8
  return 0;
}
