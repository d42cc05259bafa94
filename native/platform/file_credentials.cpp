#include "native/platform/file_credentials.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/common/errors.hpp"
#include "native/platform/files.hpp"

namespace wb::native {

std::optional<sync::Tokens> FileCredentialStore::load() {
  std::string error;
  auto text = read_file(file_, error);
  if (!text) return std::nullopt;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object()) return std::nullopt;  // damaged: as if signed out (the person signs in again)
  sync::Tokens t;
  t.access_token = j.value("accessToken", "");
  t.refresh_token = j.value("refreshToken", "");
  t.access_expires_at = j.value("accessExpiresAt", std::int64_t{0});
  t.account_id = j.value("accountId", "");
  t.account_kind = j.value("accountKind", "");
  t.display_name = j.value("displayName", "");
  if (t.refresh_token.empty()) return std::nullopt;
  return t;
}

void FileCredentialStore::save(const sync::Tokens& t) {
  nlohmann::json j = {{"accessToken", t.access_token}, {"refreshToken", t.refresh_token},
                      {"accessExpiresAt", t.access_expires_at}, {"accountId", t.account_id},
                      {"accountKind", t.account_kind}, {"displayName", t.display_name}};
  std::string text = j.dump();
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
