#include "server/identity/identity_service.hpp"

#include <algorithm>
#include <cctype>

#include "core/common/errors.hpp"
#include "core/validate/formats.hpp"
#include "server/identity/password_hash.hpp"
#include "server/identity/token_codec.hpp"

namespace wb::server {
namespace {

constexpr size_t kMinPasswordLength = 8;

bool valid_staff_number(const std::string& s) {
  if (s.size() < 3 || s.size() > 32) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

}  // namespace

IdentityService::IdentityService(IdentityStore& store, Environment env, IdentityConfig config)
    : store_(store), env_(env), config_(config), limiter_(config.per_login, config.per_client),
      dummy_hash_(hash_password("wangban-dummy-password", *env.random, config.pbkdf2_iterations)) {}

std::string IdentityService::normalize_login(const std::string& login) {
  auto begin = login.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  auto end = login.find_last_not_of(" \t\r\n");
  std::string s = login.substr(begin, end - begin + 1);
  // Resident IDs end in a digit or X; credit codes are upper case. Staff numbers are left as typed.
  bool id_like = (s.size() == 18) && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c); });
  if (id_like)
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Account IdentityService::add_account(AccountKind kind, const std::string& login, const std::string& display_name,
                                     const std::string& password, std::vector<std::string> departments) {
  std::string canonical = normalize_login(login);
  bool valid = kind == AccountKind::Citizen      ? validate::is_cn_resident_id(canonical)
               : kind == AccountKind::Enterprise ? validate::is_cn_uscc(canonical)
                                                 : valid_staff_number(canonical);
  if (!valid) {
    const char* kind_en = kind == AccountKind::Citizen      ? "resident ID number"
                          : kind == AccountKind::Enterprise ? "unified social credit code"
                                                            : "staff number";
    const char* kind_zh = kind == AccountKind::Citizen      ? "居民身份证号码"
                          : kind == AccountKind::Enterprise ? "统一社会信用代码"
                                                            : "工作人员编号";
    // The id is echoed to the person who typed it (the CLI), never to logs.
    throw Error(ErrorCode::AuthBadAccountId, {{"kind", kind_en}, {"kind_zh", kind_zh}, {"id", canonical}});
  }
  if (password.size() < kMinPasswordLength)
    throw Error(ErrorCode::AuthWeakPassword, {{"min", std::to_string(kMinPasswordLength)}});
  Account a;
  a.id = new_id(*env_.random, "acc_");
  a.kind = kind;
  a.login = canonical;
  a.display_name = display_name;
  a.password_hash = hash_password(password, *env_.random, config_.pbkdf2_iterations);
  a.departments = std::move(departments);
  a.created_at = env_.clock->now_ms();
  store_.add_account(a);
  return a;
}

TokenPair IdentityService::issue_family(const Account& account) {
  auto now = env_.clock->now_ms();
  TokenPair t;
  t.access_token = new_token(*env_.random);
  t.refresh_token = new_token(*env_.random);
  t.access_expires_at = now + config_.access_ttl_ms;
  t.refresh_expires_at = now + config_.refresh_ttl_ms;
  t.account = account;
  store_.start_family(new_id(*env_.random, "fam_"), account.id, token_hash(t.access_token), t.access_expires_at,
                      token_hash(t.refresh_token), t.refresh_expires_at, now);
  return t;
}

TokenPair IdentityService::login(const std::string& login, const std::string& password, const std::string& client) {
  auto now = env_.clock->now_ms();
  std::string canonical = normalize_login(login);
  // Rate limiting is keyed by a hash of the login, so the limiter's memory holds no personal data either.
  std::string login_key = token_hash(canonical);
  if (auto wait = limiter_.blocked_for(login_key, client, now))
    throw Error(ErrorCode::AuthRateLimited, {{"seconds", std::to_string((*wait + 999) / 1000)}});
  auto account = store_.account_by_login(canonical);
  bool ok = verify_password(password, account ? account->password_hash : dummy_hash_) && account.has_value();
  if (!ok) {
    limiter_.record_failure(login_key, client, now);
    throw Error(ErrorCode::AuthInvalidCredentials);
  }
  limiter_.record_success(login_key);
  return issue_family(*account);
}

TokenPair IdentityService::refresh(const std::string& refresh_token) {
  auto now = env_.clock->now_ms();
  std::string old_hash = token_hash(refresh_token);
  auto record = store_.refresh_token(old_hash);
  if (!record || record->family_revoked || record->expires_at <= now) throw Error(ErrorCode::AuthRefreshInvalid);
  if (record->used) {
    store_.revoke_family(record->family);  // replayed: whoever holds the family now is not to be trusted
    throw Error(ErrorCode::AuthRefreshReused);
  }
  auto account = store_.account_by_id(record->account_id);
  if (!account) throw Error(ErrorCode::AuthRefreshInvalid);
  TokenPair t;
  t.access_token = new_token(*env_.random);
  t.refresh_token = new_token(*env_.random);
  t.access_expires_at = now + config_.access_ttl_ms;
  t.refresh_expires_at = now + config_.refresh_ttl_ms;
  t.account = *account;
  if (!store_.rotate_refresh(old_hash, token_hash(t.access_token), t.access_expires_at, token_hash(t.refresh_token),
                             t.refresh_expires_at, now)) {
    // Lost a race with another use of the same token: that is a reuse too.
    store_.revoke_family(record->family);
    throw Error(ErrorCode::AuthRefreshReused);
  }
  return t;
}

void IdentityService::logout(const std::string& access_token) {
  if (auto family = store_.access_token_family(token_hash(access_token))) store_.revoke_family(*family);
}

Account IdentityService::authenticate(const std::string& access_token) {
  auto id = store_.access_token_account(token_hash(access_token), env_.clock->now_ms());
  if (!id) throw Error(ErrorCode::AuthTokenInvalid);
  auto account = store_.account_by_id(*id);
  if (!account) throw Error(ErrorCode::AuthTokenInvalid);
  return *account;
}

}  // namespace wb::server
