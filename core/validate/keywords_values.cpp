// Value keywords: type, enum, const, numeric bounds, multipleOf, string length, pattern, format.
#include <cmath>
#include <cstdint>
#include <string>

#include "core/common/utf8.hpp"
#include "core/validate/keywords.hpp"

namespace wb::validate::detail {
namespace {

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

void TypeKw::fail(const json& /*inst*/, Ctx& ctx, const InstPath* ip, const KwPath* kp) const {
  std::string en, zh;
  type_names(mask, en, zh);
  report(ctx, *this, ip, kp, ErrorCode::ValidateType, {{"expected", en}, {"expected_zh", zh}});
}

void EnumKw::fail(const json& /*inst*/, Ctx& ctx, const InstPath* ip, const KwPath* kp) const {
  std::string list;
  for (const auto& v : values) list += (list.empty() ? "" : ", ") + display(v);
  report(ctx, *this, ip, kp, ErrorCode::ValidateEnum, {{"allowed", list}});
}

void ConstKw::fail(const json& /*inst*/, Ctx& ctx, const InstPath* ip, const KwPath* kp) const {
  report(ctx, *this, ip, kp, ErrorCode::ValidateConst, {{"value", display(value)}});
}

void BoundKw::fail(const json& /*inst*/, Ctx& ctx, const InstPath* ip, const KwPath* kp) const {
  ErrorCode code = is_max ? (exclusive ? ErrorCode::ValidateExclusiveMaximum : ErrorCode::ValidateMaximum)
                          : (exclusive ? ErrorCode::ValidateExclusiveMinimum : ErrorCode::ValidateMinimum);
  report(ctx, *this, ip, kp, code, {{is_max ? "max" : "min", limit.dump()}});
}

void MultipleOfKw::finish() {
  factor_value = number_as_double(factor);
  modulus = 0;
  if (decimal.digits.size() <= 17 && decimal.digits != "0") modulus = std::stoull(decimal.digits);
}

bool MultipleOfKw::exact(const json& inst) const {
  if (modulus == 0) return is_multiple_of(decimal_of(inst), decimal);
  return is_multiple_of_small(inst, decimal, modulus);
}

void MultipleOfKw::fail(const json& /*inst*/, Ctx& ctx, const InstPath* ip, const KwPath* kp) const {
  report(ctx, *this, ip, kp, ErrorCode::ValidateMultipleOf, {{"factor", factor.dump()}});
}

void LengthKw::fail(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) const {
  size_t n = utf8_length(*inst.get_ptr<const json::string_t*>());
  report(ctx, *this, ip, kp, is_max ? ErrorCode::ValidateMaxLength : ErrorCode::ValidateMinLength,
         {{is_max ? "max" : "min", std::to_string(limit)}, {"actual", std::to_string(n)}});
}

void PatternKw::fail(const json& /*inst*/, Ctx& ctx, const InstPath* ip, const KwPath* kp) const {
  report(ctx, *this, ip, kp, ErrorCode::ValidatePattern, {{"pattern", source}});
}

void FormatKw::fail(const json& /*inst*/, Ctx& ctx, const InstPath* ip, const KwPath* kp) const {
  report(ctx, *this, ip, kp, format_error_code(format), {{"format", format_name}});
}

}  // namespace wb::validate::detail
