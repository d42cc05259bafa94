// Value keywords: type, enum, const, numeric bounds, multipleOf, string length, pattern, format.
#include <cmath>
#include <cstdint>
#include <string>

#include "core/common/utf8.hpp"
#include "core/validate/keywords.hpp"

namespace wb::validate::detail {
namespace {

unsigned type_bits(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return kNull;
    case json::value_t::boolean: return kBoolean;
    case json::value_t::object: return kObject;
    case json::value_t::array: return kArray;
    case json::value_t::string: return kString;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return kNumber | kInteger;
    case json::value_t::number_float: {
      double d = v.get<double>();
      return std::isfinite(d) && std::floor(d) == d ? (kNumber | kInteger) : kNumber;
    }
    default: return 0;
  }
}

// -1, 0, 1: a compared with b (both numbers), exactly for integers.
int compare_numbers(const json& a, const json& b) {
  if (a.is_number_integer() && b.is_number_integer()) {  // covers unsigned too
    bool au = a.is_number_unsigned(), bu = b.is_number_unsigned();
    if (au && bu) {
      auto x = a.get<std::uint64_t>(), y = b.get<std::uint64_t>();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (!au && !bu) {
      auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (au) return b.get<std::int64_t>() < 0 ? 1 : compare_numbers(a, json(static_cast<std::uint64_t>(b.get<std::int64_t>())));
    return a.get<std::int64_t>() < 0 ? -1 : compare_numbers(json(static_cast<std::uint64_t>(a.get<std::int64_t>())), b);
  }
  double x = a.get<double>(), y = b.get<double>();
  return x < y ? -1 : x > y ? 1 : 0;
}

std::string display(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

void type_names(unsigned mask, std::string& en, std::string& zh) {
  static constexpr struct {
    unsigned bit;
    const char* en;
    const char* zh;
  } kNames[] = {{kString, "text", "文字"},          {kInteger, "a whole number", "整数"},
                {kNumber, "a number", "数字"},       {kBoolean, "yes or no", "“是”或“否”"},
                {kObject, "a group of details", "完整的信息"}, {kArray, "a list", "列表"},
                {kNull, "nothing (empty)", "空值"}};
  for (const auto& n : kNames) {
    if (!(mask & n.bit)) continue;
    if (n.bit == kInteger && (mask & kNumber)) continue;
    if (!en.empty()) {
      en += " or ";
      zh += "或";
    }
    en += n.en;
    zh += n.zh;
  }
}

}  // namespace

bool json_equal(const json& a, const json& b) { return a == b; }

bool TypeKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (type_bits(inst) & mask) return true;
  if (ctx.errors != nullptr) {
    std::string en, zh;
    type_names(mask, en, zh);
    report(ctx, *this, ip, kp, ErrorCode::ValidateType, {{"expected", en}, {"expected_zh", zh}});
  }
  return false;
}

bool EnumKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (all_strings) {
    if (inst.is_string()) {
      const auto& s = inst.get_ref<const std::string&>();
      for (const auto& v : strings)
        if (v == s) return true;
    }
  } else {
    for (const auto& v : values)
      if (json_equal(inst, v)) return true;
  }
  if (ctx.errors != nullptr) {
    std::string list;
    for (const auto& v : values) list += (list.empty() ? "" : ", ") + display(v);
    report(ctx, *this, ip, kp, ErrorCode::ValidateEnum, {{"allowed", list}});
  }
  return false;
}

bool ConstKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (json_equal(inst, value)) return true;
  report(ctx, *this, ip, kp, ErrorCode::ValidateConst, {{"value", display(value)}});
  return false;
}

bool BoundKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (!inst.is_number()) return true;
  int c = compare_numbers(inst, limit);
  bool ok = is_max ? (exclusive ? c < 0 : c <= 0) : (exclusive ? c > 0 : c >= 0);
  if (ok) return true;
  ErrorCode code = is_max ? (exclusive ? ErrorCode::ValidateExclusiveMaximum : ErrorCode::ValidateMaximum)
                          : (exclusive ? ErrorCode::ValidateExclusiveMinimum : ErrorCode::ValidateMinimum);
  report(ctx, *this, ip, kp, code, {{is_max ? "max" : "min", limit.dump()}});
  return false;
}

bool MultipleOfKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (!inst.is_number()) return true;
  bool ok;
  if (inst.is_number_integer() && factor.is_number_integer() && !inst.is_number_unsigned() &&
      !factor.is_number_unsigned()) {
    ok = inst.get<std::int64_t>() % factor.get<std::int64_t>() == 0;
  } else {
    double q = inst.get<double>() / factor.get<double>();
    if (std::isfinite(q) && std::fabs(q) < 1e9 && std::fabs(q - std::nearbyint(q)) > 1e-6)
      ok = false;  // clearly not an integer quotient
    else
      ok = is_multiple_of(decimal_of(inst), decimal);
  }
  if (ok) return true;
  report(ctx, *this, ip, kp, ErrorCode::ValidateMultipleOf, {{"factor", factor.dump()}});
  return false;
}

bool LengthKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (!inst.is_string()) return true;
  const auto& s = inst.get_ref<const std::string&>();
  if (is_max) {
    if (s.size() <= limit) return true;  // bytes ≥ code points
  } else if (s.size() / 4 >= limit) {
    return true;  // at most 4 bytes per code point
  }
  size_t n = utf8_length(s);
  if (is_max ? n <= limit : n >= limit) return true;
  report(ctx, *this, ip, kp, is_max ? ErrorCode::ValidateMaxLength : ErrorCode::ValidateMinLength,
         {{is_max ? "max" : "min", std::to_string(limit)}, {"actual", std::to_string(n)}});
  return false;
}

bool PatternKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (!inst.is_string()) return true;
  const auto& text = inst.get_ref<const std::string&>();
  if (simple ? simple->match(text) : re.search(text)) return true;
  report(ctx, *this, ip, kp, ErrorCode::ValidatePattern, {{"pattern", source}});
  return false;
}

bool FormatKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (!inst.is_string() || !(always_assert || ctx.assert_formats)) return true;
  if (check_format(format, inst.get_ref<const std::string&>())) return true;
  report(ctx, *this, ip, kp, format_error_code(format), {{"format", format_name}});
  return false;
}

}  // namespace wb::validate::detail
