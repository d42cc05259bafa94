#include "core/sync/credentials.hpp"

#include <nlohmann/json.hpp>

namespace wb::sync {

std::string tokens_to_json(const Tokens& t) {
  return nlohmann::json{{"accessToken", t.access_token}, {"refreshToken", t.refresh_token},
                        {"accessExpiresAt", t.access_expires_at}, {"accountId", t.account_id},
                        {"accountKind", t.account_kind}, {"displayName", t.display_name}}
      .dump();
}

std::optional<Tokens> tokens_from_json(std::string_view text) {
  if (text.empty()) return std::nullopt;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  // A wrongly typed member reads as missing rather than throwing: the outcome is the same (sign in again).
  auto text_of = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Tokens t;
  t.access_token = text_of("accessToken");
  t.refresh_token = text_of("refreshToken");
  auto expires = j.find("accessExpiresAt");
  t.access_expires_at = expires != j.end() && expires->is_number_integer() ? expires->get<std::int64_t>() : 0;
  t.account_id = text_of("accountId");
  t.account_kind = text_of("accountKind");
  t.display_name = text_of("displayName");
  if (t.refresh_token.empty()) return std::nullopt;
  return t;
}

}  // namespace wb::sync
