#pragma once
// RFC 6901 JSON Pointers as strings: building, splitting and escaping. Pointers are how every Wangban error says
// where it is ("/applicant/idNumber", "/household/2/income").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wb {

std::string escape_pointer_token(std::string_view token);
std::string pointer_from_tokens(const std::vector<std::string>& tokens);
std::string pointer_append(std::string_view pointer, std::string_view token);
std::string pointer_append(std::string_view pointer, size_t index);

// Splits and unescapes; nullopt when the text is not a valid JSON Pointer ("a/b", "/~2").
std::optional<std::vector<std::string>> split_pointer(std::string_view pointer);

// True when s is a non-negative array index token without leading zeros ("0", "12", not "01" or "-").
bool is_index_token(std::string_view s);

}  // namespace wb
