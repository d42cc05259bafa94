// Array keywords: prefixItems/items (and draft-07 items/additionalItems), contains with min/maxContains,
// min/maxItems, uniqueItems, unevaluatedItems.
#include <string>

#include "core/validate/keywords.hpp"

namespace wb::validate::detail {

bool ItemsKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  const auto* arr = inst.get_ptr<const json::array_t*>();
  if (arr == nullptr) return true;
  const json::array_t& items = *arr;
  bool ok = true;
  const size_t n = items.size();
  const size_t np = std::min(n, prefix.size());
  for (size_t i = 0; i < np; ++i) {
    InstPath child_ip{ip, {}, i, true};
    KwPath here{kp, prefix[i].seg};
    if (!prefix[i].node->eval(items[i], ctx, &child_ip, &here, nullptr)) {
      ok = false;
      if (ctx.errors == nullptr || ctx.done()) return false;
    }
  }
  if (rest.node != nullptr && n > np) {
    if (rest.node->is_bool && !rest.node->bool_value) {
      report_at(ctx, rest_name, rest.seg, owner->abs, ip, kp, ErrorCode::ValidateAdditionalItems,
                {{"max", std::to_string(np)}});
      return false;
    }
    if (!(rest.node->is_bool && rest.node->bool_value)) {
      for (size_t i = np; i < n; ++i) {
        InstPath child_ip{ip, {}, i, true};
        KwPath here{kp, rest.seg};
        if (!rest.node->eval(items[i], ctx, &child_ip, &here, nullptr)) {
          ok = false;
          if (ctx.errors == nullptr || ctx.done()) return false;
        }
      }
    }
    if (ann != nullptr && ok) ann->all_items = true;
  }
  if (ann != nullptr && ok) ann->prefix = std::max(ann->prefix, np);
  return ok;
}

bool ContainsKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  if (!inst.is_array()) return true;
  size_t count = 0;
  {
    auto* saved = ctx.errors;
    ctx.errors = nullptr;
    for (size_t i = 0; i < inst.size(); ++i) {
      InstPath child_ip{ip, {}, i, true};
      KwPath here{kp, child.seg};
      if (child.node->eval(inst[i], ctx, &child_ip, &here, nullptr)) {
        ++count;
        if (ann != nullptr) ann->items.push_back(i);
        if (ann == nullptr && !max && count >= min) break;
      }
    }
    ctx.errors = saved;
  }
  if (count < min) {
    if (min == 1)
      report(ctx, *this, ip, kp, ErrorCode::ValidateContains, {});
    else
      report_at(ctx, "minContains", "/minContains", owner->abs, ip, kp, ErrorCode::ValidateMinContains,
                {{"min", std::to_string(min)}});
    return false;
  }
  if (max && count > *max) {
    report_at(ctx, "maxContains", "/maxContains", owner->abs, ip, kp, ErrorCode::ValidateMaxContains,
              {{"max", std::to_string(*max)}});
    return false;
  }
  return true;
}

bool ItemCountKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (!inst.is_array()) return true;
  size_t n = inst.size();
  if (is_max ? n <= limit : n >= limit) return true;
  report(ctx, *this, ip, kp, is_max ? ErrorCode::ValidateMaxItems : ErrorCode::ValidateMinItems,
         {{is_max ? "max" : "min", std::to_string(limit)}, {"actual", std::to_string(n)}});
  return false;
}

bool UniqueItemsKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  if (!inst.is_array()) return true;
  const size_t n = inst.size();
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (json_equal(inst[i], inst[j])) {
        report(ctx, *this, ip, kp, ErrorCode::ValidateUniqueItems,
               {{"first", std::to_string(i + 1)}, {"second", std::to_string(j + 1)}});
        return false;
      }
    }
  }
  return true;
}

bool UnevaluatedItemsKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                              Annotations* ann) const {
  if (!inst.is_array()) return true;
  bool ok = true;
  for (size_t i = 0; i < inst.size(); ++i) {
    if (ann != nullptr && ann->has_item(i)) continue;
    if (child.node->is_bool) {
      if (child.node->bool_value) continue;
      report(ctx, *this, ip, kp, ErrorCode::ValidateUnevaluatedItems, {{"index", std::to_string(i)}});
      return false;
    }
    InstPath child_ip{ip, {}, i, true};
    KwPath here{kp, child.seg};
    if (!child.node->eval(inst[i], ctx, &child_ip, &here, nullptr)) {
      ok = false;
      if (ctx.errors == nullptr || ctx.done()) return false;
    }
  }
  if (ok && ann != nullptr) ann->all_items = true;
  return ok;
}

}  // namespace wb::validate::detail
