#include "core/session/form_model.hpp"

#include <algorithm>

#include "core/common/json_pointer.hpp"

using nlohmann::json;
#include "core/form/rule_checks.hpp"
#include "core/form/schema_paths.hpp"

namespace wb::session {
namespace {

using form::RuleKind;

// Whether the field's parent object schema lists the field's key in "required" (following properties, items and
// local $refs). Computed once per form: views ask for every field.
bool schema_requires(const json& schema, const Path& pattern) {
  // The field's parent object schema lists the field's key in "required" (first match along properties/items).
  if (pattern.empty()) return false;
  const json* cur = &schema;
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (!cur->is_object()) return false;
    const std::string& t = pattern[i];
    if (t == "*") {
      auto it = cur->find("items");
      if (it == cur->end()) return false;
      cur = &*it;
    } else {
      auto props = cur->find("properties");
      if (props == cur->end() || !props->contains(t)) return false;
      cur = &(*props)[t];
    }
    if (cur->is_object() && cur->contains("$ref") && (*cur)["$ref"].is_string()) {
      auto tokens = split_pointer((*cur)["$ref"].get<std::string>().substr(1));
      if (tokens) {
        const json* target = find_at(schema, *tokens);
        if (target) cur = target;
      }
    }
  }
  if (!cur->is_object()) return false;
  auto req = cur->find("required");
  if (req == cur->end() || !req->is_array()) return false;
  for (const auto& r : *req)
    if (r == pattern.back()) return true;
  return false;
}

bool any_overlap(const std::vector<Path>& a, const std::vector<Path>& b) {
  for (const auto& x : a)
    for (const auto& y : b)
      if (overlaps(x, y)) return true;
  return false;
}

}  // namespace

const ModelField* FormModel::field_at(const Path& location, std::optional<size_t>* row) const {
  const ModelField* best = nullptr;
  for (const auto& f : fields_) {
    if (f.pattern.size() > location.size()) continue;
    bool match = true;
    for (size_t i = 0; i < f.pattern.size() && match; ++i)
      match = f.pattern[i] == location[i] || (f.pattern[i] == "*" && is_index_token(location[i]));
    if (match && (!best || f.pattern.size() > best->pattern.size())) best = &f;
  }
  if (best && row) {
    *row = best->row_depth ? std::optional<size_t>(std::stoull(location[*best->row_depth])) : std::nullopt;
  }
  return best;
}

const ModelField* FormModel::field_by_id(std::string_view id) const {
  for (const auto& f : fields_)
    if (f.field->id == id) return &f;
  return nullptr;
}

std::shared_ptr<const FormModel> FormModel::build(form::FormPtr form, std::vector<Diagnostic>* errors) {
  auto model = std::make_shared<FormModel>();
  model->form_ = std::move(form);
  const form::FormDefinition& f = *model->form_;
  bool ok = true;
  auto fail = [&](Diagnostic d) {
    ok = false;
    if (errors) errors->push_back(std::move(d));
  };

  std::vector<validate::CompileError> schema_errors;
  model->plan_ = ValidationPlan::build(f.schema, &schema_errors);
  for (const auto& e : schema_errors)
    fail(Diagnostic{ErrorCode::FormBadSchema, "/schema" + e.pointer, {{"detail", e.detail()}, {"detail_zh", e.detail_zh()}}, 0, 0});

  for (const auto& page : f.pages)
    for (const auto& section : page.sections)
      for (const auto& field : section.fields) {
        ModelField mf;
        mf.field = &field;
        mf.pattern = parse_path(field.data_path);
        if (section.repeat) mf.row_depth = parse_path(section.repeat->bind).size();
        mf.schema_required = schema_requires(f.schema, mf.pattern);
        model->fields_.push_back(std::move(mf));
      }

  form::SchemaPaths schema_paths(f.schema);
  for (const auto& mf : model->fields_) {
    for (size_t n = 1; n < mf.pattern.size(); ++n) {
      Path prefix(mf.pattern.begin(), mf.pattern.begin() + static_cast<std::ptrdiff_t>(n));
      if (prefix.back() == "*" || !schema_requires(f.schema, prefix)) break;
      auto types = form::SchemaPaths::types_of(schema_paths.resolve(prefix));
      if (!types.empty() && !types.count("object")) break;
      auto& known = model->required_containers_;
      if (std::find(known.begin(), known.end(), prefix) == known.end()) known.push_back(std::move(prefix));
    }
  }
  std::stable_sort(model->required_containers_.begin(), model->required_containers_.end(),
                   [](const Path& a, const Path& b) { return a.size() < b.size(); });

  // Where a rule's target lives in the data: what a visible rule hides, what a compute rule writes.
  auto target_patterns = [&](const form::Rule& r) {
    std::vector<Path> out;
    auto add_section = [&](const form::Section& s) {
      if (s.repeat) out.push_back(parse_path(s.repeat->bind));
      for (const auto& fld : s.fields) out.push_back(parse_path(fld.data_path));
    };
    if (const auto* fld = f.find_field(r.target)) out.push_back(parse_path(fld->data_path));
    else if (const auto* s = f.find_section(r.target)) add_section(*s);
    else if (const auto* p = f.find_page(r.target))
      for (const auto& s : p->sections) add_section(s);
    return out;
  };

  for (const auto& r : f.rules) {
    ModelRule mr;
    mr.rule = &r;
    Diagnostic err;
    auto compiled = logic::compile(r.logic, &err);
    if (!compiled) {
      err.pointer = r.pointer + "/logic" + err.pointer;
      fail(err);
      continue;
    }
    mr.compiled = std::move(compiled);
    mr.row_scoped = r.row_scoped;
    if (r.row_scoped) mr.row_array = parse_path(r.row_array);
    mr.reads_everything = mr.compiled->reads_computed_paths();
    for (const auto& read : mr.compiled->reads()) {
      if (read.scoped) continue;
      if (read.path.empty()) {
        mr.reads_everything = true;
        continue;
      }
      auto tokens = form::split_var_path(read.path);
      if (tokens[0] == "$index") continue;
      if (tokens[0] == "$row") {
        Path p = mr.row_array;
        p.push_back("*");
        p.insert(p.end(), tokens.begin() + 1, tokens.end());
        mr.reads.push_back(std::move(p));
      } else {
        mr.reads.push_back(std::move(tokens));
      }
    }
    if (r.kind == RuleKind::Compute || r.kind == RuleKind::Visible) mr.writes = target_patterns(r);
    model->rules_.push_back(std::move(mr));
  }
  if (!ok) return nullptr;

  // Dependency order of the rules that change data (compute) or what is visible (visible); Kahn's algorithm,
  // lowest index first, so the order is deterministic.
  auto& rules = model->rules_;
  std::vector<size_t> writers;
  for (size_t i = 0; i < rules.size(); ++i)
    if (!rules[i].writes.empty()) writers.push_back(i);
  std::vector<std::vector<size_t>> after(rules.size());
  std::vector<int> indegree(rules.size(), 0);
  for (size_t s : writers)
    for (size_t r : writers) {
      if (rules[r].reads_everything || any_overlap(rules[s].writes, rules[r].reads)) {
        if (s == r) {
          fail(Diagnostic{ErrorCode::FormComputeCycle, rules[r].rule->pointer + "/logic",
                          {{"cycle", rules[r].rule->target + " → " + rules[r].rule->target}}, 0, 0});
          continue;
        }
        after[s].push_back(r);
        ++indegree[r];
      }
    }
  if (!ok) return nullptr;
  std::vector<size_t> ready;
  for (size_t w : writers)
    if (indegree[w] == 0) ready.push_back(w);
  while (!ready.empty()) {
    auto it = std::min_element(ready.begin(), ready.end());
    size_t n = *it;
    ready.erase(it);
    model->order_.push_back(n);
    for (size_t m : after[n])
      if (--indegree[m] == 0) ready.push_back(m);
  }
  if (model->order_.size() != writers.size()) {
    std::string cycle;
    for (size_t w : writers)
      if (indegree[w] > 0) cycle += (cycle.empty() ? "" : " → ") + rules[w].rule->target;
    fail(Diagnostic{ErrorCode::FormComputeCycle, "/rules", {{"cycle", cycle}}, 0, 0});
    return nullptr;
  }
  for (size_t i = 0; i < rules.size(); ++i)
    if (rules[i].writes.empty()) model->order_.push_back(i);

  for (auto& mf : model->fields_) {
    for (size_t i = 0; i < rules.size(); ++i) {
      const form::Rule& r = *rules[i].rule;
      bool on_field = r.target == mf.field->id;
      bool on_container = r.target == mf.field->section_id || r.target == mf.field->page_id;
      if (r.kind == RuleKind::Visible && (on_field || on_container)) mf.visible_rules.push_back(i);
      if (r.kind == RuleKind::Required && on_field) mf.required_rules.push_back(i);
      if (r.kind == RuleKind::Assert && on_field) mf.assert_rules.push_back(i);
      if (r.kind == RuleKind::Compute && on_field) mf.compute_rule = i;
    }
  }
  return model;
}

}  // namespace wb::session
