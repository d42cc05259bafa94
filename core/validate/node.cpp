#include "core/validate/node.hpp"

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
  bool ok = true;
  if (collects) {
    Annotations local;
    for (const auto& kw : keywords) {
      if (!kw->eval(inst, ctx, ip, kp, &local)) {
        ok = false;
        if (ctx.errors == nullptr || ctx.done()) break;
      }
    }
    if (ok && ann != nullptr) ann->merge(local);
  } else {
    for (const auto& kw : keywords) {
      if (!kw->eval(inst, ctx, ip, kp, ann)) {
        ok = false;
        if (ctx.errors == nullptr || ctx.done()) break;
      }
    }
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
