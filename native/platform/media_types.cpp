#include "native/platform/media_types.hpp"

#include <cctype>
#include <filesystem>

namespace wb::native {

std::string media_type_of(std::string_view file_name) {
  std::string ext = std::filesystem::path(file_name).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".png") return "image/png";
  if (ext == ".ofd") return "application/ofd";
  if (ext == ".doc") return "application/msword";
  if (ext == ".docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return "application/octet-stream";
}

}  // namespace wb::native
