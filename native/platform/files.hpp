#pragma once
// File access for native programs (the core never touches files).

#include <filesystem>
#include <optional>
#include <string>

namespace wb::native {

// Reads a whole file; on failure returns nullopt and sets `error` to a short reason (no file contents).
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);

}  // namespace wb::native
