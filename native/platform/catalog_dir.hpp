#pragma once
// Loads a catalog from a folder of form definitions (X.json; X.example.json and other files are skipped).

#include <filesystem>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/common/errors.hpp"

namespace wb::native {

struct CatalogLoad {
  catalog::Catalog catalog;
  // Files that did not load, each with its findings.
  std::vector<std::pair<std::filesystem::path, std::vector<Diagnostic>>> failures;
};

// The folder used when none is given: $WANGBAN_CATALOG, else the sample catalog of the source tree, else
// <exe>/../share/wangban/catalog.
std::filesystem::path default_catalog_dir();

// True for a definition file name: ends in .json but not .example.json.
bool is_definition_file(const std::filesystem::path& path);

CatalogLoad load_catalog_dir(const std::filesystem::path& dir);

}  // namespace wb::native
