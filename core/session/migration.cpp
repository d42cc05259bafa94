#include "core/session/migration.hpp"

#include <set>

namespace wb::session {

using nlohmann::json;

MigrationReport migrate_draft(const ModelPtr& from, const ModelPtr& to, const json& data, Draft::Options options) {
  MigrationReport report;
  report.data = json::object();
  std::set<std::string> dropped;
  for (const auto& old_field : from->fields()) {
    if (old_field.compute_rule) continue;  // computed again by the new version
    const ModelField* target = to->field_by_id(old_field.field->id);
    bool keep = target && !target->compute_rule;
    if (!old_field.row_depth) {
      const json* v = find_at(data, old_field.pattern);
      if (!v) continue;
      if (!keep || target->row_depth) {
        dropped.insert(old_field.field->id);
        continue;
      }
      set_at(report.data, target->pattern, *v);
      continue;
    }
    Path old_array(old_field.pattern.begin(), old_field.pattern.begin() + static_cast<std::ptrdiff_t>(*old_field.row_depth));
    const json* rows = find_at(data, old_array);
    if (!rows || !rows->is_array()) continue;
    for (size_t r = 0; r < rows->size(); ++r) {
      const json* v = find_at(data, with_row(old_field.pattern, *old_field.row_depth, r));
      if (!v) continue;
      if (!keep || !target->row_depth) {
        dropped.insert(old_field.field->id);
        continue;
      }
      Path new_array(target->pattern.begin(), target->pattern.begin() + static_cast<std::ptrdiff_t>(*target->row_depth));
      const json* existing = find_at(report.data, new_array);
      if (!existing || !existing->is_array()) {
        set_at(report.data, new_array, json::array());
        existing = find_at(report.data, new_array);
      }
      json* list = const_cast<json*>(existing);  // NOLINT: report.data is ours
      while (list->size() <= r) list->push_back(json::object());
      set_at(report.data, with_row(target->pattern, *target->row_depth, r), *v);
    }
  }
  report.dropped.assign(dropped.begin(), dropped.end());
  Draft draft(to, report.data, options);
  report.data = draft.data();  // with the new version's computed values
  // Required now, unanswered, and not required (or not there) in the old version.
  std::set<std::pair<std::string, size_t>> required_before;
  Draft old_draft(from, data, options);
  for (const auto& f : old_draft.view().fields)
    if (f.visible && f.required) required_before.insert({f.field->id, f.row.value_or(0)});
  for (const auto& f : draft.view().fields)
    if (f.visible && f.required && is_empty_value(&f.value) && !required_before.count({f.field->id, f.row.value_or(0)}))
      report.newly_required.push_back(f.location);
  return report;
}

}  // namespace wb::session
