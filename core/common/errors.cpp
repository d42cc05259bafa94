#include "core/common/errors.hpp"

#include <array>

namespace wb {
namespace {

struct Row {
  ErrorCode code;
  std::string_view id;
  std::string_view zh;
  std::string_view en;
};

constexpr Row kRows[] = {
#define WB_ERROR(name, number, id, zh, en) {ErrorCode::name, id, zh, en},
#include "core/common/error_codes.def"
#undef WB_ERROR
};

const Row* find_row(ErrorCode code) {
  for (const Row& r : kRows)
    if (r.code == code) return &r;
  return nullptr;
}

}  // namespace

std::optional<Lang> parse_lang(std::string_view tag) {
  if (tag == "zh-CN" || tag == "zh" || tag == "zh-Hans" || tag == "zh_CN") return Lang::ZhCN;
  if (tag == "en" || tag == "en-US" || tag == "en-GB" || tag == "en_US") return Lang::En;
  return std::nullopt;
}

std::string_view lang_tag(Lang lang) { return lang == Lang::En ? "en" : "zh-CN"; }

std::string_view error_id(ErrorCode code) {
  const Row* r = find_row(code);
  return r ? r->id : std::string_view("unknown");
}

std::string_view error_template(ErrorCode code, Lang lang) {
  const Row* r = find_row(code);
  if (!r) return lang == Lang::En ? "Unknown error" : "未知错误";
  return lang == Lang::En ? r->en : r->zh;
}

std::optional<ErrorCode> error_code_from_id(std::string_view id) {
  for (const Row& r : kRows)
    if (r.id == id) return r.code;
  return std::nullopt;
}

std::vector<ErrorCode> all_error_codes() {
  std::vector<ErrorCode> v;
  for (const Row& r : kRows) v.push_back(r.code);
  return v;
}

std::string render_template(std::string_view tmpl, const MessageArgs& args) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i + 1);
      if (close != std::string_view::npos) {
        std::string_view name = tmpl.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& [k, v] : args) {
          if (k == name) {
            out += v;
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

std::string Diagnostic::message(Lang lang) const { return render_template(error_template(code, lang), args); }

std::string Diagnostic::arg(std::string_view name) const {
  for (const auto& [k, v] : args)
    if (k == name) return v;
  return {};
}

std::string format_diagnostic(const Diagnostic& d, Lang lang) {
  std::string where;
  if (d.line > 0) {
    where = lang == Lang::En ? "line " + std::to_string(d.line) + ", column " + std::to_string(d.column)
                             : "第 " + std::to_string(d.line) + " 行第 " + std::to_string(d.column) + " 列";
  } else {
    where = d.pointer.empty() ? std::string("/") : d.pointer;
  }
  return where + ": " + d.message(lang) + " [" + std::string(error_id(d.code)) + "]";
}

Error::Error(Diagnostic diagnostic) : diagnostic_(std::move(diagnostic)), what_(diagnostic_.message(Lang::En)) {}

Error::Error(ErrorCode code, MessageArgs args, std::string pointer)
    : Error(Diagnostic{code, std::move(pointer), std::move(args), 0, 0}) {}

}  // namespace wb
