#include "server/identity/password_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "server/identity/token_codec.hpp"

namespace wb::server {
namespace {

constexpr size_t kKeyBytes = 32;

std::vector<std::uint8_t> derive(std::string_view password, const std::vector<std::uint8_t>& salt, int iterations) {
  std::vector<std::uint8_t> key(kKeyBytes);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), static_cast<int>(key.size()), key.data()) != 1)
    throw std::runtime_error("PBKDF2 failed");
  return key;
}

}  // namespace

std::string hash_password(std::string_view password, RandomSource& random, int iterations) {
  std::vector<std::uint8_t> salt(16);
  random.fill(salt.data(), salt.size());
  auto key = derive(password, salt, iterations);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + to_hex(salt) + "$" + to_hex(key);
}

bool verify_password(std::string_view password, std::string_view stored) {
  constexpr std::string_view kPrefix = "pbkdf2-sha256$";
  if (stored.substr(0, kPrefix.size()) != kPrefix) return false;
  stored.remove_prefix(kPrefix.size());
  auto d1 = stored.find('$');
  if (d1 == std::string_view::npos) return false;
  auto d2 = stored.find('$', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  int iterations = 0;
  for (char c : stored.substr(0, d1)) {
    if (c < '0' || c > '9' || iterations > 100'000'000) return false;
    iterations = iterations * 10 + (c - '0');
  }
  auto salt = from_hex(stored.substr(d1 + 1, d2 - d1 - 1));
  auto expected = from_hex(stored.substr(d2 + 1));
  if (iterations < 1 || !salt || !expected || expected->size() != kKeyBytes) return false;
  auto key = derive(password, *salt, iterations);
  return CRYPTO_memcmp(key.data(), expected->data(), kKeyBytes) == 0;
}

}  // namespace wb::server
