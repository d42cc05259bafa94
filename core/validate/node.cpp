#include "core/validate/node.hpp"
#include "core/validate/keywords.hpp"

#include <algorithm>

#include "core/common/json_pointer.hpp"

namespace wb::validate::detail {

std::string materialize(const InstPath* p) {
  std::vector<const InstPath*> chain;
  for (; p != nullptr; p = p->parent) chain.push_back(p);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    out.push_back('/');
    if ((*it)->is_index)
      out += std::to_string((*it)->index);
    else
      out += escape_pointer_token((*it)->key);
  }
  return out;
}

std::string materialize(const KwPath* p) {
  std::vector<std::string_view> chain;
  for (; p != nullptr; p = p->parent) chain.push_back(p->seg);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) out.append(*it);
  return out;
}

void Annotations::merge(const Annotations& o) {
  all_props = all_props || o.all_props;
  if (!all_props) props.insert(props.end(), o.props.begin(), o.props.end());
  all_items = all_items || o.all_items;
  prefix = std::max(prefix, o.prefix);
  if (!all_items) items.insert(items.end(), o.items.begin(), o.items.end());
}

bool Annotations::has_prop(std::string_view name) const {
  if (all_props) return true;
  return std::find(props.begin(), props.end(), name) != props.end();
}

bool Annotations::has_item(size_t i) const {
  if (all_items || i < prefix) return true;
  return std::find(items.begin(), items.end(), i) != items.end();
}

namespace {

// A value keyword: the inline verdict; the report only when errors are collected (reporting has no other effect).
template <typename K>
inline bool value_kw(const Keyword& kw, const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) {
  const auto& k = static_cast<const K&>(kw);
  if (k.check(inst)) return true;
  if (ctx.errors != nullptr) k.fail(inst, ctx, ip, kp);
  return false;
}

inline bool eval_keyword(const Keyword& kw, const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                         Annotations* ann) {
  switch (kw.kind) {
    case KwKind::Type: return value_kw<TypeKw>(kw, inst, ctx, ip, kp);
    case KwKind::Length: return value_kw<LengthKw>(kw, inst, ctx, ip, kp);
    case KwKind::Enum: return value_kw<EnumKw>(kw, inst, ctx, ip, kp);
    case KwKind::Const: return value_kw<ConstKw>(kw, inst, ctx, ip, kp);
    case KwKind::Bound: return value_kw<BoundKw>(kw, inst, ctx, ip, kp);
    case KwKind::MultipleOf: return value_kw<MultipleOfKw>(kw, inst, ctx, ip, kp);
    case KwKind::Pattern: return value_kw<PatternKw>(kw, inst, ctx, ip, kp);
    case KwKind::Format: {
      const auto& k = static_cast<const FormatKw&>(kw);
      if (k.check(inst, ctx)) return true;
      if (ctx.errors != nullptr) k.fail(inst, ctx, ip, kp);
      return false;
    }
    case KwKind::Properties: return static_cast<const PropertiesKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::Ref: return static_cast<const RefKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::Items: return static_cast<const ItemsKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::Required: return static_cast<const RequiredKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::ItemCount: return static_cast<const ItemCountKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::If: return static_cast<const IfKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::DynamicRef: return static_cast<const DynamicRefKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::AllOf: return static_cast<const AllOfKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::AnyOf: return static_cast<const AnyOfKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::OneOf: return static_cast<const OneOfKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::Not: return static_cast<const NotKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::DependentSchemas: return static_cast<const DependentSchemasKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::PropertyNames: return static_cast<const PropertyNamesKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::DependentRequired:
      return static_cast<const DependentRequiredKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::PropertyCount: return static_cast<const PropertyCountKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::UnevaluatedProperties:
      return static_cast<const UnevaluatedPropertiesKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::Contains: return static_cast<const ContainsKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::UniqueItems: return static_cast<const UniqueItemsKw&>(kw).eval(inst, ctx, ip, kp, ann);
    case KwKind::UnevaluatedItems: return static_cast<const UnevaluatedItemsKw&>(kw).eval(inst, ctx, ip, kp, ann);
  }
  return true;
}

inline bool eval_keywords(const Node& node, const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp,
                          Annotations* ann) {
  bool ok = true;
  for (const auto& kw : node.keywords) {
    if (!eval_keyword(*kw, inst, ctx, ip, kp, ann)) {
      ok = false;
      if (ctx.errors == nullptr || ctx.done()) break;
    }
  }
  return ok;
}

}  // namespace

bool Node::eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const {
  if (is_bool) {
    if (!bool_value) report_node(ctx, *this, ip, kp, ErrorCode::ValidateFalse, "false");
    return bool_value;
  }
  if (ctx.depth >= kMaxEvalDepth || ++ctx.steps > kMaxEvalSteps) {
    report_node(ctx, *this, ip, kp, ErrorCode::ValidateTooDeep, "$ref");
    return false;
  }
  ++ctx.depth;
  bool pushed = false;
  if (ctx.scope_size == 0 || ctx.scope[ctx.scope_size - 1] != resource) {
    ctx.scope[ctx.scope_size++] = resource;
    pushed = true;
  }
  bool ok;
  if (collects) {
    Annotations local;
    ok = eval_keywords(*this, inst, ctx, ip, kp, &local);
    if (ok && ann != nullptr) ann->merge(local);
  } else {
    ok = eval_keywords(*this, inst, ctx, ip, kp, ann);
  }
  if (pushed) --ctx.scope_size;
  --ctx.depth;
  return ok;
}

namespace {

void push_error(Ctx& ctx, ValidationError e, const KwPath* kp, std::string_view seg, const std::string& abs) {
  e.keyword_location = materialize(kp);
  e.keyword_location.append(seg);
  if (ctx.ref_depth > 0) e.absolute_keyword_location = abs + std::string(seg);
  ctx.errors->push_back(std::move(e));
  ctx.failed = true;
}

}  // namespace

void report_at(Ctx& ctx, std::string_view name, std::string_view seg, const std::string& abs, const InstPath* ip,
               const KwPath* kp, ErrorCode code, MessageArgs args, const std::string* extra_token) {
  if (ctx.errors == nullptr || ctx.done()) return;
  ValidationError e;
  e.instance_location = materialize(ip);
  if (extra_token != nullptr) e.instance_location = pointer_append(e.instance_location, *extra_token);
  e.keyword = std::string(name);
  e.code = code;
  e.args = std::move(args);
  push_error(ctx, std::move(e), kp, seg, abs);
}

void report(Ctx& ctx, const Keyword& kw, const InstPath* ip, const KwPath* kp, ErrorCode code, MessageArgs args,
            const std::string* extra_token) {
  if (ctx.errors == nullptr || ctx.done()) return;
  report_at(ctx, kw.name, kw.seg, kw.owner->abs, ip, kp, code, std::move(args), extra_token);
}

void report_node(Ctx& ctx, const Node& node, const InstPath* ip, const KwPath* kp, ErrorCode code,
                 std::string_view keyword) {
  if (ctx.errors == nullptr || ctx.done()) return;
  ValidationError e;
  e.instance_location = materialize(ip);
  e.keyword = std::string(keyword);
  e.code = code;
  push_error(ctx, std::move(e), kp, "", node.abs);
}

}  // namespace wb::validate::detail
