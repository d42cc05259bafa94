#include "core/form/rule_checks.hpp"

#include <functional>
#include <map>

#include "core/common/json_pointer.hpp"
#include "core/logic/operator_names.hpp"

namespace wb::form {
namespace {

using nlohmann::json;

constexpr int kMaxRuleDepth = 100;

Field* find_field_mut(FormDefinition& f, const std::string& id, const Section** in_section) {
  for (auto& p : f.pages)
    for (auto& s : p.sections)
      for (auto& field : s.fields)
        if (field.id == id) {
          *in_section = &s;
          return &field;
        }
  return nullptr;
}

class RuleWalker {
 public:
  RuleWalker(Rule& rule, const SchemaPaths& paths, DocumentReader& reader) : rule_(rule), paths_(paths), r_(reader) {}

  void walk(const json& node, const std::string& ptr, int depth) {
    if (depth > kMaxRuleDepth) {
      r_.report(ErrorCode::FormBadRuleShape, ptr,
                {{"detail", "nested deeper than " + std::to_string(kMaxRuleDepth) + " levels"},
                 {"detail_zh", "嵌套超过 " + std::to_string(kMaxRuleDepth) + " 层"}});
      return;
    }
    if (node.is_array()) {
      for (size_t i = 0; i < node.size(); ++i) walk(node[i], pointer_append(ptr, i), depth + 1);
      return;
    }
    if (!node.is_object()) return;  // a literal
    if (node.size() != 1) {
      r_.report(ErrorCode::FormBadRuleShape, ptr,
                {{"detail", "an operation is an object with exactly one key, the operator"},
                 {"detail_zh", "运算须写成只有一个键（运算符）的对象"}});
      return;
    }
    const std::string& op = node.begin().key();
    const json& value = node.begin().value();
    std::string op_ptr = pointer_append(ptr, op);
    if (!logic::is_known_operator(op)) {
      r_.report(ErrorCode::FormUnknownOperator, op_ptr, {{"op", op}});
      return;
    }
    json args = value.is_array() ? value : json::array({value});
    auto arg_ptr = [&](size_t i) { return value.is_array() ? pointer_append(op_ptr, i) : op_ptr; };
    if (op == "var") {
      if (!args.empty()) {
        if (args[0].is_string())
          read_path(args[0].get<std::string>(), arg_ptr(0));
        else if (args[0].is_number_integer())
          read_path(args[0].dump(), arg_ptr(0));
        else
          walk(args[0], arg_ptr(0), depth + 1);
      }
      for (size_t i = 1; i < args.size(); ++i) walk(args[i], arg_ptr(i), depth + 1);
      return;
    }
    if (op == "missing") {
      for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].is_string())
          read_path(args[i].get<std::string>(), arg_ptr(i));
        else if (args[i].is_array() && value.is_array())
          for (size_t k = 0; k < args[i].size(); ++k) {
            if (args[i][k].is_string()) read_path(args[i][k].get<std::string>(), pointer_append(arg_ptr(i), k));
          }
        else
          walk(args[i], arg_ptr(i), depth + 1);
      }
      return;
    }
    if (op == "missing_some") {
      if (args.size() >= 2 && args[1].is_array()) {
        walk(args[0], arg_ptr(0), depth + 1);
        for (size_t k = 0; k < args[1].size(); ++k) {
          if (args[1][k].is_string()) read_path(args[1][k].get<std::string>(), pointer_append(arg_ptr(1), k));
        }
        return;
      }
    }
    if (logic::is_scoped_operator(op)) {
      // The first argument is read from the form data; the rest run with each element as their data.
      if (!args.empty()) walk(args[0], arg_ptr(0), depth + 1);
      if (op == "reduce" && args.size() > 2) walk(args[2], arg_ptr(2), depth + 1);
      return;
    }
    for (size_t i = 0; i < args.size(); ++i) walk(args[i], arg_ptr(i), depth + 1);
  }

 private:
  void read_path(const std::string& path, const std::string& ptr) {
    auto tokens = split_var_path(path);
    if (tokens.empty()) return;  // the whole data
    if (tokens[0] == "$index" && tokens.size() == 1) {
      if (!rule_.row_scoped) r_.report(ErrorCode::FormRowScope, ptr);
      return;
    }
    if (tokens[0] == "$row") {
      if (!rule_.row_scoped) {
        r_.report(ErrorCode::FormRowScope, ptr);
        return;
      }
      std::vector<std::string> rest(tokens.begin() + 1, tokens.end());
      auto array = split_pointer(rule_.row_array);
      std::vector<std::string> full = array ? *array : std::vector<std::string>{};
      full.push_back("*");
      full.insert(full.end(), rest.begin(), rest.end());
      if (paths_.resolve(full).empty()) {
        r_.report(ErrorCode::FormUnknownRuleVar, ptr, {{"path", path}});
        return;
      }
      rule_.reads.push_back(pointer_from_tokens(full));
      return;
    }
    if (paths_.resolve(tokens).empty()) {
      r_.report(ErrorCode::FormUnknownRuleVar, ptr, {{"path", path}});
      return;
    }
    rule_.reads.push_back(pointer_from_tokens(tokens));
  }

  Rule& rule_;
  const SchemaPaths& paths_;
  DocumentReader& r_;
};

}  // namespace

std::vector<std::string> split_var_path(const std::string& path) {
  std::vector<std::string> tokens;
  if (path.empty()) return tokens;
  std::string cur;
  for (char c : path) {
    if (c == '.') {
      tokens.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  tokens.push_back(std::move(cur));
  return tokens;
}

bool paths_overlap(const std::string& a, const std::string& b) {
  auto ta = split_pointer(a), tb = split_pointer(b);
  if (!ta || !tb) return false;
  size_t n = std::min(ta->size(), tb->size());
  for (size_t i = 0; i < n; ++i) {
    const auto& x = (*ta)[i];
    const auto& y = (*tb)[i];
    bool wild = (x == "*" && (y == "*" || is_index_token(y))) || (y == "*" && is_index_token(x));
    if (x != y && !wild) return false;
  }
  return true;
}

void check_rule(FormDefinition& form, Rule& rule, const SchemaPaths& paths, DocumentReader& reader) {
  std::string target_ptr = pointer_append(rule.pointer, "target");
  const Section* field_section = nullptr;
  Field* field = find_field_mut(form, rule.target, &field_section);
  const Section* section = form.find_section(rule.target);
  const Page* page = form.find_page(rule.target);
  bool fits = false;
  switch (rule.kind) {
    case RuleKind::Visible: fits = field || section || page; break;
    case RuleKind::Required:
    case RuleKind::Compute: fits = field != nullptr; break;
    case RuleKind::Assert: fits = field || section; break;
    case RuleKind::MinRows:
    case RuleKind::MaxRows: fits = section && section->repeat; break;
  }
  if (!fits) {
    reader.report(ErrorCode::FormUnknownRuleTarget, target_ptr, {{"target", rule.target}});
    return;
  }
  if (field && field_section && field_section->repeat) {
    rule.row_scoped = true;
    rule.row_array = field_section->repeat->bind;
    auto array = split_pointer(rule.row_array);
    if (array) array->push_back("*");
    if (!array || paths.resolve(*array).empty()) return;  // the group's binding is broken and already reported
  }
  if (rule.kind == RuleKind::Compute && field) field->read_only = true;
  RuleWalker walker(rule, paths, reader);
  walker.walk(rule.logic, pointer_append(rule.pointer, "logic"), 0);
}

void check_compute_cycles(const FormDefinition& form, DocumentReader& reader) {
  // Rules that change data (compute) or what is visible (visible), with the data locations they affect: a rule
  // reading a location affected by another must run after it, so these must not form a cycle.
  std::vector<const Rule*> computes;
  std::vector<std::vector<std::string>> writes;
  auto section_paths = [](const Section& s, std::vector<std::string>& out) {
    if (s.repeat) out.push_back(s.repeat->bind);
    for (const auto& f : s.fields) out.push_back(f.data_path);
  };
  for (const auto& r : form.rules) {
    if (r.kind != RuleKind::Compute && r.kind != RuleKind::Visible) continue;
    std::vector<std::string> w;
    if (const Field* f = form.find_field(r.target)) {
      if (!f->data_path.empty()) w.push_back(f->data_path);
    } else if (const Section* s = form.find_section(r.target)) {
      section_paths(*s, w);
    } else if (const Page* p = form.find_page(r.target)) {
      for (const auto& sec : p->sections) section_paths(sec, w);
    }
    if (w.empty()) continue;
    computes.push_back(&r);
    writes.push_back(std::move(w));
  }
  size_t n = computes.size();
  std::vector<std::vector<size_t>> edges(n);
  for (size_t i = 0; i < n; ++i)
    for (size_t k = 0; k < n; ++k) {
      bool depends = false;
      for (const auto& read : computes[i]->reads)
        for (const auto& w : writes[k]) depends = depends || paths_overlap(read, w);
      if (depends) edges[i].push_back(k);
    }
  // Depth-first search with colours; each cycle is reported once, at the rule that closes it.
  std::vector<int> colour(n, 0);
  std::vector<size_t> stack;
  std::function<bool(size_t)> visit = [&](size_t i) -> bool {
    colour[i] = 1;
    stack.push_back(i);
    for (size_t k : edges[i]) {
      if (colour[k] == 1) {
        std::string cycle;
        auto start = std::find(stack.begin(), stack.end(), k);
        for (auto it = start; it != stack.end(); ++it) cycle += computes[*it]->target + " → ";
        cycle += computes[k]->target;
        reader.report(ErrorCode::FormComputeCycle, pointer_append(computes[i]->pointer, "logic"), {{"cycle", cycle}});
        return true;
      }
      if (colour[k] == 0 && visit(k)) return true;
    }
    stack.pop_back();
    colour[i] = 2;
    return false;
  };
  for (size_t i = 0; i < n; ++i) {
    if (colour[i] == 0) {
      stack.clear();
      if (visit(i)) return;
    }
  }
}

}  // namespace wb::form
