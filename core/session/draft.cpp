#include "core/session/draft.hpp"

#include <algorithm>

#include "core/common/json_pointer.hpp"
#include "core/session/draft_detail.hpp"

namespace wb::session {
namespace {

using nlohmann::json;
using form::RuleKind;

using detail::truthy;
using detail::under;

bool is_prefix(const Path& prefix, const Path& path) { return is_within(path, prefix); }

// Whether two lists of a unit's errors show the same (what a view derives from an error: where, which check, the
// message's arguments).
bool same_errors(const std::vector<validate::ValidationError>& a, const std::vector<validate::ValidationError>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].instance_location != b[i].instance_location || a[i].code != b[i].code || a[i].keyword != b[i].keyword ||
        a[i].args != b[i].args || a[i].keyword_location != b[i].keyword_location)
      return false;
  return true;
}

Path location_of(std::string_view pointer, const char* what_en, const char* what_zh) {
  auto tokens = split_pointer(pointer);
  if (!tokens)
    throw Error(ErrorCode::FillBadLocation,
                {{"pointer", std::string(pointer)}, {"detail", what_en}, {"detail_zh", what_zh}});
  return *tokens;
}

}  // namespace

Draft::Draft(ModelPtr model, json data, Options options)
    : model_(std::move(model)), options_(options), raw_(std::move(data)) {
  if (!raw_.is_object()) raw_ = json::object();
  for (const auto& container : model_->required_containers()) {  // parents first
    Path parent(container.begin(), container.end() - 1);
    auto* holder = const_cast<json*>(find_at(raw_, parent));  // NOLINT: find_at is the const accessor
    if (holder && holder->is_object() && !holder->contains(container.back())) (*holder)[container.back()] = json::object();
  }
  results_.resize(model_->rules().size());
  reevaluate_all();
}

void Draft::reevaluate_all() {
  pending_all_ = pending_all_ || cache_.has_value();
  for (auto& r : results_) r.clear();
  rule_failures_.clear();
  unit_errors_.clear();
  effective_ = raw_;
  process({Path{}});
}

// ---- edits ------------------------------------------------------------------------------------------------------

Path Draft::checked_location(std::string_view pointer) const {
  Path loc = location_of(pointer, "not a JSON Pointer", "不是有效的 JSON 指针");
  if (loc.empty())
    throw Error(ErrorCode::FillBadLocation, {{"pointer", std::string(pointer)},
                                             {"detail", "the whole application cannot be replaced by one edit"},
                                             {"detail_zh", "不能一次替换整个申请"}});
  std::optional<size_t> row;
  if (const ModelField* f = model_->field_at(loc, &row); f && f->compute_rule)
    throw Error(ErrorCode::FillReadOnly, {{"field", f->field->label.zh}});
  return loc;
}

void Draft::set(std::string_view pointer, json value) {
  Path loc = checked_location(pointer);
  if (!set_at(raw_, loc, std::move(value))) {
    throw Error(ErrorCode::FillBadLocation,
                {{"pointer", std::string(pointer)},
                 {"detail", "a value on the way is not an object, or the row does not exist"},
                 {"detail_zh", "路径上的值不是对象，或该行不存在"}});
  }
  refresh_effective(loc);
  process({loc});
}

void Draft::clear(std::string_view pointer) {
  Path loc = checked_location(pointer);
  erase_at(raw_, loc);
  refresh_effective(loc);
  process({loc});
}

size_t Draft::add_row(std::string_view array_pointer, json row) {
  Path loc = location_of(array_pointer, "not a JSON Pointer", "不是有效的 JSON 指针");
  const json* arr = find_at(raw_, loc);
  if (arr && !arr->is_array())
    throw Error(ErrorCode::FillBadLocation, {{"pointer", std::string(array_pointer)},
                                             {"detail", "not a list of rows"}, {"detail_zh", "不是多行列表"}});
  if (!arr && !set_at(raw_, loc, json::array()))
    throw Error(ErrorCode::FillBadLocation, {{"pointer", std::string(array_pointer)},
                                             {"detail", "the list cannot be created there"}, {"detail_zh", "无法在此处创建列表"}});
  json* list = const_cast<json*>(find_at(raw_, loc));  // NOLINT: raw_ is ours and mutable
  list->push_back(std::move(row));
  size_t index = list->size() - 1;
  refresh_effective(loc);
  process({loc});
  return index;
}

void Draft::remove_row(std::string_view array_pointer, size_t index) {
  Path loc = location_of(array_pointer, "not a JSON Pointer", "不是有效的 JSON 指针");
  json* list = const_cast<json*>(find_at(raw_, loc));  // NOLINT
  if (!list || !list->is_array() || index >= list->size())
    throw Error(ErrorCode::FillBadLocation, {{"pointer", pointer_append(array_pointer, index)},
                                             {"detail", "no such row"}, {"detail_zh", "没有这一行"}});
  list->erase(list->begin() + static_cast<std::ptrdiff_t>(index));
  refresh_effective(loc);
  process({loc});
}

void Draft::move_row(std::string_view array_pointer, size_t from, size_t to) {
  Path loc = location_of(array_pointer, "not a JSON Pointer", "不是有效的 JSON 指针");
  json* list = const_cast<json*>(find_at(raw_, loc));  // NOLINT
  if (!list || !list->is_array() || from >= list->size() || to >= list->size())
    throw Error(ErrorCode::FillBadLocation, {{"pointer", pointer_append(array_pointer, from)},
                                             {"detail", "no such row"}, {"detail_zh", "没有这一行"}});
  json row = (*list)[from];
  list->erase(list->begin() + static_cast<std::ptrdiff_t>(from));
  list->insert(list->begin() + static_cast<std::ptrdiff_t>(to), std::move(row));
  refresh_effective(loc);
  process({loc});
}

void Draft::set_today(logic::Date today) {
  options_.today = today;
  // Only rules that read the date change; mark each one's reads as edited.
  std::vector<Path> dirty;
  for (const auto& r : model_->rules())
    if (r.compiled->uses_today()) {
      for (const auto& w : r.writes) dirty.push_back(w);
      if (r.writes.empty()) dirty.push_back(Path{});
    }
  if (dirty.empty()) return;
  // A date change is rare: re-evaluate everything rather than track date reads separately.
  reevaluate_all();
}

// ---- evaluation -------------------------------------------------------------------------------------------------

void Draft::process(std::vector<Path> dirty) {
  evaluate_rules(dirty);
  revalidate(dirty);
  if (cache_ && !pending_all_) {
    for (const auto& d : dirty) {
      if (d.empty()) pending_all_ = true;
      else pending_dirty_.push_back(d);
    }
    // Many edits without view_changes() in between: describing everything again is cheaper than replaying them.
    if (pending_dirty_.size() + pending_error_locations_.size() > 4096) {
      pending_all_ = true;
      pending_dirty_.clear();
      pending_error_locations_.clear();
      pending_units_.clear();
    }
  }
  last_changes_.clear();
  for (const auto& d : dirty) last_changes_.push_back(path_pointer(d));
}

size_t Draft::row_count(const Path& array) const {
  const json* a = find_at(raw_, array);
  return a && a->is_array() ? a->size() : 0;
}

bool Draft::truthy_result(size_t rule, size_t row) const {
  const auto& res = results_[rule];
  auto it = res.find(row);
  return it == res.end() ? true : truthy(it->second);
}

void Draft::evaluate_rules(std::vector<Path>& dirty) {
  const auto& rules = model_->rules();
  for (size_t i : model_->order()) {
    const ModelRule& mr = rules[i];
    // Which instances (rows) does the edit reach?
    bool all = false;
    std::vector<size_t> rows;
    size_t depth = mr.row_array.size();
    if (mr.reads_everything) all = true;
    for (size_t d = 0; d < dirty.size() && !all; ++d) {
      for (const auto& read : mr.reads) {
        if (!overlaps(dirty[d], read)) continue;
        bool per_row = mr.row_scoped && read.size() > depth && read[depth] == "*";
        if (per_row && dirty[d].size() > depth && is_index_token(dirty[d][depth]))
          rows.push_back(std::stoull(dirty[d][depth]));
        else
          all = true;
      }
    }
    // A rule never evaluated yet (a new row) runs too.
    size_t n = mr.row_scoped ? row_count(mr.row_array) : 1;
    Results& res = results_[i];
    if (mr.row_scoped) {
      for (auto it = res.begin(); it != res.end();) it = it->first >= n ? res.erase(it) : std::next(it);
      for (size_t r = 0; r < n; ++r)
        if (!res.count(r)) rows.push_back(r);
    } else if (!res.count(kNoRow)) {
      all = true;
    }
    if (all) {
      rows.clear();
      if (mr.row_scoped)
        for (size_t r = 0; r < n; ++r) rows.push_back(r);
      else
        rows.push_back(kNoRow);
    }
    if (rows.empty()) continue;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());

    for (size_t row : rows) {
      logic::EvalContext ctx;
      ctx.today = options_.today;
      Path row_path;
      if (row != kNoRow) {
        row_path = mr.row_array;
        row_path.push_back(std::to_string(row));
        const json* row_value = find_at(effective_, row_path);
        ctx.row = row_value ? row_value : &null_;
        ctx.index = static_cast<std::int64_t>(row);
      }
      Diagnostic failure;
      failure.code = ErrorCode::Ok;
      json result = logic::evaluate(*mr.compiled, effective_, ctx, &failure);
      if (failure.code != ErrorCode::Ok)
        rule_failures_[{i, row}] = Diagnostic{ErrorCode::FillRuleFailed, mr.rule->pointer, {{"rule", mr.rule->id}}, 0, 0};
      else
        rule_failures_.erase({i, row});
      auto it = res.find(row);
      bool changed = it == res.end() || it->second != result;
      if (!changed && mr.rule->kind != RuleKind::Compute) continue;
      res[row] = result;
      if (mr.rule->kind == RuleKind::Compute) {
        Path target = row == kNoRow ? mr.writes[0] : with_row(mr.writes[0], depth, row);
        const json* current = find_at(raw_, target);
        bool same = result.is_null() ? current == nullptr : (current && *current == result);
        if (same) continue;
        if (result.is_null())
          erase_at(raw_, target);
        else if (!set_at(raw_, target, result))
          continue;  // the place for the value does not exist (no such row): nothing to write
        refresh_effective(target);
        dirty.push_back(std::move(target));
      } else if (mr.rule->kind == RuleKind::Visible) {
        for (const auto& w : mr.writes) {
          Path region = row == kNoRow ? w : with_row(w, depth, row);
          for (auto& concrete : expand(region)) {
            refresh_effective(concrete);
            dirty.push_back(std::move(concrete));
          }
        }
      } else {
        // required / assert / row limits: their result shows at the target; mark it so views refresh.
        if (const ModelField* f = model_->field_by_id(mr.rule->target)) {
          Path target = row == kNoRow ? f->pattern : with_row(f->pattern, depth, row);
          dirty.push_back(std::move(target));
        }
      }
    }
  }
}

std::vector<Path> Draft::expand(const Path& pattern) const {
  std::vector<Path> out{Path{}};
  for (const auto& token : pattern) {
    std::vector<Path> next;
    for (auto& p : out) {
      if (token == "*") {
        size_t n = row_count(p);
        for (size_t r = 0; r < n; ++r) {
          Path q = p;
          q.push_back(std::to_string(r));
          next.push_back(std::move(q));
        }
      } else {
        p.push_back(token);
        next.push_back(std::move(p));
      }
    }
    out = std::move(next);
  }
  return out;
}

std::vector<Path> Draft::hidden_regions() const {
  std::vector<Path> regions;
  const auto& rules = model_->rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].rule->kind != RuleKind::Visible) continue;
    for (const auto& [row, result] : results_[i]) {
      if (truthy(result)) continue;
      for (const auto& w : rules[i].writes)
        regions.push_back(row == kNoRow ? w : with_row(w, rules[i].row_array.size(), row));
    }
  }
  return regions;
}

bool Draft::is_hidden(const Path& location) const {
  for (const auto& region : hidden_regions())
    if (under(location, region)) return true;
  return false;
}

void Draft::refresh_effective(const Path& edited) {
  // Start at the highest ancestor the effective document lacks, so that containers created in the raw data
  // appear in the effective one too: effective must always equal "raw minus hidden regions".
  Path location = edited;
  for (size_t k = 1; k < edited.size(); ++k) {
    Path ancestor(edited.begin(), edited.begin() + static_cast<std::ptrdiff_t>(k));
    if (!find_at(effective_, ancestor)) {
      location = std::move(ancestor);
      break;
    }
  }
  auto regions = hidden_regions();
  for (const auto& region : regions) {
    if (under(location, region)) {
      if (!location.empty()) erase_at(effective_, location);
      return;
    }
  }
  const json* value = find_at(raw_, location);
  if (!value) {
    if (location.empty())
      effective_ = json::object();
    else
      erase_at(effective_, location);
    return;
  }
  json copy = *value;
  for (const auto& region : regions) {
    if (region.size() <= location.size()) continue;
    for (const auto& concrete : expand(region)) {
      if (!is_prefix(location, concrete)) continue;
      erase_at(copy, Path(concrete.begin() + static_cast<std::ptrdiff_t>(location.size()), concrete.end()));
    }
  }
  if (location.empty()) {
    effective_ = std::move(copy);
    return;
  }
  if (!set_at(effective_, location, std::move(copy))) {
    // The effective document lacks a row the raw one has (rows are copied whole); copy the enclosing list.
    Path parent = location;
    while (!parent.empty() && !find_at(effective_, parent)) parent.pop_back();
    refresh_effective(parent);
  }
}

// ---- validation ---------------------------------------------------------------------------------------------------

void Draft::erase_cached_within(const Path& location) {
  std::string key = path_pointer(location);
  auto it = unit_errors_.lower_bound(key);
  while (it != unit_errors_.end() &&
         (it->first == key || (it->first.size() > key.size() && it->first.compare(0, key.size(), key) == 0 &&
                               it->first[key.size()] == '/'))) {
    if (!it->second.empty()) touch_unit(it->first);
    it = unit_errors_.erase(it);
  }
  if (key.empty()) {
    pending_all_ = pending_all_ || cache_.has_value();
    unit_errors_.clear();
  }
}

void Draft::touch_unit(const std::string& key) {
  if (!cache_ || pending_all_) return;  // (everything is described again anyway)
  if (auto it = unit_errors_.find(key); it != unit_errors_.end())
    for (const auto& e : it->second) pending_error_locations_.push_back(e.instance_location);
  pending_units_.insert(key);
}

void Draft::validate_node(size_t node_index, const Path& location, const std::vector<Path>& dirty, bool whole) {
  const auto& node = model_->plan().node(node_index);
  if (!whole) {
    for (const auto& d : dirty)
      if (is_prefix(d, location)) whole = true;  // the edit replaced this node's value (or an ancestor's)
  }
  if (whole) erase_cached_within(location);
  const json* value = location.empty() ? &effective_ : find_at(effective_, location);
  std::string key = path_pointer(location);
  if (!value) {
    if (auto it = unit_errors_.find(key); it != unit_errors_.end()) {
      if (!it->second.empty()) touch_unit(key);
      unit_errors_.erase(it);
    }
    return;
  }
  auto result = node.schema->validate(*value);
  for (auto& e : result.errors) e.instance_location = key + e.instance_location;
  auto& slot = unit_errors_[key];
  if (cache_ && !same_errors(slot, result.errors)) touch_unit(key);
  slot = std::move(result.errors);
  if (!node.partitioned) return;
  auto visit = [&](size_t child, Path child_location) {
    bool reached = whole;
    for (size_t k = 0; k < dirty.size() && !reached; ++k) reached = overlaps(dirty[k], child_location);
    if (reached) validate_node(child, child_location, dirty, whole);
  };
  if (node.is_array) {
    if (!value->is_array()) return;
    for (size_t i = 0; i < value->size(); ++i) {
      Path c = location;
      c.push_back(std::to_string(i));
      visit(*node.items, std::move(c));
    }
  } else {
    if (!value->is_object()) return;
    for (const auto& [name, child] : node.properties) {
      if (!value->contains(name)) {
        Path c = location;
        c.push_back(name);
        erase_cached_within(c);
        continue;
      }
      Path c = location;
      c.push_back(name);
      visit(child, std::move(c));
    }
  }
}

void Draft::revalidate(const std::vector<Path>& dirty) {
  bool everything = false;
  for (const auto& d : dirty) everything = everything || d.empty();
  validate_node(model_->plan().root(), Path{}, dirty, everything);
}


}  // namespace wb::session
