#include "tests/core/validate/suite_runner.hpp"

#include <nlohmann/json.hpp>

#include "tests/support/test_files.hpp"

namespace wb::test {
namespace {

std::string suite_dir() { return shared_dir() + "/testdata/json-schema-test-suite"; }

}  // namespace

std::vector<std::string> suite_files(const std::string& draft_dir_name) {
  std::vector<std::string> out;
  std::string base = suite_dir() + "/tests/" + draft_dir_name;
  for (const char* sub : {"", "optional/", "optional/format/"}) {
    for (const auto& p : list_dir(base + "/" + sub, ".json")) out.push_back(p.substr(base.size() + 1));
  }
  return out;
}

validate::Resolver suite_resolver() {
  return [](const std::string& uri) -> std::optional<nlohmann::json> {
    const std::string prefix = "http://localhost:1234/";
    if (uri.rfind(prefix, 0) != 0) return std::nullopt;
    std::string path = suite_dir() + "/remotes/" + uri.substr(prefix.size());
    if (!file_exists(path)) return std::nullopt;
    try {
      return nlohmann::json::parse(read_file(path));
    } catch (...) {
      return std::nullopt;
    }
  };
}

SuiteFileResult run_suite_file(const std::string& draft_dir_name, const std::string& relative_file,
                               validate::Draft draft) {
  SuiteFileResult r;
  r.file = relative_file;
  auto doc = nlohmann::json::parse(read_file(suite_dir() + "/tests/" + draft_dir_name + "/" + relative_file));
  validate::CompileOptions options;
  options.default_draft = draft;
  options.resolver = suite_resolver();
  options.assert_formats = relative_file.rfind("optional/format/", 0) == 0;
  for (const auto& group : doc) {
    const std::string gdesc = group.value("description", "");
    auto compiled = validate::Schema::compile(group.at("schema"), options);
    for (const auto& t : group.at("tests")) {
      ++r.total;
      const std::string tdesc = t.value("description", "");
      const bool expected = t.at("valid").get<bool>();
      if (!compiled.ok()) {
        const auto& e = compiled.errors.front();
        r.failures.push_back({relative_file, gdesc, tdesc, "schema did not compile: " + e.pointer + ": " + e.message(Lang::En)});
        continue;
      }
      const auto& schema = *compiled.schema;
      bool fast = schema.is_valid(t.at("data"));
      auto full = schema.validate(t.at("data"));
      if (fast == expected && full.valid == expected && (expected || !full.errors.empty())) {
        ++r.passed;
      } else {
        r.failures.push_back({relative_file, gdesc, tdesc,
                              std::string("expected ") + (expected ? "valid" : "invalid") + ", is_valid says " +
                                  (fast ? "valid" : "invalid") + ", validate says " + (full.valid ? "valid" : "invalid")});
      }
    }
  }
  return r;
}

}  // namespace wb::test
