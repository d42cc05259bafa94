#include "native/platform/file_credentials.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "core/common/errors.hpp"
#include "native/platform/files.hpp"

namespace wb::native {

std::optional<sync::Tokens> FileCredentialStore::load() {
  std::string error;
  auto text = read_file(file_, error);
  if (!text) return std::nullopt;
  return sync::tokens_from_json(*text);  // damaged: none (the person signs in again)
}

void FileCredentialStore::save(const sync::Tokens& t) {
  std::string text = sync::tokens_to_json(t);
  auto tmp = file_;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Error(ErrorCode::StoreIo, {{"detail", "cannot write the credentials file"}});
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), file_.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw Error(ErrorCode::StoreIo, {{"detail", "cannot write the credentials file"}});
  }
}

void FileCredentialStore::clear() {
  std::error_code ec;
  std::filesystem::remove(file_, ec);
}

}  // namespace wb::native
