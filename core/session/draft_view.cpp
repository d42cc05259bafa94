// A draft's view (every field's state, the sections, the summary), whole (Draft::view) or as the changes since the
// view last described (Draft::view_changes). Both build each state with the same code; view_changes rebuilds only
// the states an edit can have reached:
//  - fields at or under, or containing, a location the edits touched (their values, computed values, visibility
//    regions and required/assert targets are all recorded as touched by the evaluation: draft.cpp), and
//  - fields that held or hold an error of a validation unit whose errors changed (an edit that creates "/s1" makes
//    the required errors of its other fields appear, at locations nobody edited),
// then compares each with the state it replaces and reports the ones that differ. The sections (a few dozen) are
// rebuilt every time. Anything that changes the set of states (rows added, removed or moved) or re-evaluates
// everything makes the next call describe the whole view again.

#include <algorithm>

#include "core/session/draft.hpp"
#include "core/session/draft_detail.hpp"

namespace wb::session {

using nlohmann::json;
using form::RuleKind;
using detail::truthy;
using detail::under;

namespace {

bool hidden_in(const Path& p, const std::vector<Path>& regions) {
  for (const auto& r : regions)
    if (under(p, r)) return true;
  return false;
}

LocalizedText message_of(const validate::ValidationError& e, const form::Field* field) {
  validate::MessageOverride override_fn;
  if (field) {
    override_fn = [field](const validate::ValidationError& err) -> const LocalizedText* {
      for (const auto& [keyword, text] : field->messages)
        if (keyword == err.keyword) return &text;
      return nullptr;
    };
  }
  return LocalizedText{validate::error_message(e, Lang::ZhCN, override_fn), validate::error_message(e, Lang::En, override_fn)};
}

bool same_error(const FieldError& a, const FieldError& b) {
  return a.code == b.code && a.keyword == b.keyword && a.location == b.location && a.text.zh == b.text.zh &&
         a.text.en == b.text.en;
}

bool same_errors(const std::vector<FieldError>& a, const std::vector<FieldError>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_error);
}

bool same_state(const FieldState& a, const FieldState& b) {
  return a.field == b.field && a.location == b.location && a.row == b.row && a.visible == b.visible &&
         a.required == b.required && a.read_only == b.read_only && a.value == b.value && same_errors(a.errors, b.errors);
}

bool same_state(const SectionState& a, const SectionState& b) {
  return a.section == b.section && a.visible == b.visible && a.rows == b.rows && a.min_rows == b.min_rows &&
         a.max_rows == b.max_rows && same_errors(a.errors, b.errors);
}

bool at_or_below(const std::string& location, const std::string& base) {
  return location == base || (location.size() > base.size() && location.compare(0, base.size(), base) == 0 &&
                              location[base.size()] == '/');
}

}  // namespace

void apply_changes(DraftView& view, const ViewChanges& changes) {
  if (changes.full) {
    view.fields = changes.fields;
    view.sections = changes.sections;
  } else {
    // Both lists are in layout order: one merge by (field, location).
    size_t j = 0;
    for (const auto& f : changes.fields) {
      while (j < view.fields.size() && !(view.fields[j].field == f.field && view.fields[j].location == f.location)) ++j;
      if (j < view.fields.size()) view.fields[j] = f;
    }
    for (const auto& s : changes.sections)
      for (auto& t : view.sections)
        if (t.section == s.section) t = s;
  }
  view.form_errors = changes.form_errors;
  view.error_count = changes.error_count;
  view.required_total = changes.required_total;
  view.required_filled = changes.required_filled;
}

// ---- one field, the sections -------------------------------------------------------------------------------------

FieldState Draft::field_state(const ModelField& mf, const Path& loc, std::optional<size_t> row,
                              const std::vector<Path>& regions,
                              const std::vector<const validate::ValidationError*>& errors, unsigned char* counted) const {
  const auto& rules = model_->rules();
  FieldState s;
  s.field = mf.field;
  s.location = path_pointer(loc);
  s.row = row;
  s.visible = !hidden_in(loc, regions);
  s.read_only = mf.field->read_only || mf.compute_rule.has_value();
  size_t key = row ? *row : kNoRow;
  bool rule_required = false;
  for (size_t ri : mf.required_rules) {
    auto it = results_[ri].find(rules[ri].row_scoped ? key : kNoRow);
    rule_required = rule_required || (it != results_[ri].end() && truthy(it->second));
  }
  s.required = mf.schema_required || rule_required;
  const json* v = find_at(raw_, loc);
  s.value = v ? *v : json();
  *counted = 0;
  if (s.visible) {
    for (const auto* e : errors)
      s.errors.push_back(FieldError{e->code, e->keyword, message_of(*e, mf.field), e->instance_location});
    const json* effective_value = find_at(effective_, loc);
    bool has_required_error = false;
    for (const auto& e : s.errors) has_required_error = has_required_error || e.code == ErrorCode::ValidateRequired;
    if (rule_required && !has_required_error && is_empty_value(effective_value)) {
      validate::ValidationError e;
      e.code = ErrorCode::ValidateRequired;
      e.keyword = "required";
      e.instance_location = s.location;
      s.errors.push_back(FieldError{e.code, e.keyword, message_of(e, mf.field), s.location});
    }
    for (size_t ri : mf.assert_rules) {
      if (is_empty_value(effective_value)) break;  // checks apply to answers; "required" covers empty ones
      auto it = results_[ri].find(rules[ri].row_scoped ? key : kNoRow);
      if (it == results_[ri].end() || truthy(it->second)) continue;
      const LocalizedText& m = rules[ri].rule->message;
      s.errors.push_back(FieldError{ErrorCode::FillAssert, "assert", m, s.location});
    }
    if (s.required) *counted = is_empty_value(effective_value) ? 1 : 3;
  }
  return s;
}

std::vector<Draft::SectionRules> Draft::section_rules() const {
  const auto& rules = model_->rules();
  std::vector<SectionRules> out;
  for (const auto& page : model_->form().pages) {
    for (const auto& section : page.sections) {
      SectionRules sr;
      for (size_t i = 0; i < rules.size(); ++i) {
        const form::Rule& r = *rules[i].rule;
        if (r.kind == RuleKind::Visible && (r.target == section.id || r.target == page.id)) sr.hiding.push_back(i);
        if (r.kind == RuleKind::Assert && r.target == section.id) sr.asserts.push_back(i);
        if ((r.kind == RuleKind::MinRows || r.kind == RuleKind::MaxRows) && r.target == section.id) sr.limits.push_back(i);
      }
      out.push_back(std::move(sr));
    }
  }
  return out;
}

void Draft::build_sections(std::vector<SectionState>& out, const std::vector<SectionRules>& section_rules) const {
  const auto& rules = model_->rules();
  out.clear();
  size_t k = 0;
  for (const auto& page : model_->form().pages) {
    for (const auto& section : page.sections) {
      const SectionRules& sr = section_rules[k++];
      SectionState st;
      st.section = &section;
      for (size_t i : sr.hiding)
        if (!truthy_result(i, kNoRow)) st.visible = false;
      if (st.visible)
        for (size_t i : sr.asserts)
          if (!truthy_result(i, kNoRow)) st.errors.push_back(FieldError{ErrorCode::FillAssert, "assert", rules[i].rule->message, ""});
      if (section.repeat) {
        st.rows = row_count(parse_path(section.repeat->bind));
        st.min_rows = section.repeat->min_rows;
        st.max_rows = section.repeat->max_rows;
        for (size_t i : sr.limits) {
          auto it = results_[i].find(kNoRow);
          if (it == results_[i].end() || !it->second.is_number()) continue;
          int limit = static_cast<int>(it->second.get<double>());
          if (rules[i].rule->kind == RuleKind::MinRows) st.min_rows = limit;
          if (rules[i].rule->kind == RuleKind::MaxRows) st.max_rows = limit;
        }
        const std::string& loc = section.repeat->bind;
        if (st.visible && st.min_rows && static_cast<int>(st.rows) < *st.min_rows)
          st.errors.push_back(FieldError{ErrorCode::FillTooFewRows, "minRows",
                                         LocalizedText{render_template(error_template(ErrorCode::FillTooFewRows, Lang::ZhCN), {{"min", std::to_string(*st.min_rows)}}),
                                                       render_template(error_template(ErrorCode::FillTooFewRows, Lang::En), {{"min", std::to_string(*st.min_rows)}})},
                                         loc});
        if (st.visible && st.max_rows && static_cast<int>(st.rows) > *st.max_rows)
          st.errors.push_back(FieldError{ErrorCode::FillTooManyRows, "maxRows",
                                         LocalizedText{render_template(error_template(ErrorCode::FillTooManyRows, Lang::ZhCN), {{"max", std::to_string(*st.max_rows)}}),
                                                       render_template(error_template(ErrorCode::FillTooManyRows, Lang::En), {{"max", std::to_string(*st.max_rows)}})},
                                         loc});
      }
      out.push_back(std::move(st));
    }
  }
}

// An error about a container no field is bound to ("/applicant" is required) belongs to the first section with
// fields inside it, so people see it where they would fill it in; then the rules that could not be evaluated.
void Draft::place_unplaced(std::vector<SectionState>& sections, std::vector<FieldError>& form_errors,
                           const std::vector<const validate::ValidationError*>& unplaced,
                           std::map<std::string, size_t>* homes) const {
  form_errors.clear();
  auto home_of = [&](const std::string& location) {
    Path loc = parse_path(location);
    for (size_t i = 0; i < sections.size(); ++i)
      for (const auto& fld : sections[i].section->fields)
        if (!loc.empty() && under(parse_path(fld.data_path), loc)) return i;
    return kNoRow;
  };
  for (const auto* e : unplaced) {
    FieldError fe{e->code, e->keyword, message_of(*e, nullptr), e->instance_location};
    size_t h;
    if (!homes) {
      h = home_of(e->instance_location);
    } else if (auto it = homes->find(e->instance_location); it != homes->end()) {
      h = it->second;
    } else {
      h = home_of(e->instance_location);
      homes->emplace(e->instance_location, h);
    }
    SectionState* home = h == kNoRow ? nullptr : &sections[h];
    if (home && home->visible)
      home->errors.push_back(std::move(fe));
    else
      form_errors.push_back(std::move(fe));
  }
  for (const auto& [key, d] : rule_failures_)
    form_errors.push_back(FieldError{d.code, "rule", LocalizedText{d.message(Lang::ZhCN), d.message(Lang::En)}, d.pointer});
}

// ---- the whole view -----------------------------------------------------------------------------------------------

DraftView Draft::compute_view(std::vector<unsigned char>* counted) const {
  DraftView view;
  auto regions = hidden_regions();

  // Validation errors, by the field they belong to.
  std::map<std::string, std::vector<const validate::ValidationError*>> by_location;  // field location → errors
  std::vector<const validate::ValidationError*> unplaced;
  for (const auto& [unit, errs] : unit_errors_) {
    for (const auto& e : errs) {
      Path loc = parse_path(e.instance_location);
      if (hidden_in(loc, regions)) continue;  // hidden answers never block submission
      std::optional<size_t> row;
      const ModelField* f = model_->field_at(loc, &row);
      if (!f) {
        unplaced.push_back(&e);
        continue;
      }
      Path field_loc = f->row_depth ? with_row(f->pattern, *f->row_depth, *row) : f->pattern;
      by_location[path_pointer(field_loc)].push_back(&e);
    }
  }

  const std::vector<const validate::ValidationError*> none;
  for (const auto& mf : model_->fields()) {
    std::vector<std::pair<Path, std::optional<size_t>>> instances;
    if (mf.row_depth) {
      Path array(mf.pattern.begin(), mf.pattern.begin() + static_cast<std::ptrdiff_t>(*mf.row_depth));
      for (size_t r = 0; r < row_count(array); ++r) instances.emplace_back(with_row(mf.pattern, *mf.row_depth, r), r);
    } else {
      instances.emplace_back(mf.pattern, std::nullopt);
    }
    for (auto& [loc, row] : instances) {
      auto it = by_location.find(path_pointer(loc));
      unsigned char c = 0;
      FieldState s = field_state(mf, loc, row, regions, it == by_location.end() ? none : it->second, &c);
      view.error_count += s.errors.size();
      if (c & 1) ++view.required_total;
      if (c & 2) ++view.required_filled;
      if (counted) counted->push_back(c);
      view.fields.push_back(std::move(s));
    }
  }

  build_sections(view.sections, view_index_ ? view_index_->sections : section_rules());
  place_unplaced(view.sections, view.form_errors, unplaced, nullptr);
  for (const auto& st : view.sections) view.error_count += st.errors.size();
  view.error_count += view.form_errors.size();
  return view;
}

DraftView Draft::view() const { return compute_view(nullptr); }

std::vector<FieldError> Draft::errors() const {
  auto v = view();
  std::vector<FieldError> out;
  for (auto& s : v.sections)
    for (auto& e : s.errors) out.push_back(e);
  for (auto& f : v.fields)
    for (auto& e : f.errors) out.push_back(e);
  for (auto& e : v.form_errors) out.push_back(e);
  std::stable_sort(out.begin(), out.end(), [](const FieldError& a, const FieldError& b) { return a.location < b.location; });
  return out;
}

// ---- the changes since the view last described ------------------------------------------------------------------

void Draft::index_view() {
  auto index = std::make_shared<ViewIndex>();
  const auto& fields = model_->fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].pattern.empty())
      index->rootless.push_back(i);
    else
      index->by_head[fields[i].pattern[0]].push_back(i);
  }
  index->sections = section_rules();
  view_index_ = std::move(index);
}

const ModelField* Draft::locate(const Path& location, std::optional<size_t>* row) const {
  const auto& fields = model_->fields();
  const ModelField* best = nullptr;
  auto consider = [&](const std::vector<size_t>& list) {
    for (size_t i : list) {
      const ModelField& f = fields[i];
      if (f.pattern.size() > location.size()) continue;
      bool match = true;
      for (size_t k = 0; k < f.pattern.size() && match; ++k)
        match = f.pattern[k] == location[k] || (f.pattern[k] == "*" && is_index_token(location[k]));
      if (match && (!best || f.pattern.size() > best->pattern.size())) best = &f;
    }
  };
  if (!location.empty()) {
    if (auto it = view_index_->by_head.find(location[0]); it != view_index_->by_head.end()) consider(it->second);
    if (is_index_token(location[0]))
      if (auto it = view_index_->by_head.find("*"); it != view_index_->by_head.end()) consider(it->second);
  }
  if (!best && !view_index_->rootless.empty()) best = &fields[view_index_->rootless.front()];
  if (best && row)
    *row = best->row_depth ? std::optional<size_t>(std::stoull(location[*best->row_depth])) : std::nullopt;
  return best;
}

ViewChanges Draft::rebuild_view_cache() {
  ViewCache cache;
  cache.view = compute_view(&cache.counted);
  const auto& fields = model_->fields();
  size_t at = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    cache.offset.push_back(at);
    size_t n = 0;
    while (at + n < cache.view.fields.size() && cache.view.fields[at + n].field == fields[i].field) ++n;
    cache.instances.push_back(n);
    cache.owner.insert(cache.owner.end(), n, i);
    at += n;
  }
  for (const auto& f : cache.view.fields) cache.field_errors += f.errors.size();
  for (const auto& [unit, errs] : unit_errors_)
    for (const auto& e : errs)
      if (!locate(parse_path(e.instance_location), nullptr)) {
        cache.unplaced_units.insert(unit);
        break;
      }
  ViewChanges out;
  out.full = true;
  out.fields = cache.view.fields;
  out.sections = cache.view.sections;
  out.form_errors = cache.view.form_errors;
  out.error_count = cache.view.error_count;
  out.required_total = cache.view.required_total;
  out.required_filled = cache.view.required_filled;
  cache_ = std::move(cache);
  return out;
}

ViewChanges Draft::view_changes() {
  if (!view_index_) index_view();
  const auto& fields = model_->fields();
  bool rebuild = !cache_ || pending_all_;
  if (!rebuild) {
    // Rows added, removed or moved change the set of states: describe everything again.
    for (size_t i = 0; i < fields.size() && !rebuild; ++i) {
      const ModelField& mf = fields[i];
      if (!mf.row_depth) continue;
      Path array(mf.pattern.begin(), mf.pattern.begin() + static_cast<std::ptrdiff_t>(*mf.row_depth));
      rebuild = row_count(array) != cache_->instances[i];
    }
  }
  if (rebuild) {
    pending_all_ = false;
    pending_dirty_.clear();
    pending_units_.clear();
    pending_error_locations_.clear();
    return rebuild_view_cache();
  }
  ViewCache& cache = *cache_;

  // The states an edit can have reached.
  std::vector<size_t> candidates;  // indexes into cache.view.fields
  auto add_field = [&](size_t i, const Path& touched) {
    const ModelField& mf = fields[i];
    if (!mf.row_depth) {
      candidates.push_back(cache.offset[i]);
      return;
    }
    size_t depth = *mf.row_depth;
    if (touched.size() > depth && is_index_token(touched[depth])) {
      size_t r = std::stoull(touched[depth]);
      if (r < cache.instances[i]) candidates.push_back(cache.offset[i] + r);
    } else {
      for (size_t r = 0; r < cache.instances[i]; ++r) candidates.push_back(cache.offset[i] + r);
    }
  };
  for (const auto& d : pending_dirty_) {
    auto visit = [&](const std::vector<size_t>& list) {
      for (size_t i : list)
        if (overlaps(d, fields[i].pattern)) add_field(i, d);
    };
    if (d[0] == "*" || is_index_token(d[0])) {
      for (size_t i = 0; i < fields.size(); ++i)
        if (overlaps(d, fields[i].pattern)) add_field(i, d);
    } else if (auto it = view_index_->by_head.find(d[0]); it != view_index_->by_head.end()) {
      visit(it->second);
    }
    visit(view_index_->rootless);
  }
  auto add_error_location = [&](const std::string& location) {
    Path loc = parse_path(location);
    std::optional<size_t> row;
    const ModelField* f = locate(loc, &row);
    if (!f) return;
    size_t i = static_cast<size_t>(f - fields.data());
    size_t r = row.value_or(0);
    if (r < cache.instances[i]) candidates.push_back(cache.offset[i] + r);
  };
  for (const auto& location : pending_error_locations_) add_error_location(location);
  for (const auto& unit : pending_units_) {
    cache.unplaced_units.erase(unit);
    auto it = unit_errors_.find(unit);
    if (it == unit_errors_.end()) continue;
    for (const auto& e : it->second) {
      add_error_location(e.instance_location);
      if (!locate(parse_path(e.instance_location), nullptr)) cache.unplaced_units.insert(unit);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  ViewChanges out;
  auto regions = hidden_regions();
  std::vector<const validate::ValidationError*> errs;
  for (size_t idx : candidates) {
    const FieldState& old = cache.view.fields[idx];
    const ModelField& mf = fields[cache.owner[idx]];
    const std::string& key = old.location;
    Path loc = parse_path(key);
    // Its validation errors, in the order view() lists them: the units at or above the location (shorter keys
    // first), then the units below it, in key order.
    errs.clear();
    auto consider = [&](const std::vector<validate::ValidationError>& list) {
      for (const auto& e : list) {
        if (!at_or_below(e.instance_location, key)) continue;
        Path el = parse_path(e.instance_location);
        if (hidden_in(el, regions)) continue;
        if (e.instance_location != key) {  // a deeper field may be bound where this error is
          std::optional<size_t> row;
          const ModelField* f = locate(el, &row);
          if (!f || path_pointer(f->row_depth ? with_row(f->pattern, *f->row_depth, *row) : f->pattern) != key) continue;
        }
        errs.push_back(&e);
      }
    };
    for (size_t n = 0; n <= loc.size(); ++n) {
      auto it = unit_errors_.find(path_pointer(Path(loc.begin(), loc.begin() + static_cast<std::ptrdiff_t>(n))));
      if (it != unit_errors_.end()) consider(it->second);
    }
    std::string below = key + "/";
    for (auto it = unit_errors_.lower_bound(below); it != unit_errors_.end() && it->first.compare(0, below.size(), below) == 0; ++it)
      consider(it->second);

    unsigned char c = 0;
    FieldState s = field_state(mf, loc, old.row, regions, errs, &c);
    if (same_state(s, old) && c == cache.counted[idx]) continue;
    cache.field_errors = cache.field_errors - old.errors.size() + s.errors.size();
    cache.view.required_total = cache.view.required_total - (cache.counted[idx] & 1) + (c & 1);
    cache.view.required_filled = cache.view.required_filled - ((cache.counted[idx] >> 1) & 1) + ((c >> 1) & 1);
    cache.counted[idx] = c;
    if (!same_state(s, old)) out.fields.push_back(s);
    cache.view.fields[idx] = std::move(s);
  }

  // The sections and the errors no field holds: rebuilt whole (a few dozen sections).
  std::vector<const validate::ValidationError*> unplaced;
  for (const auto& unit : cache.unplaced_units) {
    auto it = unit_errors_.find(unit);
    if (it == unit_errors_.end()) continue;
    for (const auto& e : it->second) {
      Path el = parse_path(e.instance_location);
      if (hidden_in(el, regions) || locate(el, nullptr)) continue;
      unplaced.push_back(&e);
    }
  }
  std::vector<SectionState> sections;
  build_sections(sections, view_index_->sections);
  place_unplaced(sections, cache.view.form_errors, unplaced, &cache.homes);
  size_t section_errors = 0;
  for (size_t i = 0; i < sections.size(); ++i) {
    section_errors += sections[i].errors.size();
    if (same_state(sections[i], cache.view.sections[i])) continue;
    out.sections.push_back(sections[i]);
    cache.view.sections[i] = std::move(sections[i]);
  }
  cache.view.error_count = cache.field_errors + section_errors + cache.view.form_errors.size();

  out.form_errors = cache.view.form_errors;
  out.error_count = cache.view.error_count;
  out.required_total = cache.view.required_total;
  out.required_filled = cache.view.required_filled;
  pending_dirty_.clear();
  pending_units_.clear();
  pending_error_locations_.clear();
  return out;
}

}  // namespace wb::session
