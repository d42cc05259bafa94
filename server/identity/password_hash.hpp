#pragma once
// Password hashing with OpenSSL's PBKDF2-HMAC-SHA256 (a slow KDF from a well-kept library). Stored as
// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>", so the work factor can rise without invalidating old hashes.

#include <string>
#include <string_view>

#include "core/common/environment.hpp"

namespace wb::server {

inline constexpr int kDefaultPbkdf2Iterations = 310000;  // OWASP's figure for PBKDF2-HMAC-SHA256

std::string hash_password(std::string_view password, RandomSource& random, int iterations = kDefaultPbkdf2Iterations);
// Constant-time comparison of the derived key; false for a malformed stored hash.
bool verify_password(std::string_view password, std::string_view stored);

}  // namespace wb::server
