// Object keywords: properties/patternProperties/additionalProperties, propertyNames, required,
// dependentRequired, min/maxProperties, unevaluatedProperties.
#include <string>

#include "core/validate/keywords.hpp"

namespace wb::validate::detail {
namespace {

// std::string ordering, with the first byte compared inline (property names usually differ early).
inline int compare_names(const std::string& a, const std::string& b) {
  if (!a.empty() && !b.empty() && a[0] != b[0])
    return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]) ? -1 : 1;
  return a.compare(b);
}

}  // namespace

bool PropertiesKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  if (!inst.is_object()) return true;
  bool ok = true;
  auto pit = props.begin();
  const auto pend = props.end();
  size_t required_seen = 0;
  for (auto it = inst.begin(); it != inst.end(); ++it) {
    const std::string& key = it.key();
    int cmp = 1;
    while (pit != pend && (cmp = compare_names(pit->name, key)) < 0) ++pit;
    bool matched = false;
    InstPath child_ip{ip, key, 0, false};
    if (pit != pend && cmp == 0) {
      matched = true;
      required_seen += pit->required ? 1 : 0;
      KwPath here{kp, pit->child.seg};
      if (!pit->child.node->eval(*it, ctx, &child_ip, &here, nullptr)) {
        ok = false;
        if (ctx.errors == nullptr || ctx.done()) return false;
      }
    }
    for (const auto& p : patterns) {
      if (!p.re.search(key)) continue;
      matched = true;
      KwPath here{kp, p.child.seg};
      if (!p.child.node->eval(*it, ctx, &child_ip, &here, nullptr)) {
        ok = false;
        if (ctx.errors == nullptr || ctx.done()) return false;
      }
    }
    if (!matched && additional.node != nullptr) {
      matched = true;
      if (additional.node->is_bool) {
        if (!additional.node->bool_value) {
          ok = false;
          report_at(ctx, additional_name, additional.seg, owner->abs, ip, kp, ErrorCode::ValidateAdditionalProperty,
                    {{"property", key}}, &key);
          if (ctx.errors == nullptr || ctx.done()) return false;
        }
      } else {
        KwPath here{kp, additional.seg};
        if (!additional.node->eval(*it, ctx, &child_ip, &here, nullptr)) {
          ok = false;
          if (ctx.errors == nullptr || ctx.done()) return false;
        }
      }
    }
    if (matched && ann != nullptr) ann->props.push_back(key);
  }
  if (required_seen != required_count) {
    ok = false;
    if (ctx.errors != nullptr) {
      for (const auto& p : props) {
        if (!p.required || inst.find(p.name) != inst.end()) continue;
        report_at(ctx, "required", "/required", owner->abs, ip, kp, ErrorCode::ValidateRequired, {{"property", p.name}},
                  &p.name);
        if (ctx.done()) break;
      }
    }
  }
  return ok;
}

bool PropertyNamesKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                           Annotations* /*ann*/) const {
  if (!inst.is_object()) return true;
  bool ok = true;
  for (auto it = inst.begin(); it != inst.end(); ++it) {
    json key_value = it.key();
    bool pass;
    {
      auto* saved = ctx.errors;
      ctx.errors = nullptr;
      KwPath here{kp, child.seg};
      pass = child.node->eval(key_value, ctx, ip, &here, nullptr);
      ctx.errors = saved;
    }
    if (!pass) {
      ok = false;
      report(ctx, *this, ip, kp, ErrorCode::ValidatePropertyName, {{"property", it.key()}});
      if (ctx.errors == nullptr || ctx.done()) return false;
    }
  }
  return ok;
}

bool RequiredKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (!inst.is_object()) return true;
  bool ok = true;
  for (const auto& n : names) {
    if (inst.find(n) != inst.end()) continue;
    ok = false;
    if (ctx.errors == nullptr) return false;
    report(ctx, *this, ip, kp, ErrorCode::ValidateRequired, {{"property", n}}, &n);
    if (ctx.done()) return false;
  }
  return ok;
}

bool DependentRequiredKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                               Annotations* /*ann*/) const {
  if (!inst.is_object()) return true;
  bool ok = true;
  for (const auto& e : entries) {
    if (inst.find(e.first) == inst.end()) continue;
    for (const auto& n : e.second) {
      if (inst.find(n) != inst.end()) continue;
      ok = false;
      if (ctx.errors == nullptr) return false;
      report(ctx, *this, ip, kp, ErrorCode::ValidateDependentRequired, {{"property", e.first}, {"missing", n}}, &n);
      if (ctx.done()) return false;
    }
  }
  return ok;
}

bool PropertyCountKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                           Annotations* /*ann*/) const {
  if (!inst.is_object()) return true;
  size_t n = inst.size();
  if (is_max ? n <= limit : n >= limit) return true;
  report(ctx, *this, ip, kp, is_max ? ErrorCode::ValidateMaxProperties : ErrorCode::ValidateMinProperties,
         {{is_max ? "max" : "min", std::to_string(limit)}, {"actual", std::to_string(n)}});
  return false;
}

bool UnevaluatedPropertiesKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                                   Annotations* ann) const {
  if (!inst.is_object()) return true;
  bool ok = true;
  for (auto it = inst.begin(); it != inst.end(); ++it) {
    const std::string& key = it.key();
    if (ann != nullptr && ann->has_prop(key)) continue;
    if (child.node->is_bool) {
      if (child.node->bool_value) continue;
      ok = false;
      report(ctx, *this, ip, kp, ErrorCode::ValidateUnevaluatedProperty, {{"property", key}}, &key);
      if (ctx.errors == nullptr || ctx.done()) return false;
      continue;
    }
    InstPath child_ip{ip, key, 0, false};
    KwPath here{kp, child.seg};
    if (!child.node->eval(*it, ctx, &child_ip, &here, nullptr)) {
      ok = false;
      if (ctx.errors == nullptr || ctx.done()) return false;
    }
  }
  if (ok && ann != nullptr) ann->all_props = true;
  return ok;
}

}  // namespace wb::validate::detail
