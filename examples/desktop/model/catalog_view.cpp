#include "examples/desktop/model/catalog_view.hpp"

#include <cstdio>
#include <map>

#include "core/form/form_loader.hpp"
#include "examples/desktop/model/strings.hpp"

namespace wb::desktop {

void CatalogView::set_sources(const catalog::Catalog& folder, const std::vector<nlohmann::json>& cached) {
  catalog::Catalog merged;
  for (const auto& f : folder.items()) merged.add(f);
  for (const auto& doc : cached) {
    auto loaded = form::load_form(doc);
    if (loaded.ok()) merged.add(loaded.form);  // a cached definition that no longer loads is simply not offered
  }
  catalog_ = std::move(merged);
}

std::vector<form::FormPtr> CatalogView::rows() const {
  catalog::Filter f;
  if (filter.audience == 1) f.audience = form::Audience::Citizen;
  if (filter.audience == 2) f.audience = form::Audience::Enterprise;
  if (filter.visits >= 0) f.visits = filter.visits;
  if (!filter.department.empty()) f.department = filter.department;
  f.query = filter.query;
  return catalog_.list(f);
}

std::vector<std::pair<std::string, std::string>> CatalogView::departments(Lang lang) const {
  std::map<std::string, std::string> seen;
  for (const auto& f : catalog_.items())
    for (const auto& d : f->departments) seen.emplace(d.id, d.name.get(lang));
  return {seen.begin(), seen.end()};
}

std::string visits_label(int visits, Lang lang) {
  return text(visits <= 0 ? T::Visits0 : visits == 1 ? T::Visits1 : T::Visits2, lang);
}

std::string audience_label(form::Audience audience, Lang lang) {
  switch (audience) {
    case form::Audience::Citizen: return text(T::AudienceCitizen, lang);
    case form::Audience::Enterprise: return text(T::AudienceEnterprise, lang);
    case form::Audience::Both: return text(T::AudienceBoth, lang);
  }
  return "";
}

std::string format_size(std::int64_t bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024.0);
  else std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  return buf;
}

std::vector<GuideBlock> guide_blocks(const form::FormDefinition& f, Lang lang) {
  const auto& g = f.guide;
  std::vector<GuideBlock> out;
  auto add = [&](T title, std::vector<std::string> lines) {
    std::erase_if(lines, [](const std::string& s) { return s.empty(); });
    if (!lines.empty()) out.push_back({text(title, lang), std::move(lines)});
  };
  std::vector<std::string> lines;
  for (const auto& c : g.conditions) lines.push_back(c.get(lang));
  add(T::GuideConditions, std::move(lines));

  lines = {};
  int step = 1;
  for (const auto& p : g.procedure) {
    std::string line = std::to_string(step++) + ". " + p.title.get(lang);
    if (!p.description.empty()) line += (lang == Lang::En ? ": " : "：") + p.description.get(lang);
    lines.push_back(line);
  }
  add(T::GuideProcedure, std::move(lines));

  lines = {};
  for (const auto& m : g.materials) {
    std::string types;
    for (const auto& t : m.accepted_types) types += (types.empty() ? "" : ", ") + t;
    std::string line = m.name.get(lang) + (lang == Lang::En ? " (" : "（") +
                       text(m.required ? T::MaterialRequired : T::MaterialOptional, lang) +
                       (lang == Lang::En ? ", " : "，") + text(T::MaterialCopies, lang, {{"n", std::to_string(m.copies)}}) +
                       (lang == Lang::En ? "; " : "；") +
                       text(T::MaterialTypes, lang, {{"types", types}, {"size", format_size(m.max_size_bytes)}});
    if (m.electronic_certificate) line += (lang == Lang::En ? "; " : "；") + std::string(text(T::MaterialECert, lang));
    line += lang == Lang::En ? ")" : "）";
    if (!m.note.empty()) line += " " + m.note.get(lang);
    lines.push_back(line);
  }
  add(T::GuideMaterials, std::move(lines));

  lines = {g.accepting_department.get(lang)};
  for (const auto& d : f.departments)
    if (d.role == form::DepartmentRole::Parallel) lines.push_back("+ " + d.name.get(lang));
  add(T::GuideDepartment, std::move(lines));
  add(T::GuideLocation, {g.location.get(lang)});
  std::string contact = g.contact.phone;
  if (!g.contact.email.empty()) contact += "  " + g.contact.email;
  add(T::GuideContact, {contact, g.contact.note.get(lang)});
  add(T::GuideHours, {g.hours.get(lang)});
  lines = {text(T::PromisedDays, lang, {{"n", std::to_string(g.time_limit.promised_days)}})};
  if (g.time_limit.statutory_days)
    lines.push_back(text(T::StatutoryDays, lang, {{"n", std::to_string(*g.time_limit.statutory_days)}}));
  add(T::GuideTimeLimit, std::move(lines));

  lines = {};
  if (g.fees.empty()) lines.push_back(text(T::Free, lang));
  for (const auto& fee : g.fees)
    lines.push_back(fee.name.get(lang) + "  " + text(T::Yuan, lang, {{"amount", fee.amount}}) +
                    (fee.basis.empty() ? "" : "  " + fee.basis.get(lang)));
  if (!g.fee_basis.empty()) lines.push_back(g.fee_basis.get(lang));
  add(T::GuideFees, std::move(lines));

  lines = {};
  for (const auto& l : g.legal_basis) lines.push_back(l.get(lang));
  add(T::GuideLegalBasis, std::move(lines));

  lines = {};
  for (const auto& d : f.downloads) lines.push_back(d.title.get(lang) + "  (" + d.file_name + ", " + format_size(d.size) + ")");
  add(T::GuideDownloads, std::move(lines));
  return out;
}

}  // namespace wb::desktop
