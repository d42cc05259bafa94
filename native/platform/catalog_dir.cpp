#include "native/platform/catalog_dir.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/form/form_loader.hpp"
#include "native/platform/files.hpp"

namespace wb::native {

namespace fs = std::filesystem;

namespace {
Diagnostic unreadable(const fs::path& what, const std::string& detail) {
  return Diagnostic{ErrorCode::Unreadable, "", {{"what", what.string()}, {"detail", detail}}, 0, 0};
}
}  // namespace

fs::path default_catalog_dir() {
  if (const char* env = std::getenv("WANGBAN_CATALOG"); env && *env) return env;
  std::error_code ec;
  fs::path source_tree = WANGBAN_DEFAULT_CATALOG_DIR;
  if (fs::is_directory(source_tree, ec)) return source_tree;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) return exe.parent_path().parent_path() / "share" / "wangban" / "catalog";
  return source_tree;
}

bool is_definition_file(const fs::path& path) {
  std::string name = path.filename().string();
  auto ends_with = [&](const std::string& suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".json") && !ends_with(".example.json");
}

CatalogLoad load_catalog_dir(const fs::path& dir) {
  CatalogLoad out;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && is_definition_file(it->path())) files.push_back(it->path());
  }
  if (ec) {
    out.failures.emplace_back(dir, std::vector<Diagnostic>{unreadable(dir, ec.message())});
    return out;
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::string error;
    auto text = read_file(path, error);
    if (!text) {
      out.failures.emplace_back(path, std::vector<Diagnostic>{unreadable(path, error)});
      continue;
    }
    auto result = form::load_form_text(*text);
    if (result.ok())
      out.catalog.add(result.form);
    else
      out.failures.push_back({path, std::move(result.diagnostics)});
  }
  return out;
}

}  // namespace wb::native
