// Compiling a JsonLogic rule: resolve operators, check arities, pre-build literals, pre-split var paths and
// collect the paths the rule reads.

#include <new>

#include "core/common/json_pointer.hpp"
#include "core/logic/coercion.hpp"
#include "core/logic/logic.hpp"
#include "core/logic/op_table.hpp"

namespace wb::logic {

CompiledRule::Info::~Info() = default;

const std::vector<VarRead>& CompiledRule::reads() const {
  static const std::vector<VarRead> kNone;  // immutable: not mutable global state
  return info_ != nullptr ? info_->reads : kNone;
}

namespace detail {
namespace {

std::string arity_text(const OpInfo& op, bool zh) {
  std::string out(zh ? " " : "");  // zh templates read "需要{expected_zh}个参数"
  std::string lo = std::to_string(op.min_args);
  if (op.max_args < 0) {
    out.append(zh ? "至少 " : "at least ").append(lo);
  } else if (op.min_args == op.max_args) {
    out.append(lo);
  } else {
    out.append(lo).append(zh ? " 至 " : " to ").append(std::to_string(op.max_args));
  }
  if (zh) out.append(" ");
  return out;
}

class Compiler {
 public:
  explicit Compiler(Diagnostic* error) : error_(error) {}

  std::vector<VarRead> reads;
  bool computed_paths = false;
  bool uses_today = false;

  bool compile(const json& j, const std::string& ptr, int depth, bool scoped, Node& out) {
    if (depth > kMaxRuleDepth) return fail(ErrorCode::LogicTooDeep, ptr, {{"limit", std::to_string(kMaxRuleDepth)}});
    if (j.is_array()) return compile_array(j, ptr, depth, scoped, out);
    if (!j.is_object() || j.empty()) return constant(j, out);
    if (j.size() != 1) {
      return fail(ErrorCode::LogicBadShape, ptr,
                  {{"detail", "an operation is an object with exactly one key, the operator; this one has " +
                                  std::to_string(j.size()) + " keys"},
                   {"detail_zh", "运算须写成只有一个键（运算符）的对象，这里有 " + std::to_string(j.size()) + " 个键"}});
    }
    const std::string& name = j.begin().key();
    const json& values = j.begin().value();
    std::string op_ptr = pointer_append(ptr, name);
    const OpInfo* op = find_op(name);
    if (op == nullptr) return fail(ErrorCode::LogicUnknownOperator, op_ptr, {{"op", name}});
    int count = values.is_array() ? static_cast<int>(values.size()) : 1;
    if (count < op->min_args || (op->max_args >= 0 && count > op->max_args)) {
      return fail(ErrorCode::LogicArity, op_ptr,
                  {{"op", name},
                   {"expected", arity_text(*op, false)},
                   {"expected_zh", arity_text(*op, true)},
                   {"found", std::to_string(count)}});
    }
    out.fn = op->fn;
    out.name = op->name;
    out.args.resize(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
      auto k = static_cast<std::size_t>(i);
      const json& arg = values.is_array() ? values[k] : values;
      std::string arg_ptr = values.is_array() ? pointer_append(op_ptr, k) : op_ptr;
      // The logic of a scoped operation runs on array elements; reduce's initial value runs on the data.
      bool arg_scoped = scoped || (op->scoped && i == 1);
      if (!compile(arg, arg_ptr, depth + 1, arg_scoped, out.args[k])) return false;
    }
    if (name == "var") compile_var(values, op_ptr, scoped, out);
    if (name == "missing") note_missing_reads(values, op_ptr, scoped, out);
    if (name == "missing_some") note_missing_some_reads(op_ptr, scoped, out);
    if (name == "today" || (name == "age" && count == 1)) uses_today = true;
    if (name == "sum" && count == 2 && is_constant(out.args[1])) {  // pre-split the literal field name
      const json& f = out.args[1].constant;
      std::string text = f.is_null() ? std::string() : to_js_string(f);
      out.path_kind = text.empty() ? PathKind::Whole : PathKind::Static;
      if (!text.empty()) out.path = split_path(text);
    }
    return true;
  }

 private:
  Diagnostic* error_;

  bool fail(ErrorCode code, const std::string& ptr, MessageArgs args) {
    if (error_ != nullptr) {
      *error_ = Diagnostic{};
      error_->code = code;
      error_->pointer = ptr;
      error_->args = std::move(args);
    }
    return false;
  }

  static bool constant(const json& j, Node& out) {
    out.fn = op_constant;
    out.constant = j;
    return true;
  }

  bool compile_array(const json& j, const std::string& ptr, int depth, bool scoped, Node& out) {
    out.args.resize(j.size());
    bool all_constant = true;
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (!compile(j[i], pointer_append(ptr, i), depth + 1, scoped, out.args[i])) return false;
      all_constant = all_constant && out.args[i].fn == op_constant;
    }
    if (all_constant) {
      out.args.clear();
      return constant(j, out);
    }
    out.fn = op_array;
    return true;
  }

  static bool is_constant(const Node& n) { return n.fn == op_constant; }

  void compile_var(const json& values, const std::string& op_ptr, bool scoped, Node& out) {
    std::string arg_ptr = values.is_array() ? pointer_append(op_ptr, 0) : op_ptr;
    out.has_default = out.args.size() > 1;
    if (out.args.empty()) {
      out.path_kind = PathKind::Whole;
    } else if (!is_constant(out.args[0])) {
      out.path_kind = PathKind::Dynamic;
      computed_paths = true;
      return;
    } else {
      const json& a = out.args[0].constant;
      std::string text = a.is_null() ? std::string() : to_js_string(a);
      if (text.empty()) {
        out.path_kind = PathKind::Whole;
      } else {
        out.path_kind = PathKind::Static;
        out.path = split_path(text);
      }
      reads.push_back({text, arg_ptr, scoped});
      return;
    }
    reads.push_back({"", op_ptr, scoped});
  }

  void note_key(const json& key, const std::string& ptr, bool scoped) {
    if (key.is_array() || key.is_object()) {
      computed_paths = true;  // an array key is [path, default]; not worth modelling
      return;
    }
    reads.push_back({key.is_null() ? std::string() : to_js_string(key), ptr, scoped});
  }

  void note_missing_reads(const json& values, const std::string& op_ptr, bool scoped, const Node& out) {
    for (const auto& a : out.args)
      if (!is_constant(a)) {
        computed_paths = true;
        return;
      }
    if (!values.is_array()) {  // {"missing": "a"}: one literal key (an operation was handled above)
      note_key(values, op_ptr, scoped);
      return;
    }
    if (!values.empty() && values[0].is_array()) {  // {"missing": [["a", "b"]]}: the first argument is the list
      std::string list_ptr = pointer_append(op_ptr, 0);
      for (std::size_t k = 0; k < values[0].size(); ++k) note_key(values[0][k], pointer_append(list_ptr, k), scoped);
      return;
    }
    for (std::size_t k = 0; k < values.size(); ++k) note_key(values[k], pointer_append(op_ptr, k), scoped);
  }

  void note_missing_some_reads(const std::string& op_ptr, bool scoped, const Node& out) {
    const Node& list = out.args[1];
    if (!is_constant(list) || !list.constant.is_array()) {
      if (!is_constant(list)) computed_paths = true;
      else note_key(list.constant, pointer_append(op_ptr, 1), scoped);
      return;
    }
    const json& keys = list.constant;
    std::string list_ptr = pointer_append(op_ptr, 1);
    if (!keys.empty() && keys[0].is_array()) {
      computed_paths = true;
      return;
    }
    for (std::size_t k = 0; k < keys.size(); ++k) note_key(keys[k], pointer_append(list_ptr, k), scoped);
  }
};

}  // namespace

std::vector<PathStep> split_path(std::string_view dotted) {
  std::vector<PathStep> steps;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = dotted.find('.', start);
    std::string_view part = dotted.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    PathStep step;
    step.key = std::string(part);
    if (is_index_token(part) && part.size() <= 15) step.index = std::stoll(step.key);
    steps.push_back(std::move(step));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return steps;
}

}  // namespace detail

std::optional<CompiledRule> compile(const nlohmann::json& rule, Diagnostic* error) {
  try {
    detail::Compiler compiler(error);
    auto root = std::make_unique<detail::Node>();
    if (!compiler.compile(rule, "", 0, false, *root)) return std::nullopt;
    auto info = std::make_shared<CompiledRule::Info>();
    info->root = std::move(root);
    info->reads = std::move(compiler.reads);
    info->computed_paths = compiler.computed_paths;
    info->uses_today = compiler.uses_today;
    CompiledRule compiled;
    compiled.info_ = std::move(info);
    return compiled;
  } catch (const std::exception& e) {
    if (error != nullptr) *error = Diagnostic{ErrorCode::Internal, "", {{"detail", e.what()}}, 0, 0};
    return std::nullopt;
  }
}

}  // namespace wb::logic
