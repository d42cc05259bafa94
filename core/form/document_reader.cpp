#include "core/form/document_reader.hpp"

#include "core/common/json_pointer.hpp"

namespace wb::form {
namespace {

using nlohmann::json;

std::string_view type_name(json::value_t t) {
  switch (t) {
    case json::value_t::object: return "object";
    case json::value_t::array: return "array";
    case json::value_t::string: return "string";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    case json::value_t::null: return "null";
    default: return "value";
  }
}

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::string_view json_type_name(const json& j) { return type_name(j.type()); }

std::string_view json_type_name_zh(std::string_view en) {
  if (en == "object") return "对象";
  if (en == "array") return "数组";
  if (en == "string") return "字符串";
  if (en == "boolean") return "布尔值";
  if (en == "integer") return "整数";
  if (en == "number") return "数字";
  if (en == "null") return "空值（null）";
  return "值";
}

void DocumentReader::report(ErrorCode code, std::string pointer, MessageArgs args) {
  diagnostics_.push_back(Diagnostic{code, std::move(pointer), std::move(args), 0, 0});
}

bool DocumentReader::expect_type(const json& j, const std::string& ptr, json::value_t type) {
  bool ok = j.type() == type || (type == json::value_t::number_integer && j.is_number_unsigned()) ||
            (type == json::value_t::number_float && j.is_number());
  if (!ok) {
    std::string expected(type_name(type)), actual(json_type_name(j));
    if (type == json::value_t::number_float) expected = "number";
    report(ErrorCode::FormWrongType, ptr,
           {{"expected", expected},
            {"actual", actual},
            {"expected_zh", std::string(json_type_name_zh(expected))},
            {"actual_zh", std::string(json_type_name_zh(actual))}});
  }
  return ok;
}

bool DocumentReader::check_object(const json& j, const std::string& ptr,
                                  std::initializer_list<std::string_view> allowed,
                                  std::initializer_list<std::string_view> required) {
  if (!expect_type(j, ptr, json::value_t::object)) return false;
  for (const auto& [key, value] : j.items()) {
    if (key.rfind("x-", 0) == 0) continue;
    bool known = false;
    for (auto a : allowed)
      if (a == key) known = true;
    if (!known) report(ErrorCode::FormUnknownKey, pointer_append(ptr, key), {{"key", key}});
  }
  for (auto r : required) {
    if (!j.contains(std::string(r))) report(ErrorCode::FormMissingKey, pointer_append(ptr, r), {{"key", std::string(r)}});
  }
  return true;
}

const json* DocumentReader::member(const json& obj, std::string_view key) const {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(std::string(key));
  return it == obj.end() ? nullptr : &*it;
}

std::optional<std::string> DocumentReader::string_member(const json& obj, const std::string& ptr,
                                                         std::string_view key) {
  const json* m = member(obj, key);
  if (!m) return std::nullopt;
  if (!expect_type(*m, pointer_append(ptr, key), json::value_t::string)) return std::nullopt;
  return m->get<std::string>();
}

std::optional<std::int64_t> DocumentReader::int_member(const json& obj, const std::string& ptr, std::string_view key,
                                                       std::int64_t min, std::int64_t max) {
  const json* m = member(obj, key);
  if (!m) return std::nullopt;
  std::string p = pointer_append(ptr, key);
  if (!m->is_number_integer()) {
    expect_type(*m, p, json::value_t::number_integer);
    return std::nullopt;
  }
  if (m->is_number_unsigned() && m->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    report(ErrorCode::FormBadValue, p,
           {{"detail", "must be at most " + std::to_string(max)}, {"detail_zh", "不能大于 " + std::to_string(max)}});
    return std::nullopt;
  }
  std::int64_t v = m->get<std::int64_t>();
  if (v < min || v > max) {
    report(ErrorCode::FormBadValue, p,
           {{"detail", "must be between " + std::to_string(min) + " and " + std::to_string(max)},
            {"detail_zh", "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间"}});
    return std::nullopt;
  }
  return v;
}

std::optional<bool> DocumentReader::bool_member(const json& obj, const std::string& ptr, std::string_view key) {
  const json* m = member(obj, key);
  if (!m) return std::nullopt;
  if (!expect_type(*m, pointer_append(ptr, key), json::value_t::boolean)) return std::nullopt;
  return m->get<bool>();
}

const json* DocumentReader::array_member(const json& obj, const std::string& ptr, std::string_view key,
                                         size_t min_items) {
  const json* m = member(obj, key);
  if (!m) return nullptr;
  std::string p = pointer_append(ptr, key);
  if (!expect_type(*m, p, json::value_t::array)) return nullptr;
  if (m->size() < min_items) {
    report(ErrorCode::FormBadValue, p,
           {{"detail", "needs at least " + std::to_string(min_items) + " entries"},
            {"detail_zh", "至少需要 " + std::to_string(min_items) + " 项"}});
  }
  return m;
}

LocalizedText DocumentReader::text(const json& j, const std::string& ptr) {
  LocalizedText t;
  if (!check_object(j, ptr, {"zh-CN", "en"}, {})) return t;
  if (auto zh = string_member(j, ptr, "zh-CN")) t.zh = *zh;
  if (auto en = string_member(j, ptr, "en")) t.en = *en;
  if (t.zh.find_first_not_of(" \t\r\n") == std::string::npos) {
    t.zh.clear();
    report(ErrorCode::FormMissingZhLabel, pointer_append(ptr, "zh-CN"));
  }
  return t;
}

LocalizedText DocumentReader::text_member(const json& obj, const std::string& ptr, std::string_view key) {
  const json* m = member(obj, key);
  if (!m) return {};
  return text(*m, pointer_append(ptr, key));
}

bool DocumentReader::check_id(const std::string& id, const std::string& ptr, bool item_id) {
  bool ok = !id.empty() && id.size() <= 64;
  if (ok) {
    if (item_id) {
      ok = id.size() >= 2 && id[0] >= 'a' && id[0] <= 'z';
      for (char c : id) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    } else {
      ok = (id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z');
      for (char c : id) ok = ok && is_id_char(c);
    }
  }
  if (!ok) {
    report(ErrorCode::FormBadValue, ptr,
           {{"detail", item_id ? "an item id is lowercase letters, digits and '-', starting with a letter (2-64)"
                               : "an id is letters, digits and '_', starting with a letter (at most 64)"},
            {"detail_zh", item_id ? "事项标识只能包含小写字母、数字和“-”，以字母开头（2 至 64 个字符）"
                                  : "标识只能包含字母、数字和“_”，以字母开头（最多 64 个字符）"}});
  }
  return ok;
}

}  // namespace wb::form
