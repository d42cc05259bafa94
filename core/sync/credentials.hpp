#pragma once
// Where a profile's tokens live. Tokens are secrets, so they are not kept in the profile database with its
// ordinary metadata: the platform decides (native: a 0600 file beside the profile; browser: IndexedDB; a mobile
// app: the OS keychain through the C API).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wb::sync {

struct Tokens {
  std::string access_token;
  std::string refresh_token;
  std::int64_t access_expires_at = 0;  // ms since the epoch, by the engine's clock
  std::string account_id;
  std::string account_kind;            // "citizen", "enterprise", "caseworker"
  std::string display_name;
};

class CredentialStore {
 public:
  virtual ~CredentialStore() = default;
  virtual std::optional<Tokens> load() = 0;
  virtual void save(const Tokens& tokens) = 0;  // durable before returning
  virtual void clear() = 0;
};

// The tokens' one serialised form, the same on every platform (a file, IndexedDB, the app's keychain through the
// C API). Unreadable or damaged text, or tokens without a refresh token, read as none: the person signs in again.
std::string tokens_to_json(const Tokens& tokens);
std::optional<Tokens> tokens_from_json(std::string_view text);

// For tests and short-lived tools.
class MemoryCredentialStore : public CredentialStore {
 public:
  std::optional<Tokens> load() override { return tokens_; }
  void save(const Tokens& tokens) override { tokens_ = tokens; }
  void clear() override { tokens_.reset(); }

 private:
  std::optional<Tokens> tokens_;
};

}  // namespace wb::sync
