#include "wasm/bindings/draft_handle.hpp"

#include "core/form/schema_paths.hpp"
#include "core/session/data_paths.hpp"
#include "wasm/bindings/json_views.hpp"

namespace wb::wasm {

using nlohmann::json;

namespace {

json parse_value(const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw Error(ErrorCode::InvalidArgument, {{"detail", "the value is not JSON"}});
  return j;
}

}  // namespace

DraftHandle::DraftHandle(ProfileHandle& profile, std::string draft_id) : profile_(profile), id_(std::move(draft_id)) {}

void DraftHandle::reload() {
  draft_.reset();
  auto record = profile_.store().draft(id_);
  if (!record) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", id_}});
  model_ = profile_.model_for(record->item_id, record->form_version);
  draft_ = std::make_unique<session::Draft>(model_, record->data, session::Draft::Options{china_today(profile_.clock())});
  // Opened for the first time: the client's first view() is of this state, so the first edit reports changes from
  // it. Reloaded (the profile was reopened or rolled back): the next edit describes the whole view again.
  if (generation_ == -1) draft_->view_changes();
  generation_ = profile_.generation();
}

session::Draft& DraftHandle::draft() {
  if (!draft_ || generation_ != profile_.generation()) reload();
  return *draft_;
}

template <typename Edit>
json DraftHandle::edit(Edit&& e) {
  auto& d = draft();
  e(d);
  auto changes = d.view_changes();
  try {
    profile_.store().save_draft(id_, d.data(), changes.completeness(), static_cast<int>(changes.error_count));
  } catch (...) {
    reload();  // back to what is stored: the person must never see an edit that was not saved
    throw;
  }
  json out = view_changes_json(changes);
  out["locations"] = d.last_changes();
  return out;
}

std::string DraftHandle::open() {
  return envelope([&]() -> json {
    draft();
    const auto& f = model_->form();
    auto migration = profile_.store().draft_migration_report(id_);
    return {{"id", id_},
            {"itemId", f.id},
            {"formVersion", f.version},
            {"title", {{"zh-CN", f.title.zh}, {"en", f.title.en.empty() ? f.title.zh : f.title.en}}},
            {"migration", migration ? *migration : json(nullptr)}};
  });
}

std::string DraftHandle::view() {
  return envelope([&]() -> json { return view_json(draft().view()); });
}

std::string DraftHandle::layout() {
  return envelope([&]() -> json {
    draft();
    return layout_json(model_->form());
  });
}

std::string DraftHandle::data() {
  return envelope([&]() -> json {
    const auto& d = draft();
    return {{"data", d.data()}, {"submission", d.submission()}};
  });
}

std::string DraftHandle::set(const std::string& pointer, const std::string& value_json) {
  return envelope([&]() -> json {
    json value = parse_value(value_json);
    return edit([&](session::Draft& d) { d.set(pointer, std::move(value)); });
  });
}

std::string DraftHandle::clear(const std::string& pointer) {
  return envelope([&]() -> json { return edit([&](session::Draft& d) { d.clear(pointer); }); });
}

std::string DraftHandle::add_row(const std::string& array_pointer, const std::string& row_json) {
  return envelope([&]() -> json {
    json row = row_json.empty() ? json::object() : parse_value(row_json);
    size_t index = 0;
    json out = edit([&](session::Draft& d) { index = d.add_row(array_pointer, std::move(row)); });
    out["row"] = index;
    return out;
  });
}

std::string DraftHandle::remove_row(const std::string& array_pointer, int index) {
  return envelope([&]() -> json {
    if (index < 0) throw Error(ErrorCode::InvalidArgument, {{"detail", "row index must not be negative"}});
    return edit([&](session::Draft& d) { d.remove_row(array_pointer, static_cast<size_t>(index)); });
  });
}

std::string DraftHandle::move_row(const std::string& array_pointer, int from, int to) {
  return envelope([&]() -> json {
    if (from < 0 || to < 0) throw Error(ErrorCode::InvalidArgument, {{"detail", "row index must not be negative"}});
    return edit([&](session::Draft& d) { d.move_row(array_pointer, static_cast<size_t>(from), static_cast<size_t>(to)); });
  });
}

std::string DraftHandle::attach(const std::string& pointer, const std::string& bytes, const std::string& name,
                                const std::string& media_type) {
  return envelope([&]() -> json {
    auto& d = draft();
    auto location = session::parse_path(pointer);
    std::optional<size_t> row;
    const session::ModelField* mf = model_->field_at(location, &row);
    if (!mf || mf->field->widget != form::Widget::File || location.size() != mf->pattern.size())
      throw Error(ErrorCode::StoreNotAttachmentField, {{"pointer", pointer}});
    const form::Material* material = model_->form().guide.find_material(mf->field->material);
    auto ref = profile_.store().put_attachment(id_, pointer, bytes, name, media_type, material);
    // A list of files when the schema says so, one file otherwise (as the CLI does).
    const json* current = session::find_at(d.data(), location);
    form::SchemaPaths paths(model_->form().schema);
    bool list = form::SchemaPaths::types_of(paths.resolve(mf->pattern)).count("array") > 0;
    json value = ref.to_json();
    if (list) {
      value = current && current->is_array() ? *current : json::array();
      value.push_back(ref.to_json());
    }
    json out = edit([&](session::Draft& dd) { dd.set(pointer, std::move(value)); });
    out["attachment"] = ref.to_json();
    return out;
  });
}

}  // namespace wb::wasm
