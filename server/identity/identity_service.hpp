#pragma once
// Unified identity (统一身份认证): one sign-in for every department. Natural persons sign in with their resident
// ID, enterprises with their unified social credit code, caseworkers with a staff number. Access tokens are short-
// lived; refresh tokens rotate on every use, and presenting a used refresh token again revokes its whole family
// (it was stolen or replayed). Sign-out revokes the family.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/environment.hpp"
#include "server/identity/login_rate_limiter.hpp"
#include "server/storage/identity_store.hpp"

namespace wb::server {

struct IdentityConfig {
  std::int64_t access_ttl_ms = 15 * 60 * 1000;
  std::int64_t refresh_ttl_ms = 30LL * 24 * 3600 * 1000;
  int pbkdf2_iterations = 310000;
  RateLimit per_login{5, 15 * 60 * 1000};
  RateLimit per_client{50, 15 * 60 * 1000};
};

struct TokenPair {
  std::string access_token;
  std::string refresh_token;
  std::int64_t access_expires_at = 0;
  std::int64_t refresh_expires_at = 0;
  Account account;
};

class IdentityService {
 public:
  IdentityService(IdentityStore& store, Environment env, IdentityConfig config = {});

  // Refuses an invalid resident ID / credit code / staff number (auth.bad_account_id), a short password
  // (auth.weak_password) and a taken login (auth.account_exists).
  Account add_account(AccountKind kind, const std::string& login, const std::string& display_name,
                      const std::string& password, std::vector<std::string> departments = {});

  // `client` identifies the caller for rate limiting (its address). Throws auth.invalid_credentials or
  // auth.rate_limited (with {seconds}).
  TokenPair login(const std::string& login, const std::string& password, const std::string& client);
  TokenPair refresh(const std::string& refresh_token);
  void logout(const std::string& access_token);
  // The account behind a live access token; throws auth.token_invalid.
  Account authenticate(const std::string& access_token);

  // Canonical form of a login as typed (trimmed; resident-ID check letter and credit codes upper-cased).
  static std::string normalize_login(const std::string& login);

 private:
  TokenPair issue_family(const Account& account);

  IdentityStore& store_;
  Environment env_;
  IdentityConfig config_;
  LoginRateLimiter limiter_;
  std::string dummy_hash_;  // verified against when the login is unknown, so timing does not reveal accounts
};

}  // namespace wb::server
