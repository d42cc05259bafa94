// Object keywords: properties/patternProperties/additionalProperties, propertyNames, required,
// dependentRequired, min/maxProperties, unevaluatedProperties.
#include <string>

#include "core/validate/keywords.hpp"

namespace wb::validate::detail {
void PropertiesKw::finish() {
  for (auto& p : props) p.prefix = name_prefix(p.name);
}

bool PropertiesKw::missing_required(const json::object_t& obj, Ctx& ctx, const InstPath* ip, const KwPath* kp) const {
  if (ctx.errors != nullptr) {
    for (const auto& p : props) {
      if (!p.required || obj.find(p.name) != obj.end()) continue;
      report_at(ctx, "required", "/required", owner->abs, ip, kp, ErrorCode::ValidateRequired, {{"property", p.name}},
                &p.name);
      if (ctx.done()) break;
    }
  }
  return false;
}

// Only "properties": look each declared name up instead of walking every member. Props are sorted like the
// instance's members, so children are evaluated (and errors reported) in the same order as by the walk.
bool PropertiesKw::eval_lookup(const json::object_t& obj, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                               Annotations* ann) const {
  bool ok = true;
  size_t required_seen = 0;
  for (const auto& p : props) {
    auto it = obj.find(p.name);
    if (it == obj.end()) continue;
    required_seen += p.required ? 1 : 0;
    InstPath child_ip{ip, it->first, 0, false};
    KwPath here{kp, p.child.seg};
    if (!p.child.node->eval(it->second, ctx, &child_ip, &here, nullptr)) {
      ok = false;
      if (ctx.errors == nullptr || ctx.done()) return false;
    }
    if (ann != nullptr) ann->props.push_back(it->first);
  }
  if (required_seen != required_count) ok = missing_required(obj, ctx, ip, kp);
  return ok;
}

bool PropertiesKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  const auto* objp = inst.get_ptr<const json::object_t*>();
  if (objp == nullptr) return true;
  const json::object_t& obj = *objp;
  if (patterns.empty() && additional.node == nullptr) {
    // A lookup costs about log2(members) comparisons; the walk one step and a comparison or two per member.
    size_t n = obj.size(), log2n = 1;
    while ((size_t{1} << log2n) <= n) ++log2n;
    if (props.size() * log2n < n) return eval_lookup(obj, ctx, ip, kp, ann);
  }
  bool ok = true;
  auto pit = props.begin();
  const auto pend = props.end();
  size_t required_seen = 0;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string& key = it->first;
    const std::uint64_t kpre = name_prefix(key);
    // Merge with the sorted props: skip those before key (absent from the instance).
    int cmp = 1;
    while (pit != pend) {
      if (pit->prefix != kpre)
        cmp = pit->prefix < kpre ? -1 : 1;
      else if (pit->name.size() <= 8 && key.size() <= 8)
        cmp = pit->name.size() < key.size() ? -1 : pit->name.size() > key.size() ? 1 : 0;
      else
        cmp = compare_text(std::string_view(pit->name).substr(8 < pit->name.size() ? 8 : pit->name.size()),
                           std::string_view(key).substr(8 < key.size() ? 8 : key.size()));
      if (cmp >= 0) break;
      ++pit;
    }
    bool matched = false;
    InstPath child_ip{ip, key, 0, false};
    if (pit != pend && cmp == 0) {
      matched = true;
      required_seen += pit->required ? 1 : 0;
      KwPath here{kp, pit->child.seg};
      if (!pit->child.node->eval(it->second, ctx, &child_ip, &here, nullptr)) {
        ok = false;
        if (ctx.errors == nullptr || ctx.done()) return false;
      }
    }
    for (const auto& p : patterns) {
      if (!p.re.search(key)) continue;
      matched = true;
      KwPath here{kp, p.child.seg};
      if (!p.child.node->eval(it->second, ctx, &child_ip, &here, nullptr)) {
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
        if (!additional.node->eval(it->second, ctx, &child_ip, &here, nullptr)) {
          ok = false;
          if (ctx.errors == nullptr || ctx.done()) return false;
        }
      }
    }
    if (matched && ann != nullptr) ann->props.push_back(key);
  }
  if (required_seen != required_count) ok = missing_required(obj, ctx, ip, kp);
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
  const auto* obj = inst.get_ptr<const json::object_t*>();
  if (obj == nullptr) return true;
  bool ok = true;
  for (const auto& n : names) {
    if (obj->find(n) != obj->end()) continue;
    ok = false;
    if (ctx.errors == nullptr) return false;
    report(ctx, *this, ip, kp, ErrorCode::ValidateRequired, {{"property", n}}, &n);
    if (ctx.done()) return false;
  }
  return ok;
}

bool DependentRequiredKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                               Annotations* /*ann*/) const {
  const auto* obj = inst.get_ptr<const json::object_t*>();
  if (obj == nullptr) return true;
  bool ok = true;
  for (const auto& e : entries) {
    if (obj->find(e.first) == obj->end()) continue;
    for (const auto& n : e.second) {
      if (obj->find(n) != obj->end()) continue;
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
