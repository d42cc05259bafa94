#include "server/services/body_fields.hpp"

#include <charconv>

#include "core/common/utf8.hpp"
#include "server/http/api_error.hpp"

namespace wb::server {
namespace {

[[noreturn]] void bad(const std::string& detail) {
  throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", detail}});
}

}  // namespace

const nlohmann::json& object_body(const nlohmann::json& body) {
  if (!body.is_object()) bad("a JSON object is expected");
  return body;
}

std::string string_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) bad(std::string("\"") + name + "\" (a string) is required");
  return it->get<std::string>();
}

std::optional<std::string> optional_string_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) bad(std::string("\"") + name + "\" must be a string");
  return it->get<std::string>();
}

std::optional<bool> optional_bool_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) bad(std::string("\"") + name + "\" must be true or false");
  return it->get<bool>();
}

std::int64_t integer_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
    bad(std::string("\"") + name + "\" (an integer) is required");
  return it->get<std::int64_t>();
}

std::string checked_text(const std::string& text, const char* field, const char* field_zh, size_t min, size_t max) {
  constexpr std::string_view kSpace = " \t\r\n";
  auto b = text.find_first_not_of(kSpace);
  std::string trimmed = b == std::string::npos ? "" : text.substr(b, text.find_last_not_of(kSpace) - b + 1);
  size_t n = utf8_length(trimmed);
  if (n < min || n > max)
    throw ApiError(400, Diagnostic{ErrorCode::ProtoTextLength, std::string("/") + field,
                                   {{"field", field}, {"field_zh", field_zh}, {"min", std::to_string(min)},
                                    {"max", std::to_string(max)}},
                                   0, 0});
  return trimmed;
}

std::int64_t parse_integer(const std::string& text, const char* name, std::int64_t min, std::int64_t max) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || v < min || v > max)
    bad(std::string(name) + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  return v;
}

}  // namespace wb::server
