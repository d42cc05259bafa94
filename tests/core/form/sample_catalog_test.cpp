#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "core/common/json_parse.hpp"
#include "core/common/sha256.hpp"
#include "core/form/form_loader.hpp"
#include "tests/support/test_files.hpp"

using namespace wb;

namespace {

std::string catalog_dir() { return test::source_dir() + "/examples/catalog"; }

bool is_example(const std::string& path) {
  const std::string suffix = ".example.json";
  return path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> definition_files() {
  std::vector<std::string> out;
  for (const auto& p : test::list_dir(catalog_dir(), ".json"))
    if (!is_example(p)) out.push_back(p);
  return out;
}

}  // namespace

TEST_CASE("every item of the sample catalog loads with zero errors and has a complete example beside it") {
  auto files = definition_files();
  REQUIRE_FALSE(files.empty());
  std::set<std::string> ids;
  for (const auto& path : files) {
    CAPTURE(path);
    auto r = form::load_form_text(test::read_file(path));
    for (const auto& d : r.diagnostics) MESSAGE(format_diagnostic(d, Lang::En));
    REQUIRE(r.ok());
    CHECK(ids.insert(r.form->id).second);
    // The file is named after the item id.
    CHECK(path.substr(path.rfind('/') + 1) == r.form->id + ".json");
    std::string example = path.substr(0, path.size() - 5) + ".example.json";
    REQUIRE_MESSAGE(test::file_exists(example), example);
    auto parsed = parse_json(test::read_file(example));
    CHECK(parsed.ok());
    CHECK(parsed.value->is_object());
  }
}

TEST_CASE("the sample catalog covers both audiences and all three visit classes") {
  int citizen = 0, enterprise = 0;
  std::set<std::pair<std::string, int>> classes;  // (audience, visits)
  for (const auto& path : definition_files()) {
    auto r = form::load_form_text(test::read_file(path));
    REQUIRE(r.ok());
    auto aud = std::string(form::audience_name(r.form->audience));
    if (r.form->audience != form::Audience::Enterprise) ++citizen;
    if (r.form->audience != form::Audience::Citizen) ++enterprise;
    classes.insert({aud, r.form->visits});
  }
  CHECK(definition_files().size() >= 24);
  CHECK(citizen >= 10);
  CHECK(enterprise >= 12);
  for (int v = 0; v <= 2; ++v) {
    CHECK_MESSAGE((classes.count({"citizen", v}) || classes.count({"both", v})), "citizen items with visits=" << v);
    CHECK_MESSAGE((classes.count({"enterprise", v}) || classes.count({"both", v})), "enterprise items with visits=" << v);
  }
}

TEST_CASE("every blank-form download exists with the size and SHA-256 its definition states") {
  int downloads = 0;
  for (const auto& path : definition_files()) {
    auto r = form::load_form_text(test::read_file(path));
    REQUIRE(r.ok());
    for (const auto& d : r.form->downloads) {
      CAPTURE(d.file_name);
      std::string file = catalog_dir() + "/downloads/" + d.file_name;
      REQUIRE_MESSAGE(test::file_exists(file), file);
      std::string bytes = test::read_file(file);
      CHECK(static_cast<std::int64_t>(bytes.size()) == d.size);
      CHECK(sha256_hex(bytes) == d.sha256);
      ++downloads;
    }
  }
  CHECK(downloads >= 1);
}
