// The C enum and the TypeScript union are generated from core/common/error_codes.def at build time
// (cmake/GenerateErrorCodes.cmake). These tests check the generated files against the table the library runs on,
// that they are current, and the generator itself on tricky and broken tables.

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "core/common/errors.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using namespace wb;

namespace {

std::string c_name(std::string_view id) {
  std::string out = "WB_ERR_";
  for (char c : id) out += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Runs the generator on `def` into a fresh folder; its exit code, and the folder.
int generate(const std::string& def, fs::path& out) {
  out = fs::temp_directory_path() / ("wangban-gen-" + std::to_string(::getpid()) + "-" + fs::path(def).stem().string());
  fs::remove_all(out);
  test::Process p({WANGBAN_CMAKE_COMMAND, "-DDEF=" + def, "-DOUT_DIR=" + out.string(), "-P",
                   test::source_dir() + "/cmake/GenerateErrorCodes.cmake"},
                  (fs::temp_directory_path() / ("wangban-gen-" + std::to_string(::getpid()) + ".log")).string());
  p.read_all();
  return p.wait(60000);
}

}  // namespace

TEST_CASE("generated C enum: one row per code of the table, named after its stable id, with its number") {
  std::string header = test::read_file(std::string(WANGBAN_GENERATED_DIR) + "/include/wangban_error_codes.h");
  std::regex row(R"(^  (WB_ERR_[A-Z0-9_]+) = ([0-9]+), /\* ([a-z0-9_.]+): )");
  std::map<std::string, std::pair<std::string, int>> rows;  // id -> (name, number)
  std::istringstream in(header);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, row)) rows[m[3]] = {m[1], std::stoi(m[2])};
  }
  auto codes = all_error_codes();
  CHECK(rows.size() == codes.size());
  for (auto code : codes) {
    std::string id(error_id(code));
    CAPTURE(id);
    REQUIRE(rows.count(id));
    CHECK(rows[id].first == c_name(id));
    CHECK(rows[id].second == static_cast<int>(code));
  }
  CHECK(header.find("#define WB_ERROR_CODE_COUNT " + std::to_string(codes.size()) + "\n") != std::string::npos);
}

TEST_CASE("generated TypeScript: the union of ids, the union of numbers, and the id -> number map") {
  std::string ts = test::read_file(std::string(WANGBAN_GENERATED_DIR) + "/js/error_codes.d.ts");
  std::string js = test::read_file(std::string(WANGBAN_GENERATED_DIR) + "/js/error_codes.js");
  CHECK(ts.find("export type WangbanErrorId =") != std::string::npos);
  CHECK(ts.find("export type WangbanErrorNumber =") != std::string::npos);
  for (auto code : all_error_codes()) {
    std::string id(error_id(code));
    std::string number = std::to_string(static_cast<int>(code));
    CAPTURE(id);
    CHECK(ts.find("\n  | \"" + id + "\"") != std::string::npos);
    CHECK((ts.find("\n  | " + number + "\n") != std::string::npos || ts.find("\n  | " + number + ";") != std::string::npos));
    CHECK(ts.find("  readonly \"" + id + "\": " + number + ";\n") != std::string::npos);
    CHECK(js.find("  \"" + id + "\": " + number + ",\n") != std::string::npos);
  }
}

TEST_CASE("the generated files are current: generating from the table again gives the same bytes") {
  fs::path out;
  REQUIRE(generate(test::source_dir() + "/core/common/error_codes.def", out) == 0);
  for (const char* file : {"include/wangban_error_codes.h", "js/error_codes.d.ts", "js/error_codes.js"}) {
    CAPTURE(file);
    CHECK(test::read_file((out / file).string()) == test::read_file(std::string(WANGBAN_GENERATED_DIR) + "/" + file));
  }
  fs::remove_all(out);
}

TEST_CASE("the generator reads quotes, semicolons and comment markers in messages, and skips commented rows") {
  fs::path out;
  REQUIRE(generate(test::source_dir() + "/tests/sdk/fixtures/tricky_error_codes.def", out) == 0);
  std::string header = test::read_file((out / "include/wangban_error_codes.h").string());
  CHECK(header.find("  WB_ERR_OK = 0, /* ok: OK */\n") != std::string::npos);
  CHECK(header.find("  WB_ERR_X_QUOTED_TEXT = 9, /* x.quoted_text: Say \"{what}\"; then try again */\n") != std::string::npos);
  CHECK(header.find("  WB_ERR_X_COMMENT_END = 17, /* x.comment_end: A * / inside */\n") != std::string::npos);
  CHECK(header.find("commented") == std::string::npos);
  CHECK(header.find("indented") == std::string::npos);
  CHECK(header.find("#define WB_ERROR_CODE_COUNT 3\n") != std::string::npos);
  std::string ts = test::read_file((out / "js/error_codes.d.ts").string());
  CHECK(ts.find("export type WangbanErrorId =\n  | \"ok\"\n  | \"x.quoted_text\"\n  | \"x.comment_end\";") != std::string::npos);
  fs::remove_all(out);
}

TEST_CASE("the generator refuses a table with a repeated number or a row it cannot read") {
  fs::path out;
  CHECK(generate(test::source_dir() + "/tests/sdk/fixtures/duplicate_number.def", out) != 0);
  CHECK_FALSE(fs::exists(out / "include/wangban_error_codes.h"));
  CHECK(generate(test::source_dir() + "/tests/sdk/fixtures/unreadable_row.def", out) != 0);
  CHECK_FALSE(fs::exists(out / "include/wangban_error_codes.h"));
  fs::remove_all(out);
}
