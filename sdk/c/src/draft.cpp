// wb_draft: a live draft whose every edit is saved before the call returns (store::AutosavedDraft), its views,
// attachments and submission.

#include "core/common/json_pointer.hpp"
#include "core/form/schema_paths.hpp"
#include "core/session/data_paths.hpp"
#include "core/store/autosaved_draft.hpp"
#include "core/store/submit.hpp"
#include "native/platform/system_env.hpp"
#include "sdk/c/src/internal.hpp"

struct wb_draft {
  std::shared_ptr<wb::sdk::ProfileCore> profile;
  std::string id;
  wb::session::ModelPtr model;
  std::unique_ptr<wb::store::AutosavedDraft> draft;
};

namespace wb::sdk {
namespace {

using nlohmann::json;

std::optional<logic::Date> today(const ProfileCore& p) { return native::local_today(*p.env->clock); }

// (Re)opens the draft on the version of its form the store says it is on: sync may have moved it to a newer
// version (by field id) since it was opened. mu held.
void ensure_current(ProfileCore& p, wb_draft& d) {
  auto record = p.store->draft(d.id);
  if (!record) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", d.id}});
  if (d.draft && d.model && d.model->form().version == record->form_version) return;
  d.model = p.model(record->item_id, record->form_version);
  d.draft = std::make_unique<store::AutosavedDraft>(*p.store, d.id, d.model, today(p));
}

json errors_json(const std::vector<session::FieldError>& errors, Lang lang) {
  json out = json::array();
  for (const auto& e : errors)
    out.push_back({{"location", e.location}, {"code", std::string(error_id(e.code))}, {"number", static_cast<int>(e.code)},
                   {"message", e.message(lang)}});
  return out;
}

json view_json(ProfileCore& p, wb_draft& d) {
  const auto& draft = d.draft->draft();
  auto view = draft.view();
  Lang lang = p.lang();
  const auto& f = d.model->form();
  json fields = json::array();
  for (const auto& s : view.fields) {
    json field = {{"id", s.field->id},         {"location", s.location}, {"label", s.field->label.to_json()},
                  {"widget", std::string(form::widget_name(s.field->widget))},
                  {"visible", s.visible},      {"required", s.required}, {"readOnly", s.read_only},
                  {"value", s.value},          {"errors", errors_json(s.errors, lang)}};
    if (s.row) field["row"] = *s.row;
    fields.push_back(std::move(field));
  }
  json sections = json::array();
  for (const auto& s : view.sections) {
    json section = {{"id", s.section->id}, {"visible", s.visible}, {"rows", s.rows}, {"errors", errors_json(s.errors, lang)}};
    if (s.min_rows) section["minRows"] = *s.min_rows;
    if (s.max_rows) section["maxRows"] = *s.max_rows;
    sections.push_back(std::move(section));
  }
  return {{"id", d.id},
          {"item", f.id},
          {"version", f.version},
          {"title", f.title.to_json()},
          {"complete", view.complete()},
          {"completeness", view.completeness()},
          {"errorCount", view.error_count},
          {"data", draft.data()},
          {"fields", fields},
          {"sections", sections},
          {"formErrors", errors_json(view.form_errors, lang)},
          {"migration", p.store->draft_migration_report(d.id).value_or(nullptr)}};
}

std::string pointer_arg(const char* pointer) {
  if (!pointer) invalid_argument("pointer is NULL");
  if (!split_pointer(pointer)) throw Error(ErrorCode::FillBadLocation, {{"pointer", pointer}, {"detail", "not a JSON Pointer"}, {"detail_zh", "不是有效的 JSON 指针"}}, pointer);
  return pointer;
}

wb_draft& draft_of(wb_draft* d) {
  if (!d) invalid_argument("draft is NULL");
  return *d;
}

Lang lang_of(const wb_draft* d) { return d ? d->profile->lang() : Lang::ZhCN; }
Lang lang_of(const wb_profile* p) { return p ? p->core->lang() : Lang::ZhCN; }

wb_draft* open_handle(const std::shared_ptr<ProfileCore>& core, const std::string& id) {
  auto d = std::make_unique<wb_draft>();
  d->profile = core;
  d->id = id;
  ensure_current(*core, *d);
  return d.release();
}

// An edit on the draft, saved before returning.
template <typename Edit>
bool edit(wb_draft* draft, wb_error* error, Edit&& e) {
  return guard(error, lang_of(draft), false, [&] {
    auto& d = draft_of(draft);
    Op op(*d.profile);
    ensure_current(*d.profile, d);
    e(d);
    return true;
  });
}

}  // namespace
}  // namespace wb::sdk

using namespace wb;
using namespace wb::sdk;
using nlohmann::json;

extern "C" {

wb_draft* wb_draft_create(wb_profile* profile, const char* item_id, wb_error* error) {
  return guard<wb_draft*>(error, lang_of(profile), nullptr, [&]() -> wb_draft* {
    if (!profile || !item_id) invalid_argument("profile and item_id are required");
    auto keep = hold_core(profile);
    auto& p = *keep;
    std::string id;
    {
      Op op(p);
      auto model = p.model(item_id, std::nullopt);
      session::Draft draft(model, json::object(), {today(p)});  // computed values and defaults from the start
      id = p.store->create_draft(model->form(), draft.data());
      auto view = draft.view();
      p.store->save_draft(id, draft.data(), view.completeness(), static_cast<int>(view.error_count));
    }
    Op op(p);
    return open_handle(keep, id);
  });
}

wb_draft* wb_draft_open(wb_profile* profile, const char* draft_id, wb_error* error) {
  return guard<wb_draft*>(error, lang_of(profile), nullptr, [&]() -> wb_draft* {
    if (!profile || !draft_id) invalid_argument("profile and draft_id are required");
    auto keep = hold_core(profile);
    Op op(*keep);
    return open_handle(keep, draft_id);
  });
}

void wb_draft_free(wb_draft* draft) {
  if (!draft) return;
  auto profile = draft->profile;  // the profile outlives the draft's members
  {
    std::lock_guard<std::mutex> l(profile->mu);
    draft->draft.reset();
  }
  delete draft;
}

const char* wb_draft_id(const wb_draft* draft) { return draft ? draft->id.c_str() : ""; }

bool wb_draft_set(wb_draft* draft, const char* pointer, const char* value_json, wb_error* error) {
  return edit(draft, error, [&](wb_draft& d) {
    std::string where = pointer_arg(pointer);
    d.draft->set(where, parse_json_arg(value_json, "value_json"));
  });
}

bool wb_draft_clear(wb_draft* draft, const char* pointer, wb_error* error) {
  return edit(draft, error, [&](wb_draft& d) { d.draft->clear(pointer_arg(pointer)); });
}

char* wb_draft_get(wb_draft* draft, const char* pointer, wb_error* error) {
  return guard<char*>(error, lang_of(draft), nullptr, [&] {
    auto& d = draft_of(draft);
    auto tokens = split_pointer(pointer_arg(pointer));
    Op op(*d.profile);
    ensure_current(*d.profile, d);
    const json* v = session::find_at(d.draft->draft().data(), *tokens);
    return dup_string(v ? v->dump() : "null");
  });
}

bool wb_draft_add_row(wb_draft* draft, const char* array_pointer, const char* row_json, size_t* index_out, wb_error* error) {
  return edit(draft, error, [&](wb_draft& d) {
    std::string where = pointer_arg(array_pointer);
    json row = row_json ? parse_json_arg(row_json, "row_json") : json::object();
    size_t index = d.draft->add_row(where, std::move(row));
    if (index_out) *index_out = index;
  });
}

bool wb_draft_remove_row(wb_draft* draft, const char* array_pointer, size_t index, wb_error* error) {
  return edit(draft, error, [&](wb_draft& d) { d.draft->remove_row(pointer_arg(array_pointer), index); });
}

bool wb_draft_move_row(wb_draft* draft, const char* array_pointer, size_t from, size_t to, wb_error* error) {
  return edit(draft, error, [&](wb_draft& d) { d.draft->move_row(pointer_arg(array_pointer), from, to); });
}

char* wb_draft_view(wb_draft* draft, wb_error* error) {
  return guard<char*>(error, lang_of(draft), nullptr, [&] {
    auto& d = draft_of(draft);
    Op op(*d.profile);
    ensure_current(*d.profile, d);
    return dup_string(view_json(*d.profile, d).dump());
  });
}

char* wb_draft_validate(wb_draft* draft, wb_error* error) {
  return guard<char*>(error, lang_of(draft), nullptr, [&] {
    auto& d = draft_of(draft);
    Op op(*d.profile);
    ensure_current(*d.profile, d);
    return dup_string(errors_json(d.draft->draft().errors(), d.profile->lang()).dump());
  });
}

char* wb_draft_attach(wb_draft* draft, const char* pointer, const uint8_t* bytes, size_t size, const char* name,
                      const char* media_type, wb_error* error) {
  return guard<char*>(error, lang_of(draft), nullptr, [&] {
    auto& d = draft_of(draft);
    std::string where = pointer_arg(pointer);
    if (!bytes && size > 0) invalid_argument("bytes is NULL");
    if (!name || !*name || !media_type || !*media_type) invalid_argument("name and media_type are required");
    auto& p = *d.profile;
    Op op(p);
    ensure_current(p, d);
    auto location = *split_pointer(where);
    std::optional<size_t> row;
    const session::ModelField* mf = d.model->field_at(location, &row);
    if (!mf || mf->field->widget != form::Widget::File || location.size() != mf->pattern.size())
      throw Error(ErrorCode::StoreNotAttachmentField, {{"pointer", where}}, where);
    const form::Material* material = d.model->form().guide.find_material(mf->field->material);
    std::string_view content(reinterpret_cast<const char*>(bytes), bytes ? size : 0);
    auto ref = p.store->put_attachment(d.id, where, content, name, media_type, material);
    // A list of files when the schema says so, one file otherwise.
    form::SchemaPaths paths(d.model->form().schema);
    bool list = form::SchemaPaths::types_of(paths.resolve(mf->pattern)).count("array") > 0;
    if (list) {
      const json* current = session::find_at(d.draft->draft().data(), location);
      json all = current && current->is_array() ? *current : json::array();
      all.push_back(ref.to_json());
      d.draft->set(where, std::move(all));
    } else {
      d.draft->set(where, ref.to_json());
    }
    return dup_string(ref.to_json().dump());
  });
}

bool wb_draft_submit(wb_draft* draft, int64_t* outbox_id, wb_error* error) {
  return guard(error, lang_of(draft), false, [&] {
    auto& d = draft_of(draft);
    auto& p = *d.profile;
    Op op(p);
    ensure_current(p, d);
    auto result = store::submit_draft(*p.store, d.id, d.model, today(p));
    if (!result.item) throw Error(ErrorCode::StoreIncomplete, {{"count", std::to_string(result.errors.size())}});
    if (outbox_id) *outbox_id = result.item->id;
    d.draft.reset();  // the draft is in the outbox now
    return true;
  });
}

char* wb_draft_list(wb_profile* profile, wb_error* error) {
  return guard<char*>(error, lang_of(profile), nullptr, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    Op op(p);
    json out = json::array();
    for (const auto& d : p.store->drafts())
      out.push_back({{"id", d.id}, {"item", d.item_id}, {"version", d.form_version}, {"title", d.title.to_json()},
                     {"createdAt", d.created_at}, {"updatedAt", d.updated_at}, {"completeness", d.completeness},
                     {"errorCount", d.error_count}});
    return dup_string(out.dump());
  });
}

bool wb_draft_delete(wb_profile* profile, const char* draft_id, wb_error* error) {
  return guard(error, lang_of(profile), false, [&] {
    if (!profile || !draft_id) invalid_argument("profile and draft_id are required");
    auto keep = hold_core(profile);
    auto& p = *keep;
    Op op(p);
    if (!p.store->draft(draft_id)) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", draft_id}});
    p.store->delete_draft(draft_id);
    return true;
  });
}

}  // extern "C"
