#include "examples/desktop/model/form_view.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/form/schema_paths.hpp"
#include "core/store/submit.hpp"
#include "examples/desktop/model/catalog_view.hpp"
#include "examples/desktop/model/strings.hpp"
#include "native/platform/files.hpp"
#include "native/platform/media_types.hpp"

namespace wb::desktop {
namespace {

using nlohmann::json;
constexpr size_t kNoRow = static_cast<size_t>(-1);

std::string value_text(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return "";
  return v.dump();
}

bool is_attachment(const json& j) { return j.is_object() && j.contains("sha256") && j.contains("name"); }

std::string trim(const std::string& s) {
  auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  auto b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

std::optional<json> as_number(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789.-+eE") != std::string::npos) return std::nullopt;
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_number()) return std::nullopt;
  return j;
}

std::string upper_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

}  // namespace

FormView::FormView(store::ProfileStore& store, std::string draft_id, session::ModelPtr model,
                   std::optional<logic::Date> today, Lang lang)
    : store_(store), model_(model), draft_(store, std::move(draft_id), model, today), today_(today), lang_(lang) {
  form::SchemaPaths paths(model_->form().schema);
  for (const auto& mf : model_->fields()) {
    FieldMeta m;
    m.types = form::SchemaPaths::types_of(paths.resolve(mf.pattern));
    m.address_object = mf.field->widget == form::Widget::Address && m.types.count("object") > 0;
    metas_.push_back(std::move(m));
  }
  rebuild();
}

const FormView::FieldMeta& FormView::meta_of(const session::ModelField& mf) const {
  return metas_[static_cast<size_t>(&mf - model_->fields().data())];
}

const session::ModelField* FormView::field_for(const std::string& location, std::string* sub_key) const {
  session::Path loc = session::parse_path(location);
  const session::ModelField* mf = model_->field_at(loc);
  if (!mf) return nullptr;
  sub_key->clear();
  if (loc.size() == mf->pattern.size() + 1) *sub_key = loc.back();
  else if (loc.size() != mf->pattern.size()) return nullptr;
  return mf;
}

std::string FormView::apply(const std::function<void()>& edit, const std::string& touched_location) {
  std::string refused;
  try {
    edit();
  } catch (const Error& e) {
    refused = e.diagnostic().message(lang_);
  }
  if (!touched_location.empty()) touched_.insert(touched_location);
  rebuild();
  return refused;
}

std::string FormView::commit_text(const std::string& location, const std::string& typed, bool done) {
  std::string sub;
  const session::ModelField* mf = field_for(location, &sub);
  if (!mf) return Diagnostic{ErrorCode::FillBadLocation, "", {{"pointer", location}, {"detail_zh", "没有这个字段"}, {"detail", "no such field"}}}.message(lang_);
  std::string field_location = sub.empty() ? location : location.substr(0, location.size() - sub.size() - 1);
  std::string touch = done ? field_location : "";
  const json* current = session::find_at(draft().data(), session::parse_path(location));
  form::Widget w = mf->field->widget;
  std::string text = w == form::Widget::Text || w == form::Widget::Textarea || w == form::Widget::Address ? typed : trim(typed);
  if (w == form::Widget::ResidentId || w == form::Widget::Uscc) text = upper_ascii(text);
  auto unchanged = [&] {
    if (!touch.empty() && touched_.insert(touch).second) rebuild();
    return std::string();
  };
  if (text.empty()) {
    if (!current) return unchanged();
    return apply([&] { draft_.clear(location); }, touch);
  }
  json value = text;
  const auto& types = meta_of(*mf).types;
  bool numeric_schema = types.count("number") > 0 || types.count("integer") > 0;
  if (w == form::Widget::Number || (w == form::Widget::Money && numeric_schema)) {
    if (auto n = as_number(text)) value = *n;
  }
  if (current && *current == value) return unchanged();
  return apply([&] { draft_.set(location, value); }, touch);
}

std::string FormView::set_checked(const std::string& location, bool checked) {
  return apply([&] { draft_.set(location, checked); }, location);
}

std::string FormView::choose(const std::string& location, size_t option) {
  std::string sub;
  const session::ModelField* mf = field_for(location, &sub);
  if (!mf || !sub.empty()) return "";
  std::vector<json> values;
  for (const auto& b : blocks_)
    if (b.kind == BlockKind::Field && b.field.location == location)
      for (const auto& o : b.field.options) values.push_back(o.value);
  if (option >= values.size()) return "";
  return apply([&] { draft_.set(location, values[option]); }, location);
}

std::string FormView::toggle(const std::string& location, size_t option, bool on) {
  std::vector<json> values;
  for (const auto& b : blocks_)
    if (b.kind == BlockKind::Field && b.field.location == location)
      for (const auto& o : b.field.options) values.push_back(o.value);
  if (option >= values.size()) return "";
  const json* current = session::find_at(draft().data(), session::parse_path(location));
  json chosen = json::array();
  // Kept in the order of the options, so the same choices always make the same value.
  for (size_t i = 0; i < values.size(); ++i) {
    bool was = current && current->is_array() && std::find(current->begin(), current->end(), values[i]) != current->end();
    if (i == option ? on : was) chosen.push_back(values[i]);
  }
  if (chosen.empty()) return apply([&] { draft_.clear(location); }, location);
  return apply([&] { draft_.set(location, chosen); }, location);
}

std::string FormView::attach(const std::string& location, const std::string& path) {
  std::string sub;
  const session::ModelField* mf = field_for(location, &sub);
  if (!mf || !sub.empty() || mf->field->widget != form::Widget::File)
    return Diagnostic{ErrorCode::StoreNotAttachmentField, "", {{"pointer", location}}}.message(lang_);
  std::string error;
  auto bytes = native::read_file(path, error);
  if (!bytes) return text(T::PickerNotAFile, lang_, {{"path", path}});
  std::string name = std::filesystem::path(path).filename().string();
  const form::Material* material = model_->form().guide.find_material(mf->field->material);
  return apply(
      [&] {
        auto ref = store_.put_attachment(draft_id(), location, *bytes, name, native::media_type_of(name), material);
        if (meta_of(*mf).types.count("array")) {
          const json* current = session::find_at(draft().data(), session::parse_path(location));
          json list = current && current->is_array() ? *current : json::array();
          list.push_back(ref.to_json());
          draft_.set(location, list);
        } else {
          draft_.set(location, ref.to_json());
        }
      },
      location);
}

std::string FormView::remove_file(const std::string& location, size_t index) {
  const json* current = session::find_at(draft().data(), session::parse_path(location));
  if (!current) return "";
  if (current->is_array()) {
    if (index >= current->size()) return "";
    json list = *current;
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(index));
    if (list.empty()) return apply([&] { draft_.clear(location); }, location);
    return apply([&] { draft_.set(location, list); }, location);
  }
  return apply([&] { draft_.clear(location); }, location);
}

std::string FormView::add_row(const std::string& section_id) {
  const form::Section* s = form().find_section(section_id);
  if (!s || !s->repeat) return "";
  return apply([&] { draft_.add_row(s->repeat->bind); }, s->repeat->bind);
}

std::string FormView::remove_row(const std::string& section_id, size_t row) {
  const form::Section* s = form().find_section(section_id);
  if (!s || !s->repeat) return "";
  return apply([&] { draft_.remove_row(s->repeat->bind, row); }, s->repeat->bind);
}

SubmitOutcome FormView::submit() {
  auto result = store::submit_draft(store_, draft_id(), model_, today_);
  SubmitOutcome out;
  if (result.item) {
    out.outbox_id = result.item->id;
    return out;
  }
  show_all_ = true;
  rebuild();
  // What is wrong, as the person sees it on the form: each field's problems under its label, then the sections'
  // and the form's.
  const char* colon = lang_ == Lang::En ? ": " : "：";
  for (const auto& b : blocks_) {
    for (const auto& e : b.errors) out.errors.push_back(b.title + colon + e);
    if (b.kind == BlockKind::Field)
      for (const auto& e : b.field.errors) out.errors.push_back(b.field.label + colon + e);
  }
  for (const auto& e : form_errors_) out.errors.push_back(e);
  // Anything the store refused beyond the draft's own checks (an attachment missing from the store).
  for (const auto& e : result.errors)
    if (e.keyword == "attachment") out.errors.push_back(e.message(lang_));
  return out;
}

std::vector<std::string> FormView::shown_errors(const session::FieldState& s) const {
  std::vector<std::string> out;
  if (!show_all_ && !touched_.count(s.location)) return out;
  for (const auto& e : s.errors) out.push_back(e.message(lang_));
  // A required field inside an object that does not exist yet has no error of its own (the schema's complaint is
  // about the missing object): say here what the person has to do.
  if (out.empty() && s.required && session::is_empty_value(&s.value))
    out.emplace_back(error_template(ErrorCode::ValidateRequired, lang_));
  return out;
}

FieldBlock FormView::field_block(const session::FieldState& s) const {
  const form::Field& f = *s.field;
  const session::ModelField* mf = model_->field_by_id(f.id);
  const FieldMeta& meta = meta_of(*mf);
  FieldBlock b;
  b.id = f.id;
  b.location = s.location;
  b.widget = f.widget;
  b.label = f.label.get(lang_);
  b.help = f.help.get(lang_);
  b.placeholder = f.placeholder.get(lang_);
  b.required = s.required;
  b.computed = mf->compute_rule.has_value();
  b.read_only = s.read_only || f.read_only || b.computed;
  b.text = value_text(s.value);
  b.checked = s.value.is_boolean() && s.value.get<bool>();
  b.errors = shown_errors(s);

  if (f.widget == form::Widget::Select || f.widget == form::Widget::Radio || f.widget == form::Widget::Multiselect) {
    if (!f.options.empty()) {
      for (const auto& o : f.options) b.options.push_back({o.label.get(lang_), o.value, false});
    } else {
      form::SchemaPaths paths(model_->form().schema);
      session::Path at = mf->pattern;
      if (f.widget == form::Widget::Multiselect) at.push_back("*");
      for (const auto& v : form::SchemaPaths::enum_of(paths.resolve(at))) b.options.push_back({value_text(v), v, false});
    }
    for (auto& o : b.options) {
      o.selected = f.widget == form::Widget::Multiselect
                       ? s.value.is_array() && std::find(s.value.begin(), s.value.end(), o.value) != s.value.end()
                       : s.value == o.value;
      if (o.selected && f.widget != form::Widget::Multiselect) b.text = o.label;
    }
  }
  if (f.widget == form::Widget::File) {
    b.multiple_files = meta.types.count("array") > 0;
    auto add = [&](const json& a) {
      if (is_attachment(a)) b.files.push_back({a.value("name", ""), a.value("size", std::int64_t{0}), a.value("mediaType", "")});
    };
    if (s.value.is_array())
      for (const auto& a : s.value) add(a);
    else
      add(s.value);
    if (const form::Material* m = model_->form().guide.find_material(f.material)) {
      std::string types;
      for (const auto& t : m->accepted_types) types += (types.empty() ? "" : ", ") + t;
      b.material_note = text(T::MaterialTypes, lang_, {{"types", types}, {"size", format_size(m->max_size_bytes)}});
    }
  }
  if (meta.address_object) {
    const std::pair<const char*, T> parts[] = {{"province", T::AddressProvince}, {"city", T::AddressCity},
                                               {"district", T::AddressDistrict}, {"detail", T::AddressDetail}};
    for (const auto& [key, label] : parts) {
      json part = s.value.is_object() ? s.value.value(key, json()) : json();
      b.address.push_back({key, text(label, lang_), s.location + "/" + key, value_text(part)});
    }
  }
  return b;
}

void FormView::rebuild() {
  auto view = draft().view();
  completeness_ = view.completeness();
  problems_ = view.error_count;
  std::map<std::pair<const form::Field*, size_t>, const session::FieldState*> fields;
  for (const auto& s : view.fields) fields[{s.field, s.row.value_or(kNoRow)}] = &s;
  std::map<const form::Section*, const session::SectionState*> sections;
  for (const auto& s : view.sections) sections[s.section] = &s;

  blocks_.clear();
  auto add_fields = [&](const form::Section& section, size_t row) {
    for (const auto& f : section.fields) {
      auto it = fields.find({&f, row});
      if (it == fields.end() || !it->second->visible) continue;
      Block b;
      b.kind = BlockKind::Field;
      b.section_id = section.id;
      b.row = row == kNoRow ? 0 : row;
      b.field = field_block(*it->second);
      blocks_.push_back(std::move(b));
    }
  };
  for (const auto& page : form().pages) {
    size_t page_at = blocks_.size();
    blocks_.push_back(Block{BlockKind::Page, page.title.get(lang_), "", "", "", 0, true, {}, {}});
    for (const auto& section : page.sections) {
      auto st = sections.find(&section);
      if (st == sections.end() || !st->second->visible) continue;
      const session::SectionState& ss = *st->second;
      Block head{BlockKind::Section, section.title.get(lang_), section.help.get(lang_), section.id, "", 0, true, {}, {}};
      bool touched = section.repeat && touched_.count(section.repeat->bind);
      // A section's "required" error is about its object missing altogether: its required fields say it instead.
      if (show_all_ || touched)
        for (const auto& e : ss.errors)
          if (e.code != ErrorCode::ValidateRequired) head.errors.push_back(e.message(lang_));
      blocks_.push_back(std::move(head));
      if (!section.repeat) {
        add_fields(section, kNoRow);
        continue;
      }
      for (size_t r = 0; r < ss.rows; ++r) {
        blocks_.push_back(Block{BlockKind::Row, text(T::RowN, lang_, {{"n", std::to_string(r + 1)}}), "", section.id,
                                section.repeat->bind, r, ss.rows > static_cast<size_t>(std::max(0, ss.min_rows.value_or(0))), {}, {}});
        add_fields(section, r);
      }
      std::string add_label = section.repeat->add_label.empty() ? text(T::AddRow, lang_) : section.repeat->add_label.get(lang_);
      blocks_.push_back(Block{BlockKind::AddRow, add_label, "", section.id, section.repeat->bind, ss.rows,
                              !ss.max_rows || ss.rows < static_cast<size_t>(std::max(0, *ss.max_rows)), {}, {}});
    }
    if (blocks_.size() == page_at + 1) blocks_.pop_back();  // every section of the page is hidden
  }
  form_errors_.clear();
  if (show_all_)
    for (const auto& e : view.form_errors) form_errors_.push_back(e.message(lang_));
  ++revision_;
}

std::vector<std::string> FormView::texts() const {
  std::vector<std::string> out{form().title.get(lang_)};
  for (const auto& b : blocks_) {
    out.push_back(b.title);
    out.push_back(b.help);
    for (const auto& e : b.errors) out.push_back(e);
    const auto& f = b.field;
    for (const auto* s : {&f.label, &f.help, &f.placeholder, &f.text, &f.material_note}) out.push_back(*s);
    for (const auto& o : f.options) out.push_back(o.label);
    for (const auto& x : f.files) out.push_back(x.name);
    for (const auto& a : f.address) {
      out.push_back(a.label);
      out.push_back(a.text);
    }
    for (const auto& e : f.errors) out.push_back(e);
  }
  for (const auto& e : form_errors_) out.push_back(e);
  return out;
}

}  // namespace wb::desktop
