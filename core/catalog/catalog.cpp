#include "core/catalog/catalog.hpp"

#include <algorithm>

namespace wb::catalog {
namespace {

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool contains_ci(const std::string& haystack, const std::string& needle_lower) {
  return ascii_lower(haystack).find(needle_lower) != std::string::npos;
}

bool text_matches(const LocalizedText& t, const std::string& q) { return contains_ci(t.zh, q) || contains_ci(t.en, q); }

}  // namespace

bool matches(const form::FormDefinition& f, const Filter& filter) {
  if (filter.audience && !form::audience_includes(f.audience, *filter.audience)) return false;
  if (filter.visits && f.visits != *filter.visits) return false;
  if (filter.department) {
    std::string d = ascii_lower(*filter.department);
    bool any = false;
    for (const auto& dep : f.departments) any = any || ascii_lower(dep.id) == d || text_matches(dep.name, d);
    if (!any) return false;
  }
  if (!filter.query.empty()) {
    std::string q = ascii_lower(filter.query);
    bool any = contains_ci(f.id, q) || text_matches(f.title, q) || text_matches(f.summary, q);
    for (const auto& t : f.topics) any = any || text_matches(t, q);
    for (const auto& k : f.keywords) any = any || contains_ci(k, q);
    for (const auto& dep : f.departments) any = any || text_matches(dep.name, q);
    if (!any) return false;
  }
  return true;
}

void Catalog::add(form::FormPtr form) {
  if (!form) return;
  auto it = std::find_if(items_.begin(), items_.end(), [&](const form::FormPtr& f) { return f->id == form->id; });
  if (it != items_.end()) {
    if ((*it)->version < form->version) *it = std::move(form);
    return;
  }
  auto pos = std::lower_bound(items_.begin(), items_.end(), form->id,
                              [](const form::FormPtr& f, const std::string& id) { return f->id < id; });
  items_.insert(pos, std::move(form));
}

form::FormPtr Catalog::find(std::string_view id) const {
  for (const auto& f : items_)
    if (f->id == id) return f;
  return nullptr;
}

std::vector<form::FormPtr> Catalog::list(const Filter& filter) const {
  std::vector<form::FormPtr> out;
  for (const auto& f : items_)
    if (matches(*f, filter)) out.push_back(f);
  return out;
}

nlohmann::json summary_json(const form::FormDefinition& f) {
  nlohmann::json deps = nlohmann::json::array();
  for (const auto& d : f.departments)
    deps.push_back({{"id", d.id}, {"name", d.name.to_json()}, {"role", d.role == form::DepartmentRole::Lead ? "lead" : "parallel"}});
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& t : f.topics) topics.push_back(t.to_json());
  nlohmann::json out = {{"id", f.id},
                        {"version", f.version},
                        {"title", f.title.to_json()},
                        {"audience", std::string(form::audience_name(f.audience))},
                        {"visits", f.visits},
                        {"departments", deps},
                        {"topics", topics},
                        {"keywords", f.keywords},
                        {"timeLimitDays", f.guide.time_limit.promised_days}};
  if (!f.summary.empty()) out["summary"] = f.summary.to_json();
  return out;
}

}  // namespace wb::catalog
