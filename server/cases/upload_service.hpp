#pragma once
// Resumable attachment uploads (modelled on the tus protocol's core): create an upload with its size and SHA-256,
// ask for its offset, append bytes at that offset, and the server verifies the hash when the last byte is in.
// A file an account already uploaded completely (same SHA-256) is not uploaded again. Limits come from the form's
// material (accepted types, maximum size) when the upload names one, otherwise from a global cap.

#include <atomic>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/form/form_definition.hpp"
#include "server/storage/identity_store.hpp"
#include "server/storage/upload_store.hpp"

namespace wb::server {

struct ServerContext;

class UploadService {
 public:
  static constexpr std::int64_t kMaxFileBytes = 64LL << 20;   // without a material's own limit
  static constexpr std::int64_t kMaxChunkBytes = 8LL << 20;   // per PATCH request
  static constexpr std::int64_t kIncompleteKeptMs = 7LL * 24 * 3600 * 1000;

  explicit UploadService(ServerContext& ctx) : ctx_(ctx) {}

  struct Created {
    UploadRecord upload;
    bool existing = false;  // the account already had this file: nothing to send
  };
  // {"sha256", "size", "mediaType", "name", "itemId"?, "materialId"?}. Throws ApiError 400 (malformed) or 422
  // (too large, type not accepted, unknown material).
  Created create(const Account& account, const nlohmann::json& body);

  // This account's upload; 404 otherwise (another account's upload is not revealed).
  UploadRecord get(const Account& account, const std::string& upload_id);

  // Appends at `offset`; returns the new offset. Throws ApiError 409 (wrong offset), 413 (beyond the size or the
  // per-request limit), 422 (hash mismatch: the upload starts over), with the upload's offset in "offset".
  std::int64_t append(const Account& account, const std::string& upload_id, std::int64_t offset,
                      std::string_view bytes);

 private:
  void purge_abandoned(std::int64_t now);

  ServerContext& ctx_;
  std::atomic<std::int64_t> last_purge_{std::numeric_limits<std::int64_t>::min()};
};

nlohmann::json upload_json(const UploadRecord& u);

// Throws ApiError 422 when a file breaks its material's limits (accepted types, maximum size; null: only the global
// cap). Uploads check this when they name their material; submissions check every attachment against the material
// of the file field it was found under.
void check_material_limits(const form::Material* material, const std::string& name, const std::string& media_type,
                           std::int64_t size);  // {"uploadId", "offset", "size", "complete"}

}  // namespace wb::server
