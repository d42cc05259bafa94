#pragma once
// SHA-256 (FIPS 180-4), incremental. Pure computation, so the core can hash attachments and downloads on every
// platform (the wasm build has no OpenSSL). Checked against the NIST test vectors in tests/core/common.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace wb {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t size);
  void update(std::string_view data) { update(data.data(), data.size()); }
  std::array<std::uint8_t, 32> finish();  // the object must not be updated afterwards
  std::string finish_hex();               // 64 lowercase hex digits

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  size_t buf_len_ = 0;
  std::uint64_t total_ = 0;
};

std::string sha256_hex(std::string_view data);

}  // namespace wb
