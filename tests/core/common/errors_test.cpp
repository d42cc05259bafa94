#include <doctest/doctest.h>

#include <set>

#include "core/common/errors.hpp"

using namespace wb;

TEST_CASE("every error code has a unique number, a unique id and both messages") {
  std::set<int> numbers;
  std::set<std::string> ids;
  for (ErrorCode c : all_error_codes()) {
    CHECK(numbers.insert(static_cast<int>(c)).second);
    std::string id(error_id(c));
    CHECK(ids.insert(id).second);
    CHECK_FALSE(error_template(c, Lang::ZhCN).empty());
    CHECK_FALSE(error_template(c, Lang::En).empty());
    CHECK(error_code_from_id(id) == c);
  }
  CHECK(all_error_codes().size() > 10);
}

TEST_CASE("templates are filled from the arguments; unknown placeholders stay visible") {
  CHECK(render_template("key {key} at {where}", {{"key", "a"}, {"where", "/b"}}) == "key a at /b");
  CHECK(render_template("missing {nothing}", {}) == "missing {nothing}");
  CHECK(render_template("{a}{a}", {{"a", "x"}}) == "xx");
  CHECK(render_template("unclosed {brace", {{"brace", "no"}}) == "unclosed {brace");
}

TEST_CASE("a diagnostic renders in zh-CN and en with its place") {
  Diagnostic d{ErrorCode::FormUnknownKey, "/guide/foo", {{"key", "foo"}}, 0, 0};
  CHECK(d.message(Lang::En) == "Unknown key \"foo\" (extension keys must start with x-)");
  CHECK(d.message(Lang::ZhCN).find("未知的键“foo”") != std::string::npos);
  CHECK(format_diagnostic(d, Lang::En) == "/guide/foo: Unknown key \"foo\" (extension keys must start with x-) [form.unknown_key]");
  Diagnostic syntax{ErrorCode::JsonSyntax, "", {{"line", "3"}, {"column", "7"}, {"detail", "x"}}, 3, 7};
  CHECK(format_diagnostic(syntax, Lang::En).rfind("line 3, column 7: ", 0) == 0);
}

TEST_CASE("language tags") {
  CHECK(parse_lang("zh-CN") == Lang::ZhCN);
  CHECK(parse_lang("en") == Lang::En);
  CHECK_FALSE(parse_lang("fr").has_value());
  CHECK(lang_tag(Lang::ZhCN) == "zh-CN");
}

TEST_CASE("wb::Error carries its diagnostic and an English what()") {
  Error e(ErrorCode::NotFound, {{"what", "item x"}});
  CHECK(e.code() == ErrorCode::NotFound);
  CHECK(std::string(e.what()) == "Not found: item x");
}
