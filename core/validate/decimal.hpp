#pragma once
// Exact decimal arithmetic for "multipleOf": numbers are taken as the decimal text a person wrote (the shortest
// round-trip text of a double, or the integer's digits), so 0.01 divides 8500.5 and 19.99 but not 8500.555.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace wb::validate {

// A decimal number as digits × 10^exponent (digits without leading zeros; "0" for zero).
struct Decimal {
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

Decimal decimal_of(const nlohmann::json& number);  // number must be a JSON number
bool decimal_from_text(std::string_view text, Decimal& out);  // "12.5e-3" → 125×10^-4; false when not a number

// True when x / m is an integer, exactly (m must be > 0).
bool is_multiple_of(const Decimal& x, const Decimal& m);

// is_multiple_of(decimal_of(x), m) without allocating, for a divisor of at most 17 digits whose value is
// `modulus` (m.digits as a number, > 0).
bool is_multiple_of_small(const nlohmann::json& x, const Decimal& m, std::uint64_t modulus);

}  // namespace wb::validate
