#pragma once
// Small UTF-8 helpers (the core handles Chinese text everywhere: lengths are in code points, not bytes).

#include <cstddef>
#include <string>
#include <string_view>

namespace wb {

bool is_valid_utf8(std::string_view s);
size_t utf8_length(std::string_view s);         // code points; invalid bytes count one each
size_t utf8_display_width(std::string_view s);  // terminal columns: CJK and full-width forms count two
std::string utf8_pad_right(std::string_view s, size_t width);  // pads with spaces to a display width

}  // namespace wb
