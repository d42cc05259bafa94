#pragma once
// Error codes, diagnostics and the one exception type of the core. Codes and message templates come from
// error_codes.def (the single table); nothing else defines a code.

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wb {

enum class ErrorCode : int {
#define WB_ERROR(name, number, id, zh, en) name = number,
#include "core/common/error_codes.def"
#undef WB_ERROR
};

// Languages of user-facing text. zh-CN is always present; en is optional and falls back to zh-CN.
enum class Lang { ZhCN, En };

std::optional<Lang> parse_lang(std::string_view tag);  // "zh-CN" / "zh" / "en"
std::string_view lang_tag(Lang lang);

// The stable id ("form.unknown_key") and the message template of a code.
std::string_view error_id(ErrorCode code);
std::string_view error_template(ErrorCode code, Lang lang);
std::optional<ErrorCode> error_code_from_id(std::string_view id);

// Every code in the table, in table order (for generators and tests).
std::vector<ErrorCode> all_error_codes();

using MessageArgs = std::vector<std::pair<std::string, std::string>>;

// Fills {name} placeholders of a template. Unknown placeholders are left as they are, so a missing argument is
// visible rather than silently empty.
std::string render_template(std::string_view tmpl, const MessageArgs& args);

// One finding about a document: what (code + arguments), where (JSON Pointer, and line/column when known).
struct Diagnostic {
  ErrorCode code = ErrorCode::Ok;
  std::string pointer;  // RFC 6901 JSON Pointer into the document; "" is the whole document
  MessageArgs args;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based, in characters; 0 when unknown

  std::string message(Lang lang) const;
  std::string arg(std::string_view name) const;  // "" when absent
};

// "pointer: message" (or "line L, column C: message"), as printed by the CLI.
std::string format_diagnostic(const Diagnostic& d, Lang lang);

// The core's exception: thrown at API boundaries for failures that are not findings about a document.
class Error : public std::exception {
 public:
  explicit Error(Diagnostic diagnostic);
  Error(ErrorCode code, MessageArgs args = {}, std::string pointer = {});
  const Diagnostic& diagnostic() const noexcept { return diagnostic_; }
  ErrorCode code() const noexcept { return diagnostic_.code; }
  const char* what() const noexcept override { return what_.c_str(); }

 private:
  Diagnostic diagnostic_;
  std::string what_;  // English message, for logs and debuggers
};

}  // namespace wb
