#include "native/platform/files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace wb::native {

std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return std::move(out).str();
}

}  // namespace wb::native
