// In-place applicators: $ref, $dynamicRef, allOf, anyOf, oneOf, not, if/then/else, dependentSchemas.
#include <string>

#include "core/validate/keywords.hpp"

namespace wb::validate::detail {
namespace {

// Runs a child with error reporting switched off (for anyOf/oneOf/not/if branches) and restores it.
struct Quiet {
  Ctx& ctx;
  std::vector<ValidationError>* saved;
  explicit Quiet(Ctx& c) : ctx(c), saved(c.errors) { c.errors = nullptr; }
  ~Quiet() { ctx.errors = saved; }
  Quiet(const Quiet&) = delete;
  Quiet& operator=(const Quiet&) = delete;
};

}  // namespace

bool RefKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  KwPath here{kp, target.seg};
  ++ctx.ref_depth;
  bool ok = target.node->eval(inst, ctx, ip, &here, ann);
  --ctx.ref_depth;
  return ok;
}

bool DynamicRefKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  const Node* t = target.node;
  if (!anchor.empty()) {
    for (int i = 0; i < ctx.scope_size; ++i) {
      if (const Node* n = ctx.scope[i]->find_dynamic(anchor)) {
        t = n;
        break;
      }
    }
  }
  KwPath here{kp, target.seg};
  ++ctx.ref_depth;
  bool ok = t->eval(inst, ctx, ip, &here, ann);
  --ctx.ref_depth;
  return ok;
}

bool AllOfKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  bool ok = true;
  for (const auto& c : children) {
    KwPath here{kp, c.seg};
    if (!c.node->eval(inst, ctx, ip, &here, ann)) {
      ok = false;
      if (ctx.errors == nullptr || ctx.done()) break;
    }
  }
  return ok;
}

bool AnyOfKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  bool ok = false;
  {
    Quiet quiet(ctx);
    for (const auto& c : children) {
      KwPath here{kp, c.seg};
      if (ann == nullptr) {
        if (c.node->eval(inst, ctx, ip, &here, nullptr)) {
          ok = true;
          break;
        }
      } else {
        Annotations local;  // every passing branch contributes annotations
        if (c.node->eval(inst, ctx, ip, &here, &local)) {
          ok = true;
          ann->merge(local);
        }
      }
    }
  }
  if (!ok) report(ctx, *this, ip, kp, ErrorCode::ValidateAnyOf, {});
  return ok;
}

bool OneOfKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  size_t passed = 0;
  Annotations keep;
  std::string first, second;
  {
    Quiet quiet(ctx);
    for (size_t i = 0; i < children.size(); ++i) {
      const auto& c = children[i];
      KwPath here{kp, c.seg};
      Annotations local;
      if (c.node->eval(inst, ctx, ip, &here, ann != nullptr ? &local : nullptr)) {
        if (++passed == 1) {
          if (ann != nullptr) keep = std::move(local);
          first = std::to_string(i);
        } else {
          second = std::to_string(i);
          break;
        }
      }
    }
  }
  if (passed == 1) {
    if (ann != nullptr) ann->merge(keep);
    return true;
  }
  report(ctx, *this, ip, kp, ErrorCode::ValidateOneOf, passed == 0 ? MessageArgs{} : MessageArgs{{"first", first}, {"second", second}});
  return false;
}

bool NotKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* /*ann*/) const {
  bool inner;
  {
    Quiet quiet(ctx);
    KwPath here{kp, child.seg};
    inner = child.node->eval(inst, ctx, ip, &here, nullptr);
  }
  if (inner) report(ctx, *this, ip, kp, ErrorCode::ValidateNot, {});
  return !inner;
}

bool IfKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  bool cond;
  {
    Quiet quiet(ctx);
    KwPath here{kp, if_.seg};
    if (ann == nullptr) {
      cond = if_.node->eval(inst, ctx, ip, &here, nullptr);
    } else {
      Annotations local;
      cond = if_.node->eval(inst, ctx, ip, &here, &local);
      if (cond) ann->merge(local);
    }
  }
  const Child& next = cond ? then_ : else_;
  if (next.node == nullptr) return true;
  KwPath here{kp, next.seg};
  return next.node->eval(inst, ctx, ip, &here, ann);
}

bool DependentSchemasKw::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                              Annotations* ann) const {
  const auto* obj = inst.get_ptr<const json::object_t*>();
  if (obj == nullptr) return true;
  bool ok = true;
  for (const auto& e : entries) {
    if (obj->find(e.first) == obj->end()) continue;
    KwPath here{kp, e.second.seg};
    if (!e.second.node->eval(inst, ctx, ip, &here, ann)) {
      ok = false;
      if (ctx.errors == nullptr || ctx.done()) break;
    }
  }
  return ok;
}

}  // namespace wb::validate::detail
