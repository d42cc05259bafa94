#pragma once
// Accounts and tokens. Tokens are stored only as SHA-256 hashes: a copy of the database never signs anyone in.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wb::server {

enum class AccountKind { Citizen, Enterprise, Caseworker };
std::string_view account_kind_name(AccountKind kind);  // "citizen", "enterprise", "caseworker"
std::optional<AccountKind> parse_account_kind(std::string_view name);

struct Account {
  std::string id;            // internal id ("acc_…"): the only account reference in logs, tokens and cases
  AccountKind kind = AccountKind::Citizen;
  std::string login;         // resident ID, credit code or staff number: personal data, never logged
  std::string display_name;
  std::string password_hash; // "pbkdf2-sha256$iterations$salt$hash"
  std::vector<std::string> departments;  // caseworkers: the departments they act for (empty: all)
  std::int64_t created_at = 0;
};

struct RefreshRecord {
  std::string account_id;
  std::string family;
  bool used = false;
  bool family_revoked = false;
  std::int64_t expires_at = 0;
};

class IdentityStore {
 public:
  virtual ~IdentityStore() = default;

  // Throws wb::Error(AuthAccountExists) when the login is taken.
  virtual void add_account(const Account& account) = 0;
  virtual std::optional<Account> account_by_login(const std::string& login) = 0;
  virtual std::optional<Account> account_by_id(const std::string& id) = 0;
  virtual std::vector<Account> accounts() = 0;

  // A new token family (one sign-in) with its first access and refresh tokens.
  virtual void start_family(const std::string& family, const std::string& account_id, const std::string& access_hash,
                            std::int64_t access_expires_at, const std::string& refresh_hash,
                            std::int64_t refresh_expires_at, std::int64_t now) = 0;
  // Atomically marks the refresh token used and issues its successors in the same family. Returns false (and
  // changes nothing) when the token was already used, is unknown, or its family is revoked.
  virtual bool rotate_refresh(const std::string& old_refresh_hash, const std::string& access_hash,
                              std::int64_t access_expires_at, const std::string& refresh_hash,
                              std::int64_t refresh_expires_at, std::int64_t now) = 0;
  virtual std::optional<RefreshRecord> refresh_token(const std::string& refresh_hash) = 0;
  // The account id of a live access token (not expired at `now`, family not revoked).
  virtual std::optional<std::string> access_token_account(const std::string& access_hash, std::int64_t now) = 0;
  virtual std::optional<std::string> access_token_family(const std::string& access_hash) = 0;
  virtual void revoke_family(const std::string& family) = 0;
  // Deletes expired tokens and revoked families' tokens (run from time to time).
  virtual void purge_tokens(std::int64_t now) = 0;
};

}  // namespace wb::server
