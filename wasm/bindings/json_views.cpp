#include "wasm/bindings/json_views.hpp"

#include "core/catalog/catalog.hpp"

namespace wb::wasm {

using nlohmann::json;

namespace {

json text(const LocalizedText& t) { return {{"zh-CN", t.zh}, {"en", t.en.empty() ? t.zh : t.en}}; }

json optional_text(const LocalizedText& t) { return t.empty() ? json(nullptr) : text(t); }

}  // namespace

json error_json(const Diagnostic& d) {
  json args = json::object();
  for (const auto& [k, v] : d.args) args[k] = v;
  json out = {{"code", std::string(error_id(d.code))},
              {"number", static_cast<int>(d.code)},
              {"args", args},
              {"message", {{"zh-CN", d.message(Lang::ZhCN)}, {"en", d.message(Lang::En)}}}};
  if (!d.pointer.empty()) out["pointer"] = d.pointer;
  if (d.line > 0) {
    out["line"] = d.line;
    out["column"] = d.column;
  }
  return out;
}

json field_error_json(const session::FieldError& e) {
  return {{"code", std::string(error_id(e.code))},
          {"number", static_cast<int>(e.code)},
          {"keyword", e.keyword},
          {"location", e.location},
          {"message", text(e.text)}};
}

namespace {
json errors_json(const std::vector<session::FieldError>& errors) {
  json out = json::array();
  for (const auto& e : errors) out.push_back(field_error_json(e));
  return out;
}
}  // namespace

json field_state_json(const session::FieldState& s) {
  json out = {{"id", s.field->id},
              {"location", s.location},
              {"visible", s.visible},
              {"required", s.required},
              {"readOnly", s.read_only},
              {"value", s.value},
              {"errors", errors_json(s.errors)}};
  out["row"] = s.row ? json(*s.row) : json(nullptr);
  return out;
}

json section_state_json(const session::SectionState& s) {
  json out = {{"id", s.section->id}, {"visible", s.visible}, {"rows", s.rows}, {"errors", errors_json(s.errors)}};
  out["minRows"] = s.min_rows ? json(*s.min_rows) : json(nullptr);
  out["maxRows"] = s.max_rows ? json(*s.max_rows) : json(nullptr);
  return out;
}

namespace {
template <typename V>
json summary_json(const V& v) {
  return {{"errorCount", v.error_count},
          {"complete", v.complete()},
          {"completeness", v.completeness()},
          {"requiredTotal", v.required_total},
          {"requiredFilled", v.required_filled}};
}
}  // namespace

json view_summary_json(const session::DraftView& v) { return summary_json(v); }

json view_json(const session::DraftView& v) {
  json fields = json::array();
  for (const auto& f : v.fields) fields.push_back(field_state_json(f));
  json sections = json::array();
  for (const auto& s : v.sections) sections.push_back(section_state_json(s));
  json out = view_summary_json(v);
  out["fields"] = std::move(fields);
  out["sections"] = std::move(sections);
  out["formErrors"] = errors_json(v.form_errors);
  return out;
}

json view_changes_json(const session::ViewChanges& c) {
  json fields = json::array();
  for (const auto& f : c.fields) fields.push_back(field_state_json(f));
  json sections = json::array();
  for (const auto& s : c.sections) sections.push_back(section_state_json(s));
  json out = summary_json(c);
  out["full"] = c.full;
  out["fields"] = std::move(fields);
  out["sections"] = std::move(sections);
  out["formErrors"] = errors_json(c.form_errors);
  return out;
}

json layout_json(const form::FormDefinition& f) {
  json pages = json::array();
  for (const auto& p : f.pages) {
    json sections = json::array();
    for (const auto& s : p.sections) {
      json fields = json::array();
      for (const auto& fd : s.fields) {
        json options = json::array();
        for (const auto& o : fd.options) options.push_back({{"value", o.value}, {"label", text(o.label)}});
        json field = {{"id", fd.id},
                      {"bind", fd.bind},
                      {"dataPath", fd.data_path},
                      {"widget", std::string(form::widget_name(fd.widget))},
                      {"label", text(fd.label)},
                      {"help", optional_text(fd.help)},
                      {"placeholder", optional_text(fd.placeholder)},
                      {"readOnly", fd.read_only},
                      {"options", options}};
        if (!fd.material.empty()) {
          field["material"] = fd.material;
          if (const auto* m = f.guide.find_material(fd.material))
            field["accept"] = {{"mediaTypes", m->accepted_types}, {"maxSizeBytes", m->max_size_bytes}};
        }
        fields.push_back(std::move(field));
      }
      json section = {{"id", s.id}, {"title", text(s.title)}, {"help", optional_text(s.help)}, {"fields", fields}};
      if (s.repeat) {
        section["repeat"] = {{"bind", s.repeat->bind}, {"addLabel", optional_text(s.repeat->add_label)}};
        section["repeat"]["minRows"] = s.repeat->min_rows ? json(*s.repeat->min_rows) : json(nullptr);
        section["repeat"]["maxRows"] = s.repeat->max_rows ? json(*s.repeat->max_rows) : json(nullptr);
      } else {
        section["repeat"] = nullptr;
      }
      sections.push_back(std::move(section));
    }
    pages.push_back({{"id", p.id}, {"title", text(p.title)}, {"sections", sections}});
  }
  return {{"itemId", f.id}, {"version", f.version}, {"title", text(f.title)}, {"pages", pages}};
}

json guide_json(const form::FormDefinition& f) {
  json out = catalog::summary_json(f);
  out["guide"] = f.source.value("guide", json::object());
  json downloads = json::array();
  for (const auto& d : f.downloads)
    downloads.push_back({{"fileName", d.file_name}, {"title", d.title.to_json()}, {"mediaType", d.media_type},
                         {"size", d.size}, {"sha256", d.sha256},
                         {"url", "/v1/forms/" + f.id + "/downloads/" + d.file_name}});
  out["downloads"] = downloads;
  return out;
}

json draft_record_json(const store::DraftRecord& d, bool with_data) {
  json out = {{"id", d.id},
              {"itemId", d.item_id},
              {"formVersion", d.form_version},
              {"title", text(d.title)},
              {"completeness", d.completeness},
              {"errorCount", d.error_count},
              {"createdAt", d.created_at},
              {"updatedAt", d.updated_at},
              {"revision", d.revision}};
  if (with_data) out["data"] = d.data;
  return out;
}

json outbox_item_json(const store::OutboxItem& item, bool with_payload) {
  json out = {{"id", item.id},
              {"idempotencyKey", item.idempotency_key},
              {"itemId", item.item_id},
              {"formVersion", item.form_version},
              {"title", text(item.title)},
              {"state", std::string(store::outbox_state_name(item.state))},
              {"attention", item.attention.empty() ? json(nullptr) : json(item.attention)},
              {"attempts", item.attempts},
              {"nextAttemptAt", item.next_attempt_at},
              {"lastError", item.last_error},
              {"receipt", item.receipt},
              {"attachments", item.manifest.is_array() ? item.manifest : json::array()},
              {"createdAt", item.created_at},
              {"updatedAt", item.updated_at}};
  if (with_payload) out["payload"] = item.payload;
  return out;
}

json status_entry_json(const store::StatusEntry& e) {
  return {{"seq", e.seq}, {"at", e.at}, {"status", e.status}, {"department", e.department}, {"detail", e.detail}};
}

json event_json(const store::Event& e) { return {{"seq", e.seq}, {"at", e.at}, {"kind", e.kind}, {"subject", e.subject}}; }

json engine_status_json(const sync::EngineStatus& s) {
  return {{"signedIn", s.signed_in},
          {"needsSignIn", s.needs_sign_in},
          {"offline", s.offline},
          {"queued", s.queued},
          {"needsAttention", s.needs_attention},
          {"accepted", s.accepted},
          {"nextAttemptAt", s.next_attempt_at ? json(*s.next_attempt_at) : json(nullptr)},
          {"lastError", s.last_error}};
}

}  // namespace wb::wasm
