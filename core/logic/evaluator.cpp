// Evaluating a compiled rule: the entry point, literals, and data access (var, missing, missing_some).

#include "core/logic/evaluator.hpp"

#include <new>

#include "core/logic/coercion.hpp"

namespace wb::logic {

nlohmann::json evaluate(const CompiledRule& rule, const nlohmann::json& data, const EvalContext& ctx,
                        Diagnostic* error) {
  if (rule.info_ == nullptr) return nullptr;  // an empty rule
  try {
    detail::Evaluator ev(ctx);
    detail::Scope scope{&data, nullptr, nullptr, false};
    detail::Value v = ev.eval(*rule.info_->root, scope);
    if (ev.stopped()) {
      if (error != nullptr) *error = Diagnostic{ErrorCode::LogicWorkLimit, "", {{"limit", std::to_string(ctx.max_work)}}, 0, 0};
      return nullptr;
    }
    nlohmann::json out = std::move(v).take();
    detail::normalize_result(out);
    if (error != nullptr) *error = Diagnostic{};
    return out;
  } catch (const std::exception& e) {
    if (error != nullptr) *error = Diagnostic{ErrorCode::Internal, "", {{"detail", e.what()}}, 0, 0};
    return nullptr;
  }
}

namespace detail {

Value op_constant(const Node& n, Evaluator&, const Scope&) { return Value::ref(n.constant); }

Value op_array(const Node& n, Evaluator& ev, const Scope& s) {
  json out = json::array();
  out.get_ref<json::array_t&>().reserve(n.args.size());
  ev.charge(n.args.size());
  for (const auto& a : n.args) {
    json e = ev.eval(a, s).take();
    if (e.is_discarded()) e = nullptr;
    out.get_ref<json::array_t&>().push_back(std::move(e));
  }
  return Value(std::move(out));
}

namespace {

// One JavaScript property access `v[key]` on a JSON value; undefined when there is no such property.
Value step_into(const Value& v, const PathStep& step) {
  const json& j = v.get();
  switch (j.type()) {
    case json::value_t::object: {
      const auto& obj = j.get_ref<const json::object_t&>();
      auto it = obj.find(step.key);
      if (it == obj.end()) return Value();
      if (v.ref() != nullptr) return Value::ref(it->second);
      return Value(json(it->second));
    }
    case json::value_t::array: {
      if (step.index >= 0 && static_cast<std::size_t>(step.index) < j.size()) {
        const json& e = j[static_cast<std::size_t>(step.index)];
        if (v.ref() != nullptr) return Value::ref(e);
        return Value(json(e));
      }
      if (step.key == "length") return Value(json(static_cast<std::int64_t>(j.size())));
      return Value();
    }
    case json::value_t::string: {
      const auto& str = j.get_ref<const json::string_t&>();
      if (step.key == "length") return Value(json(static_cast<std::int64_t>(utf16_length(str))));
      if (step.index >= 0) {
        auto i = static_cast<std::size_t>(step.index);
        if (i < utf16_length(str)) return Value(json(utf16_slice(str, i, 1)));
      }
      return Value();
    }
    default: return Value();  // numbers and booleans have no JSON-valued properties
  }
}

Value root_of(const Scope& s, std::string_view first, bool& consumed_first) {
  consumed_first = false;
  if (!s.reduce) return Value::ref(*s.data);
  consumed_first = true;
  if (first == "current" && s.current != nullptr) return Value::ref(*s.current);
  if (first == "accumulator" && s.accumulator != nullptr) return Value::ref(*s.accumulator);
  return Value();
}

Value whole(const Scope& s) {
  if (!s.reduce) return Value::ref(*s.data);
  json obj = json::object();
  obj["current"] = s.current != nullptr ? *s.current : json();
  obj["accumulator"] = s.accumulator != nullptr && !s.accumulator->is_discarded() ? *s.accumulator : json();
  return Value(std::move(obj));
}

}  // namespace

namespace {

// Walks path[from..] from `root`. Plain object keys and array indexes are followed by pointer (no Value per
// step); "length" and string indexes take the general step_into.
Value walk(Value cur, const std::vector<PathStep>& path, std::size_t from) {
  std::size_t i = from;
  if (cur.ref() != nullptr) {
    const json* p = cur.ref();
    for (; i < path.size(); ++i) {
      if (p->is_object()) {
        const auto& obj = p->get_ref<const json::object_t&>();
        auto it = obj.find(path[i].key);
        if (it == obj.end()) return Value();
        p = &it->second;
      } else if (p->is_array() && path[i].index >= 0 && static_cast<std::size_t>(path[i].index) < p->size()) {
        p = &(*p)[static_cast<std::size_t>(path[i].index)];
      } else {
        break;
      }
    }
    if (i == path.size()) return Value::ref(*p);
    cur = Value::ref(*p);
  }
  for (; i < path.size(); ++i) {
    if (cur.get().is_null() || cur.is_undefined()) return Value();
    cur = step_into(cur, path[i]);
    if (cur.is_undefined()) return Value();
  }
  return cur;
}

}  // namespace

Value lookup_in(const json& root, const std::vector<PathStep>& path) { return walk(Value::ref(root), path, 0); }

Value lookup(const std::vector<PathStep>& path, Evaluator& ev, const Scope& s) {
  if (path.empty()) return whole(s);
  const EvalContext& ctx = ev.ctx();
  if (!s.reduce && path[0].key[0] != '$') return walk(Value::ref(*s.data), path, 0);
  if (path[0].key == "$row" && ctx.row != nullptr) return walk(Value::ref(*ctx.row), path, 1);
  if (path[0].key == "$index" && ctx.index.has_value()) {
    if (path.size() != 1) return Value();
    return Value(json(*ctx.index));
  }
  bool consumed = false;
  Value root = root_of(s, path[0].key, consumed);
  if (root.is_undefined()) return Value();
  return walk(std::move(root), path, consumed ? 1 : 0);
}

Value lookup_text(std::string_view dotted, Evaluator& ev, const Scope& s) {
  if (dotted.empty()) return whole(s);
  return lookup(split_path(dotted), ev, s);
}

// {"var": [path, default]}: String(path) split on ".", looked up from the scope; the default (or null) when
// absent. A null found at the end of the path is returned as null, not as the default (as json-logic-js).
Value op_var(const Node& n, Evaluator& ev, const Scope& s) {
  Value found;
  switch (n.path_kind) {
    case PathKind::Whole: return whole(s);
    case PathKind::Static: found = lookup(n.path, ev, s); break;
    case PathKind::Dynamic: {
      Value a = ev.eval(n.args[0], s);
      const json& p = a.get();
      if (p.is_null() || p.is_discarded() || (p.is_string() && p.get_ref<const json::string_t&>().empty()))
        return whole(s);
      found = lookup_text(to_js_string(p), ev, s);
      break;
    }
  }
  if (!found.is_undefined()) return found;
  if (n.has_default) return ev.eval(n.args[1], s);
  return Value(json());
}

namespace {

// missing's test for one key: what {"var": key} gives is null or "".
bool is_missing(const json& key, Evaluator& ev, const Scope& s) {
  Value v;
  if (key.is_array()) {  // json-logic-js evaluates {"var": key}: an array key is [path, default]
    if (key.empty() || key[0].is_null()) {
      v = whole(s);
    } else {
      v = lookup_text(to_js_string(key[0]), ev, s);
      if (v.is_undefined()) v = key.size() > 1 ? Value::ref(key[1]) : Value(json());
    }
  } else if (key.is_null() || (key.is_string() && key.get_ref<const json::string_t&>().empty())) {
    v = whole(s);
  } else {
    v = lookup_text(key.is_string() ? key.get_ref<const json::string_t&>() : to_js_string(key), ev, s);
  }
  const json& j = v.get();
  return j.is_null() || j.is_discarded() || (j.is_string() && j.get_ref<const json::string_t&>().empty());
}

// The keys `missing` checks: the first argument when it is an array, else all the arguments.
json missing_of(const json& keys_or_args, Evaluator& ev, const Scope& s) {
  const json& keys = (!keys_or_args.empty() && keys_or_args[0].is_array()) ? keys_or_args[0] : keys_or_args;
  json out = json::array();
  for (const auto& key : keys) {
    if (!ev.charge(1)) break;
    if (is_missing(key, ev, s)) out.push_back(key.is_discarded() ? json() : key);
  }
  return out;
}

}  // namespace

Value op_missing(const Node& n, Evaluator& ev, const Scope& s) {
  // The arguments, evaluated, as an array (a literal argument list is already one).
  if (n.args.size() == 1 && n.args[0].fn == op_constant && n.args[0].constant.is_array())
    return Value(missing_of(json::array({n.args[0].constant}), ev, s));
  json args = json::array();
  for (const auto& a : n.args) {
    json v = ev.eval(a, s).take();
    args.push_back(v.is_discarded() ? json() : std::move(v));
  }
  return Value(missing_of(args, ev, s));
}

// {"missing_some": [need, keys]}: [] when at least `need` of the keys are present, else the missing ones.
Value op_missing_some(const Node& n, Evaluator& ev, const Scope& s) {
  Value need = ev.eval(n.args[0], s);
  Value options = ev.eval(n.args[1], s);
  const json& opts = options.get();
  json missing;
  if (opts.is_array()) {
    missing = missing_of(opts, ev, s);
  } else {
    json one = json::array();
    one.push_back(opts.is_discarded() ? json() : opts);
    missing = missing_of(one, ev, s);
  }
  // options.length - missing.length >= need; a non-array, non-string has no length (NaN: the comparison fails).
  double length = opts.is_array()    ? static_cast<double>(opts.size())
                  : opts.is_string() ? static_cast<double>(utf16_length(opts.get_ref<const json::string_t&>()))
                                     : std::numeric_limits<double>::quiet_NaN();
  json present = make_number(length - static_cast<double>(missing.size()));
  if (js_ge(present, need.get())) return Value(json::array());
  return Value(std::move(missing));
}

Value op_log(const Node& n, Evaluator& ev, const Scope& s) {
  Value v = ev.eval(n.args[0], s);
  if (ev.ctx().log) {
    json shown = v.get();
    normalize_result(shown);
    ev.ctx().log(shown);
  }
  return v;
}

}  // namespace detail
}  // namespace wb::logic
