#pragma once
// Standard base64 (RFC 4648 §4) for JSON bodies that carry a file (result documents).

#include <optional>
#include <string>
#include <string_view>

namespace wb::server {

// Decodes standard base64; padding is optional, whitespace and the URL-safe alphabet are not accepted.
// nullopt when the text is not base64.
std::optional<std::string> decode_base64(std::string_view text);

std::string encode_base64(std::string_view bytes);

}  // namespace wb::server
