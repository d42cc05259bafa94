// Fuzz target: the form loader must never crash, hang or leak on any input (findings are fine).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/form/form_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = wb::form::load_form_text(text);
  for (const auto& d : result.diagnostics) {
    (void)d.message(wb::Lang::ZhCN);
    (void)d.message(wb::Lang::En);
  }
  return 0;
}
