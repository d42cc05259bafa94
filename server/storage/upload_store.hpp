#pragma once
// Resumable attachment uploads and the finished blobs, deduplicated by SHA-256 per account.
// (Filled in by the uploads work; see docs/protocol.md.)

namespace wb::server {

class UploadStore {
 public:
  virtual ~UploadStore() = default;
};

}  // namespace wb::server
