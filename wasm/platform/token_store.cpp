#include "wasm/platform/token_store.hpp"

namespace wb::wasm {

void TokenStore::save(const sync::Tokens& tokens) {
  current_ = tokens;
  dirty_ = true;
}

void TokenStore::clear() {
  current_.reset();
  dirty_ = true;
}

void TokenStore::load_durable(const std::string& text) {
  current_ = sync::tokens_from_json(text);
  dirty_ = in_flight_ = false;
}

std::string TokenStore::take_for_flush() {
  dirty_ = false;
  in_flight_ = true;
  return current_ ? sync::tokens_to_json(*current_) : std::string();
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
