// The form screen: a draft drawn block by block from the form view (examples/desktop/model/form_view.hpp), every
// widget type of the format, repeat groups, attachments picked from disk through a small file browser.

#include <algorithm>
#include <filesystem>

#include <imgui.h>

#include "examples/desktop/model/strings.hpp"
#include "examples/desktop/ui/widgets.hpp"

namespace wb::desktop {
namespace {

namespace fs = std::filesystem;

constexpr float kLabelWidth = 250;

std::string t(UiState& ui, T id) { return text(id, ui.lang()); }

// The buffer of a text input: what the person is typing while the input is active, the draft's value otherwise.
std::string& buffer(UiState& ui, const std::string& location, const std::string& value) {
  auto it = ui.buffers.find(location);
  if (it == ui.buffers.end()) it = ui.buffers.emplace(location, value).first;
  return it->second;
}

void note_refusal(UiState& ui, const std::string& why) {
  if (!why.empty()) {
    ui.edit_message = why;
    ui.model.glyphs().add_text(why);
  }
}

// A text input bound to a location: every change is committed (live validation and computed values), and leaving
// the field marks it as visited (its errors show from then on).
void text_input(UiState& ui, const std::string& location, const std::string& value, const std::string& hint,
                ImGuiInputTextFlags flags, float width, bool multiline = false) {
  FormView* f = ui.model.form();
  std::string& buf = buffer(ui, location, value);
  std::string id = "##field" + location;
  ImGui::SetNextItemWidth(width);
  bool changed = multiline ? ImGui::InputTextMultiline(id.c_str(), &buf, ImVec2(width, ImGui::GetTextLineHeight() * 4), flags)
                           : ImGui::InputTextWithHint(id.c_str(), hint.c_str(), &buf, flags);
  probe_item(ui, "field" + location);
  if (ImGui::IsItemActive()) ui.active_input = location;
  if (changed) {
    ui.model.glyphs().add_text(buf);
    note_refusal(ui, f->commit_text(location, buf, false));
  }
  if (ImGui::IsItemDeactivated()) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) ui.left_by_click.emplace_back(location, buf);
    else note_refusal(ui, f->commit_text(location, buf, true));
    if (ui.active_input == location) ui.active_input.clear();
  }
}

ImGuiInputTextFlags flags_for(form::Widget w) {
  switch (w) {
    case form::Widget::ResidentId:
    case form::Widget::Uscc: return ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_CharsUppercase;
    case form::Widget::Mobile:
    case form::Widget::Postcode: return ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_CharsNoBlank;
    case form::Widget::Number:
    case form::Widget::Money: return ImGuiInputTextFlags_CharsScientific;
    case form::Widget::Email:
    case form::Widget::Date: return ImGuiInputTextFlags_CharsNoBlank;
    default: return ImGuiInputTextFlags_None;
  }
}

void draw_field(UiState& ui, const FieldBlock& b) {
  FormView* f = ui.model.form();
  ImGui::PushID(b.location.c_str());
  float x0 = ImGui::GetCursorPosX();
  // The label column.
  if (b.widget != form::Widget::Checkbox) {
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(x0 + kLabelWidth - 12);
    if (b.required) {
      ImGui::TextColored(kErrorColor, "*");
      ImGui::SameLine(0, 2);
    }
    ImGui::TextWrapped("%s", b.label.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine(x0 + kLabelWidth);
  } else {
    ImGui::SetCursorPosX(x0 + kLabelWidth);
  }
  float width = std::max(200.0f, ImGui::GetContentRegionAvail().x - 10);
  float input_x = ImGui::GetCursorPosX();
  ImGui::BeginGroup();
  if (b.read_only && b.widget != form::Widget::File) {
    std::string shown = b.text.empty() ? t(ui, T::NotFilled) : b.text;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(shown.c_str());
    probe_item(ui, "field" + b.location);
    if (b.computed) {
      ImGui::SameLine();
      ImGui::TextDisabled("(%s)", t(ui, T::Computed).c_str());
    }
  } else {
    switch (b.widget) {
      case form::Widget::Static: {
        ImGui::AlignTextToFramePadding();
        ImGui::TextWrapped("%s", b.text.empty() ? "—" : b.text.c_str());
        probe_item(ui, "field" + b.location);
        break;
      }
      case form::Widget::Textarea:
        text_input(ui, b.location, b.text, b.placeholder, ImGuiInputTextFlags_None, std::min(width, 640.0f), true);
        break;
      case form::Widget::Checkbox: {
        bool v = b.checked;
        if (ImGui::Checkbox("##check", &v)) note_refusal(ui, f->set_checked(b.location, v));
        probe_item(ui, "field" + b.location);
        ImGui::SameLine();
        ImGui::PushTextWrapPos(input_x + std::min(width, 640.0f));
        if (b.required) {
          ImGui::TextColored(kErrorColor, "*");
          ImGui::SameLine(0, 2);
        }
        ImGui::TextWrapped("%s", b.label.c_str());
        ImGui::PopTextWrapPos();
        break;
      }
      case form::Widget::Select: {
        ImGui::SetNextItemWidth(std::min(width, 320.0f));
        std::string preview = b.text.empty() ? t(ui, T::ChooseOption) : b.text;
        bool open = ImGui::BeginCombo("##select", preview.c_str());
        probe_item(ui, "field" + b.location);
        if (open) {
          for (size_t i = 0; i < b.options.size(); ++i) {
            std::string key = "option" + b.location + "=" + std::to_string(i);
            bool chosen = ImGui::Selectable(widget_id(b.options[i].label, key).c_str(), b.options[i].selected);
            probe_item(ui, key);
            if (chosen) note_refusal(ui, f->choose(b.location, i));
          }
          ImGui::EndCombo();
        }
        break;
      }
      case form::Widget::Radio: {
        for (size_t i = 0; i < b.options.size(); ++i) {
          std::string key = "option" + b.location + "=" + std::to_string(i);
          if (i > 0) ImGui::SameLine(0, 18);
          if (ImGui::RadioButton(widget_id(b.options[i].label, key).c_str(), b.options[i].selected))
            note_refusal(ui, f->choose(b.location, i));
          probe_item(ui, key);
        }
        break;
      }
      case form::Widget::Multiselect: {
        for (size_t i = 0; i < b.options.size(); ++i) {
          std::string key = "option" + b.location + "=" + std::to_string(i);
          bool on = b.options[i].selected;
          if (i > 0 && i % 3 != 0) ImGui::SameLine(0, 18);
          if (ImGui::Checkbox(widget_id(b.options[i].label, key).c_str(), &on)) note_refusal(ui, f->toggle(b.location, i, on));
          probe_item(ui, key);
        }
        break;
      }
      case form::Widget::File: {
        for (size_t i = 0; i < b.files.size(); ++i) {
          ImGui::AlignTextToFramePadding();
          ImGui::TextColored(kOkColor, "✔");
          ImGui::SameLine();
          ImGui::Text("%s  (%s)", b.files[i].name.c_str(), format_size(b.files[i].size).c_str());
          probe_item(ui, "file" + b.location + "/" + std::to_string(i));
          ImGui::SameLine();
          if (small_button(ui, t(ui, T::RemoveFile), "file" + b.location + "/" + std::to_string(i) + "/remove"))
            note_refusal(ui, f->remove_file(b.location, i));
        }
        if ((b.files.empty() || b.multiple_files) && button(ui, t(ui, T::ChooseFile), "attach" + b.location)) {
          ui.picker.open = true;
          ui.picker.location = b.location;
          ui.picker.error.clear();
          if (ui.picker.dir.empty()) {
            std::error_code ec;
            ui.picker.dir = fs::current_path(ec);
          }
          ui.picker.entries.clear();
        }
        if (!b.material_note.empty()) {
          if (!b.files.empty() && !b.multiple_files) ImGui::SameLine();
          ImGui::TextDisabled("%s", b.material_note.c_str());
        }
        break;
      }
      default: {
        if (!b.address.empty()) {
          float part = std::min(width, 640.0f);
          for (size_t i = 0; i < b.address.size(); ++i) {
            const auto& a = b.address[i];
            if (i > 0 && i < 3) ImGui::SameLine();
            float w = i < 3 ? (part - 2 * ImGui::GetStyle().ItemSpacing.x) / 3 : part;
            text_input(ui, a.location, a.text, a.label, ImGuiInputTextFlags_None, w);
          }
          break;
        }
        std::string hint = b.placeholder;
        if (hint.empty() && b.widget == form::Widget::Date) hint = "YYYY-MM-DD";
        float w = b.widget == form::Widget::Text || b.widget == form::Widget::Address ? std::min(width, 640.0f) : std::min(width, 320.0f);
        text_input(ui, b.location, b.text, hint, flags_for(b.widget), w);
        break;
      }
    }
  }
  if (!b.help.empty()) ImGui::TextDisabled("%s", b.help.c_str());
  for (const auto& e : b.errors) {
    ImGui::PushTextWrapPos(input_x + std::min(width, 640.0f));
    ImGui::TextColored(kErrorColor, "✖ %s", e.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndGroup();
  ImGui::PopID();
  ImGui::Spacing();
}

}  // namespace

void draw_form(UiState& ui) {
  AppModel& m = ui.model;
  FormView* f = m.form();
  Lang lang = ui.lang();
  if (f->revision() != ui.buffers_revision) {
    // The draft changed (this edit, a computed value, a row added or removed): inputs not being typed into show
    // the draft's values again.
    for (auto it = ui.buffers.begin(); it != ui.buffers.end();)
      it = it->first == ui.active_input ? std::next(it) : ui.buffers.erase(it);
    ui.buffers_revision = f->revision();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, kHeadColor);
  ImGui::TextWrapped("%s", f->form().title.get(lang).c_str());
  ImGui::PopStyleColor();
  int percent = static_cast<int>(f->completeness() * 100 + 0.5);
  ImGui::ProgressBar(static_cast<float>(f->completeness()), ImVec2(240, 0), text(T::Completeness, lang, {{"p", std::to_string(percent)}}).c_str());
  ImGui::SameLine();
  if (f->problem_count() == 0) ImGui::TextColored(kOkColor, "%s", t(ui, T::ReadyToSubmit).c_str());
  else ImGui::TextColored(kWarnColor, "%s", text(T::ProblemsLeft, lang, {{"n", std::to_string(f->problem_count())}}).c_str());
  probe_item(ui, "form.status");
  ImGui::SameLine(0, 24);
  ImGui::TextDisabled("%s", t(ui, T::Autosaved).c_str());
  if (button(ui, t(ui, T::Submit), "form.submit")) {
    ui.edit_message.clear();
    m.submit();
    ui.left_by_click.clear();
    ui.buffers.clear();
    ui.active_input.clear();
    return;  // the form is gone when it was queued
  }
  ImGui::SameLine();
  if (button(ui, t(ui, T::Back), "form.back")) {
    m.close_form();
    ui.left_by_click.clear();
    ui.buffers.clear();
    ui.active_input.clear();
    return;
  }
  if (!ui.edit_message.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(kErrorColor, "%s", ui.edit_message.c_str());
  }
  for (const auto& e : f->form_errors()) text_colored_wrapped(kErrorColor, "✖ " + e);
  ImGui::Separator();

  ImGui::BeginChild("form.body", ImVec2(0, 0), false);
  std::string add_section, remove_section;
  size_t remove_row = 0;
  // A copy: an edit made while drawing rebuilds the view's blocks; this frame finishes with the layout it began.
  const std::vector<Block> blocks = f->blocks();
  for (const auto& b : blocks) {
    switch (b.kind) {
      case BlockKind::Page:
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, kHeadColor);
        ImGui::TextUnformatted(b.title.c_str());
        ImGui::PopStyleColor();
        ImGui::Separator();
        break;
      case BlockKind::Section:
        ImGui::Spacing();
        ImGui::Bullet();
        ImGui::TextColored(kMutedColor, "%s", b.title.c_str());
        if (!b.help.empty()) ImGui::TextDisabled("%s", b.help.c_str());
        for (const auto& e : b.errors) ImGui::TextColored(kErrorColor, "✖ %s", e.c_str());
        break;
      case BlockKind::Row:
        ImGui::Indent(12);
        ImGui::TextColored(kMutedColor, "%s", b.title.c_str());
        if (b.enabled) {  // not below the group's minimum
          ImGui::SameLine();
          if (small_button(ui, t(ui, T::RemoveRow), "row" + b.array + "/" + std::to_string(b.row) + "/remove")) {
            remove_section = b.section_id;
            remove_row = b.row;
          }
        }
        ImGui::Unindent(12);
        break;
      case BlockKind::AddRow:
        if (button(ui, "+ " + b.title, "addrow/" + b.section_id, b.enabled)) add_section = b.section_id;
        break;
      case BlockKind::Field:
        draw_field(ui, b.field);
        break;
    }
  }
  ImGui::Dummy(ImVec2(0, 40));
  ImGui::EndChild();
  if (!add_section.empty()) note_refusal(ui, f->add_row(add_section));
  if (!remove_section.empty()) note_refusal(ui, f->remove_row(remove_section, remove_row));
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    for (const auto& [location, text] : ui.left_by_click) note_refusal(ui, f->commit_text(location, text, true));
    ui.left_by_click.clear();
  }
}

void draw_file_picker(UiState& ui) {
  FilePicker& p = ui.picker;
  const char* id = "file-picker";
  if (p.open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  ImGui::SetNextWindowSize(ImVec2(640, 460));
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) return;
  heading(t(ui, T::PickerTitle));
  if (p.entries.empty()) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(p.dir, fs::directory_options::skip_permission_denied, ec)) {
      std::string name = e.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::error_code ec2;
      p.entries.emplace_back(name, e.is_directory(ec2));
    }
    std::sort(p.entries.begin(), p.entries.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second : a.first < b.first;
    });
    for (const auto& e : p.entries) ui.model.glyphs().add_text(e.first);
    ui.model.glyphs().add_text(p.dir.string());
  }
  ImGui::TextDisabled("%s", p.dir.string().c_str());
  if (small_button(ui, t(ui, T::PickerUp), "picker.up") && p.dir.has_parent_path()) {
    p.dir = p.dir.parent_path();
    p.entries.clear();
  }
  ImGui::BeginChild("picker.list", ImVec2(0, 280), true);
  fs::path enter;
  for (const auto& [name, is_dir] : p.entries) {
    std::string key = "picker/" + name;
    std::string label = (is_dir ? "▶ " : "  ") + name + (is_dir ? "/" : "");
    bool chosen = ImGui::Selectable(widget_id(label, key).c_str(), !is_dir && p.path == (p.dir / name).string());
    probe_item(ui, key);
    if (chosen) {
      if (is_dir) enter = p.dir / name;
      else p.path = (p.dir / name).string();
    }
  }
  ImGui::EndChild();
  if (!enter.empty()) {
    p.dir = enter;
    p.entries.clear();
  }
  ImGui::TextUnformatted(t(ui, T::PickerPath).c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##picker.path", &p.path)) ui.model.glyphs().add_text(p.path);
  probe_item(ui, "picker.path");
  if (!p.error.empty()) text_colored_wrapped(kErrorColor, p.error);
  if (button(ui, t(ui, T::PickerChoose), "picker.ok", !p.path.empty())) {
    p.error = ui.model.form() ? ui.model.form()->attach(p.location, p.path) : "";
    ui.model.glyphs().add_text(p.error);
    if (p.error.empty()) {
      p.dir = fs::path(p.path).parent_path();
      p.entries.clear();
      p.path.clear();
      p.open = false;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::SameLine();
  if (button(ui, t(ui, T::Cancel), "picker.cancel")) {
    p.open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace wb::desktop
