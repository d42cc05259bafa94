#include "wasm/platform/token_store.hpp"

#include <nlohmann/json.hpp>

namespace wb::wasm {

std::string tokens_to_json(const std::optional<sync::Tokens>& t) {
  if (!t) return "";
  return nlohmann::json{{"accessToken", t->access_token},     {"refreshToken", t->refresh_token},
                        {"accessExpiresAt", t->access_expires_at}, {"accountId", t->account_id},
                        {"accountKind", t->account_kind},     {"displayName", t->display_name}}
      .dump();
}

std::optional<sync::Tokens> tokens_from_json(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  sync::Tokens t;
  t.access_token = j.value("accessToken", "");
  t.refresh_token = j.value("refreshToken", "");
  t.access_expires_at = j.value("accessExpiresAt", std::int64_t{0});
  t.account_id = j.value("accountId", "");
  t.account_kind = j.value("accountKind", "");
  t.display_name = j.value("displayName", "");
  if (t.refresh_token.empty()) return std::nullopt;
  return t;
}

void TokenStore::save(const sync::Tokens& tokens) {
  current_ = tokens;
  dirty_ = true;
}

void TokenStore::clear() {
  current_.reset();
  dirty_ = true;
}

void TokenStore::load_durable(const std::string& text) {
  current_ = tokens_from_json(text);
  dirty_ = in_flight_ = false;
}

std::string TokenStore::take_for_flush() {
  dirty_ = false;
  in_flight_ = true;
  return tokens_to_json(current_);
}

void TokenStore::end_flush(bool ok) {
  if (!in_flight_) return;
  in_flight_ = false;
  if (ok) return;
  // Not saved: keep them and write them with the next flush. Going back to the stored ones would be wrong: a
  // refresh token rotates, and presenting the old one again makes the server revoke the whole sign-in.
  dirty_ = true;
}

}  // namespace wb::wasm
