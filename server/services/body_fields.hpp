#pragma once
// Reading the fields of a JSON request body with precise refusals: a missing or mistyped field is 400
// protocol.bad_request naming the field; text of the wrong length is 400 protocol.text_length (in characters,
// i.e. Unicode code points, as a person counts them).

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace wb::server {

// The body must be a JSON object.
const nlohmann::json& object_body(const nlohmann::json& body);

std::string string_field(const nlohmann::json& body, const char* name);  // required, a string
std::optional<std::string> optional_string_field(const nlohmann::json& body, const char* name);
std::optional<bool> optional_bool_field(const nlohmann::json& body, const char* name);
std::int64_t integer_field(const nlohmann::json& body, const char* name);  // required, an integer

// Trims spaces and line breaks at both ends and checks the length in characters. `field_zh` names the field for
// the person reading the message ("问题", "回复"…).
std::string checked_text(const std::string& text, const char* field, const char* field_zh, size_t min, size_t max);

// A query parameter that must be an integer from min to max (400 protocol.bad_request otherwise).
std::int64_t parse_integer(const std::string& text, const char* name, std::int64_t min, std::int64_t max);

}  // namespace wb::server
