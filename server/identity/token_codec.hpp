#pragma once
// Opaque bearer tokens: 32 random bytes in base64url. Only their SHA-256 is stored.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/environment.hpp"

namespace wb::server {

std::string new_token(RandomSource& random);           // 43 base64url characters
std::string token_hash(std::string_view token);        // lowercase hex SHA-256
std::string new_id(RandomSource& random, std::string_view prefix);  // "acc_" + 20 hex digits, etc.

std::string to_hex(const std::vector<std::uint8_t>& bytes);
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);

}  // namespace wb::server
