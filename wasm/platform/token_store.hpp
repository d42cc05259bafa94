#pragma once
// Where the browser keeps a profile's tokens: beside the profile database in the same IndexedDB database, but not
// in it (tokens are secrets; the profile file holds no secrets). The engine saves synchronously; the host writes
// the tokens in the same IndexedDB transaction as the database's changed blocks, so the promise of the call that
// changed them resolves only once they are durable. A failed write keeps them in memory for the next flush (unlike
// the blocks, which go back: tokens come from the server and older ones may already be spent).

#include <optional>
#include <string>

#include "core/sync/credentials.hpp"

namespace wb::wasm {

class TokenStore : public sync::CredentialStore {
 public:
  std::optional<sync::Tokens> load() override { return current_; }
  void save(const sync::Tokens& tokens) override;
  void clear() override;

  // The host's side. Serialised form: JSON text, or "" for no tokens.
  void load_durable(const std::string& text);
  bool dirty() const { return dirty_; }
  std::string take_for_flush();  // what to write; the flush must end with end_flush
  void end_flush(bool ok);

 private:
  std::optional<sync::Tokens> current_;
  bool dirty_ = false;
  bool in_flight_ = false;
};

}  // namespace wb::wasm
