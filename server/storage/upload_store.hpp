#pragma once
// Resumable attachment uploads and the finished blobs, deduplicated by SHA-256 per account (docs/protocol.md).
// An upload is declared with its size and SHA-256, receives its bytes in order (each append names the offset it
// expects), and becomes a blob once all bytes are in and their hash matches. Every method is one transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wb::server {

struct UploadRecord {
  std::string id;
  std::string account_id;
  std::string sha256;      // declared: 64 lowercase hex digits
  std::int64_t size = 0;   // declared
  std::string media_type;
  std::string name;
  std::string item_id, material_id;  // "" when not given
  std::int64_t offset = 0;           // bytes received so far
  bool complete = false;             // all bytes in and the hash verified
  std::int64_t created_at = 0, updated_at = 0;
};

// A finished file of one account (the bytes were verified against the hash).
struct BlobInfo {
  std::string account_id;
  std::string sha256;
  std::int64_t size = 0;
  std::string media_type;
  std::string name;       // as first uploaded
  std::string upload_id;  // the upload that brought it
  std::int64_t created_at = 0;
};

enum class AppendOutcome {
  Appended,        // bytes stored; not all there yet
  Completed,       // the last bytes: the hash matched, the blob is available
  HashMismatch,    // the last bytes, but the hash did not match: everything was dropped, offset is 0 again
  OffsetMismatch,  // the upload is at another offset (nothing stored)
  BeyondSize,      // the bytes would go past the declared size (nothing stored)
  NotFound,
};

struct AppendResult {
  AppendOutcome outcome = AppendOutcome::Appended;
  std::int64_t offset = 0;  // the upload's offset afterwards
};

class UploadStore {
 public:
  virtual ~UploadStore() = default;

  virtual void create_upload(const UploadRecord& upload) = 0;
  virtual std::optional<UploadRecord> upload(const std::string& upload_id) = 0;
  // Stores `bytes` at `offset` when the upload is exactly there; on reaching the declared size, verifies the hash
  // (see AppendOutcome). An empty append at the end finishes an upload whose last step was interrupted.
  virtual AppendResult append(const std::string& upload_id, std::int64_t offset, std::string_view bytes,
                              std::int64_t now) = 0;
  // Incomplete uploads not touched since `before` are dropped with their bytes.
  virtual void purge_incomplete(std::int64_t before) = 0;

  // --- finished files, per account
  virtual std::optional<BlobInfo> blob(const std::string& account_id, const std::string& sha256) = 0;
  virtual bool blob_exists(const std::string& account_id, const std::string& sha256) = 0;
  virtual std::optional<std::string> blob_bytes(const std::string& account_id, const std::string& sha256) = 0;
};

}  // namespace wb::server
