#pragma once
// File access for tests (tests may do I/O; the core may not). Under Emscripten the tests run in Node with
// NODERAWFS, so the same paths work in both builds.

#include <string>
#include <vector>

namespace wb::test {

std::string source_dir();  // the repository root
std::string shared_dir();  // ../shared (test data)
std::string read_file(const std::string& path);  // throws std::runtime_error when unreadable
bool file_exists(const std::string& path);
std::vector<std::string> list_dir(const std::string& dir, const std::string& suffix = "");  // sorted full paths

}  // namespace wb::test
