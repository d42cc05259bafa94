// wb_error and the error table, the version, strings.

#include <cstdlib>
#include <cstring>

#include "core/common/json_parse.hpp"
#include "sdk/c/src/internal.hpp"

namespace wb::sdk {

void copy_text(char* out, size_t capacity, const std::string& text) noexcept {
  if (!out || capacity == 0) return;
  size_t n = text.size();
  if (n >= capacity) {
    n = capacity - 1;
    // Never cut a UTF-8 sequence: step back over continuation bytes to the start of the cut character.
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  }
  std::memcpy(out, text.data(), n);
  out[n] = '\0';
}

char* dup_string(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) throw std::bad_alloc();
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

void clear_error(wb_error* error) noexcept {
  if (!error) return;
  error->domain = WB_DOMAIN_NONE;
  error->code = 0;
  error->http_status = 0;
  error->id[0] = error->pointer[0] = error->message[0] = '\0';
}

void set_error_text(wb_error* error, ErrorCode code, const std::string& message) noexcept {
  if (!error) return;
  error->domain = WB_DOMAIN_WANGBAN;
  error->code = static_cast<int>(code);
  error->http_status = 0;
  copy_text(error->id, sizeof error->id, std::string(error_id(code)));
  error->pointer[0] = '\0';
  copy_text(error->message, sizeof error->message, message);
}

void set_error(wb_error* error, const Error& e, Lang lang) noexcept {
  if (!error) return;
  try {
    const auto& d = e.diagnostic();
    set_error_text(error, d.code, d.message(lang));
    copy_text(error->pointer, sizeof error->pointer, d.pointer);
  } catch (...) {
    error->domain = WB_DOMAIN_WANGBAN;
    error->code = static_cast<int>(ErrorCode::Internal);
  }
}

void set_error(wb_error* error, const RemoteError& r, Lang lang) noexcept {
  if (!error) return;
  try {
    const nlohmann::json* e = nullptr;
    if (r.body.is_object() && r.body.contains("error") && r.body["error"].is_object()) e = &r.body["error"];
    std::string id = e ? e->value("code", "") : "";
    if (r.http_status == 0) {
      std::string detail = e ? e->value("message", "") : "";
      set_error_text(error, ErrorCode::SdkNetwork, render_template(error_template(ErrorCode::SdkNetwork, lang), {{"detail", detail}}));
      return;
    }
    // The server's own message in our language when it sent one; else our template for its code.
    std::string message;
    if (e && e->contains("messages") && (*e)["messages"].is_object())
      message = (*e)["messages"].value(std::string(lang_tag(lang)), (*e)["messages"].value("zh-CN", ""));
    if (message.empty() && e) message = e->value("message", "");
    auto code = error_code_from_id(id);
    if (code) {
      if (message.empty()) message = render_template(error_template(*code, lang), {});
      set_error_text(error, *code, message);
    } else {
      if (message.empty())
        message = render_template(error_template(ErrorCode::SdkServerError, lang), {{"status", std::to_string(r.http_status)}});
      error->domain = WB_DOMAIN_HTTP;
      error->code = r.http_status;
      copy_text(error->id, sizeof error->id, id);
      copy_text(error->message, sizeof error->message, message);
    }
    error->http_status = r.http_status;
    copy_text(error->pointer, sizeof error->pointer, e ? e->value("pointer", "") : "");
  } catch (...) {
    error->domain = WB_DOMAIN_HTTP;
    error->code = r.http_status;
    error->http_status = r.http_status;
  }
}

void invalid_argument(const std::string& detail) { throw Error(ErrorCode::InvalidArgument, {{"detail", detail}}); }

void check_struct(std::uint32_t struct_size, size_t first_version_size, const char* what) {
  if (struct_size < first_version_size || struct_size > (1u << 16))
    throw Error(ErrorCode::SdkOptionsVersion, {{"what", what}, {"size", std::to_string(struct_size)}});
}

nlohmann::json parse_json_arg(const char* text, const char* what) {
  if (!text) invalid_argument(std::string(what) + " is NULL");
  auto parsed = parse_json(text);
  if (!parsed.ok()) {
    if (!parsed.diagnostics.empty()) throw Error(parsed.diagnostics.front());
    invalid_argument(std::string(what) + " is not JSON");
  }
  return std::move(*parsed.value);
}

std::string percent_encode(const std::string& segment) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : segment) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

bool known_code(int code) {
  for (auto c : all_error_codes())
    if (static_cast<int>(c) == code) return true;
  return false;
}

}  // namespace
}  // namespace wb::sdk

using namespace wb;
using namespace wb::sdk;

extern "C" {

const char* wb_version(void) { return WB_VERSION_STRING; }

int wb_version_number(void) { return WB_VERSION_NUMBER; }

void wb_string_free(char* s) { std::free(s); }

const char* wb_error_code_id(int code) {
  if (!known_code(code)) return "";
  return error_id(static_cast<ErrorCode>(code)).data();  // a view of a whole string literal: terminated
}

const char* wb_error_code_template(int code, const char* lang) {
  if (!known_code(code)) return "";
  Lang l = lang ? parse_lang(lang).value_or(Lang::ZhCN) : Lang::ZhCN;
  return error_template(static_cast<ErrorCode>(code), l).data();
}

int wb_error_code_from_id(const char* id) {
  if (!id) return -1;
  auto code = error_code_from_id(id);
  return code ? static_cast<int>(*code) : -1;
}

int wb_error_code_at(size_t index) {
  static const std::vector<ErrorCode> codes = all_error_codes();
  return index < codes.size() ? static_cast<int>(codes[index]) : -1;
}

size_t wb_error_code_count(void) { return all_error_codes().size(); }

}  // extern "C"
