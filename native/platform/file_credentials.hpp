#pragma once
// Tokens of a profile in a file beside it (DIR/credentials.json), readable only by the owner (0600), replaced
// atomically (write, fsync, rename). Mobile apps keep them in the OS keychain instead (through the C API's
// credential callbacks); the browser in IndexedDB.

#include <filesystem>

#include "core/sync/credentials.hpp"

namespace wb::native {

class FileCredentialStore : public sync::CredentialStore {
 public:
  explicit FileCredentialStore(std::filesystem::path file) : file_(std::move(file)) {}
  std::optional<sync::Tokens> load() override;
  void save(const sync::Tokens& tokens) override;
  void clear() override;

 private:
  std::filesystem::path file_;
};

}  // namespace wb::native
