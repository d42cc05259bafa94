// The window: the top bar (profile, navigation), the screens other than the form, the sync status bar, and the
// dialogs for a new profile and for signing in.

#include <imgui.h>

#include "examples/desktop/model/strings.hpp"
#include "examples/desktop/ui/widgets.hpp"

namespace wb::desktop {
namespace {

std::string t(UiState& ui, T id) { return text(id, ui.lang()); }
std::string t(UiState& ui, T id, const MessageArgs& args) { return text(id, ui.lang(), args); }

void draw_top_bar(UiState& ui) {
  AppModel& m = ui.model;
  ImGui::PushStyleColor(ImGuiCol_Text, kHeadColor);
  ImGui::TextUnformatted(t(ui, T::AppTitle).c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine(0, 24);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(t(ui, T::ActingFor).c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(300);
  const ProfileInfo* current = m.profile();
  std::string preview = current ? current->name + (current->kind == form::Audience::Enterprise ? "（" + t(ui, T::KindEnterprise) + "）" : "")
                                : t(ui, T::ChooseProfile);
  bool open = ImGui::BeginCombo("##profile.combo", preview.c_str());
  probe_item(ui, "profile.combo");
  if (open) {
    for (const auto& p : m.profiles()) {
      std::string label = p.name + "  (" + (p.kind == form::Audience::Enterprise ? t(ui, T::KindEnterprise) : t(ui, T::KindCitizen)) + ")";
      if (!p.problem.empty()) label += "  ✖";
      bool chosen = ImGui::Selectable(widget_id(label, "profile/" + p.id).c_str(), current && current->id == p.id);
      probe_item(ui, "profile/" + p.id);
      if (chosen) {
        std::string why = m.select_profile(p.id);
        if (!why.empty()) m.set_notice(why, true);
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (button(ui, t(ui, T::NewProfile), "profile.new")) {
    ui.new_profile_open = true;
    ui.new_profile_name.clear();
    ui.new_profile_error.clear();
    ui.new_profile_kind = 0;
  }
  ImGui::SameLine(0, 32);
  bool have = current != nullptr;
  auto nav = [&](T label, const char* key, Screen s, size_t count) {
    std::string text = t(ui, label) + (count ? " (" + std::to_string(count) + ")" : "");
    bool active = m.screen() == s;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (button(ui, text, key, have)) m.show(s);
    if (active) ImGui::PopStyleColor();
    ImGui::SameLine();
  };
  nav(T::NavCatalog, "nav.catalog", Screen::Catalog, 0);
  nav(T::NavDrafts, "nav.drafts", Screen::Drafts, m.drafts().size());
  nav(T::NavQueue, "nav.queue", Screen::Queue, m.queue().size());
  if (m.form()) {
    std::string title = m.form()->form().title.get(ui.lang());
    nav(T::Continue, "nav.form", Screen::Form, 0);
  }
  float right = ImGui::GetWindowContentRegionMax().x - 90;
  if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
  if (button(ui, t(ui, T::Language), "nav.lang")) m.set_lang(ui.lang() == Lang::En ? Lang::ZhCN : Lang::En);
  ImGui::Separator();
}

void draw_notice(UiState& ui) {
  const auto& n = ui.model.notice();
  if (n.text.empty()) return;
  text_colored_wrapped(n.error ? kErrorColor : kOkColor, n.text);
  for (const auto& d : n.details) {
    ImGui::Bullet();
    text_colored_wrapped(kErrorColor, d);
  }
  if (small_button(ui, t(ui, T::Close), "notice.close")) ui.model.clear_notice();
  ImGui::Separator();
}

void draw_welcome(UiState& ui) {
  ImGui::Spacing();
  heading(t(ui, T::ChooseProfile));
  for (const auto& p : ui.model.profiles()) {
    std::string label = p.name + "  (" + (p.kind == form::Audience::Enterprise ? t(ui, T::KindEnterprise) : t(ui, T::KindCitizen)) + ")";
    if (button(ui, label, "welcome/" + p.id)) {
      std::string why = ui.model.select_profile(p.id);
      if (!why.empty()) ui.model.set_notice(why, true);
    }
    if (!p.problem.empty()) {
      ImGui::SameLine();
      text_colored_wrapped(kErrorColor, p.problem);
    }
  }
  ImGui::Spacing();
  if (button(ui, t(ui, T::NewProfile), "welcome.new")) {
    ui.new_profile_open = true;
    ui.new_profile_name.clear();
    ui.new_profile_error.clear();
  }
}

void draw_catalog(UiState& ui) {
  AppModel& m = ui.model;
  Lang lang = ui.lang();
  CatalogView& c = m.catalog();
  ImGui::BeginChild("catalog.list", ImVec2(430, 0), true);
  ImGui::SetNextItemWidth(-1);
  bool edited = ImGui::InputTextWithHint("##catalog.search", t(ui, T::SearchHint).c_str(), &c.filter.query);
  probe_item(ui, "catalog.search");
  if (edited) m.glyphs().add_text(c.filter.query);

  const char* audiences[] = {text(T::AudienceAll, lang), text(T::AudienceCitizen, lang), text(T::AudienceEnterprise, lang)};
  ImGui::SetNextItemWidth(130);
  ImGui::Combo("##catalog.audience", &c.filter.audience, audiences, 3);
  probe_item(ui, "catalog.audience");
  ImGui::SameLine();
  const char* visits[] = {text(T::VisitsAll, lang), text(T::Visits0, lang), text(T::Visits1, lang), text(T::Visits2, lang)};
  int v = c.filter.visits + 1;
  ImGui::SetNextItemWidth(110);
  if (ImGui::Combo("##catalog.visits", &v, visits, 4)) c.filter.visits = v - 1;
  probe_item(ui, "catalog.visits");
  ImGui::SameLine();
  auto departments = c.departments(lang);
  std::string dept_preview = t(ui, T::DepartmentAll);
  for (const auto& [id, name] : departments)
    if (id == c.filter.department) dept_preview = name;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##catalog.department", dept_preview.c_str())) {
    if (ImGui::Selectable(t(ui, T::DepartmentAll).c_str(), c.filter.department.empty())) c.filter.department.clear();
    for (const auto& [id, name] : departments)
      if (ImGui::Selectable(widget_id(name, "dept/" + id).c_str(), id == c.filter.department)) c.filter.department = id;
    ImGui::EndCombo();
  }
  probe_item(ui, "catalog.department");

  auto rows = c.rows();
  ImGui::TextDisabled("%s", t(ui, T::ItemsFound, {{"n", std::to_string(rows.size())}}).c_str());
  ImGui::Separator();
  ImGui::BeginChild("catalog.items");
  if (rows.empty()) ImGui::TextDisabled("%s", t(ui, T::NoItems).c_str());
  for (const auto& f : rows) {
    std::string key = "item/" + f->id;
    bool chosen = ImGui::Selectable(widget_id(f->title.get(lang), key).c_str(), m.selected_item() == f->id);
    probe_item(ui, key);
    if (chosen) m.select_item(f->id);
    const auto* lead = f->lead_department();
    ImGui::TextDisabled("    %s · %s", visits_label(f->visits, lang).c_str(), lead ? lead->name.get(lang).c_str() : "");
  }
  ImGui::EndChild();
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("catalog.guide", ImVec2(0, 0), true);
  auto f = c.find(m.selected_item());
  if (!f) {
    ImGui::TextDisabled("%s", t(ui, T::PickItem).c_str());
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, kHeadColor);
    ImGui::TextWrapped("%s", f->title.get(lang).c_str());
    ImGui::PopStyleColor();
    if (!f->summary.empty()) ImGui::TextWrapped("%s", f->summary.get(lang).c_str());
    ImGui::TextDisabled("%s · %s · v%d", audience_label(f->audience, lang).c_str(), visits_label(f->visits, lang).c_str(), f->version);
    if (button(ui, t(ui, T::StartFilling), "guide.start")) {
      std::string why = m.start_draft();
      if (!why.empty()) m.set_notice(why, true);
    }
    size_t drafts = 0;
    for (const auto& d : m.drafts()) drafts += d.item_id == f->id;
    if (drafts) {
      ImGui::SameLine();
      ImGui::TextDisabled("%s", t(ui, T::DraftsOfItem, {{"n", std::to_string(drafts)}}).c_str());
    }
    for (const auto& block : m.guide()) {
      heading(block.title);
      for (const auto& line : block.lines) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", line.c_str());
      }
    }
  }
  ImGui::EndChild();
}

void draw_drafts(UiState& ui) {
  AppModel& m = ui.model;
  heading(t(ui, T::DraftsTitle, {{"name", m.profile()->name}}));
  if (m.drafts().empty()) {
    ImGui::TextDisabled("%s", t(ui, T::NoDrafts).c_str());
    return;
  }
  if (!ImGui::BeginTable("drafts", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn(t(ui, T::ColItem).c_str(), ImGuiTableColumnFlags_WidthStretch, 3);
  ImGui::TableSetupColumn(t(ui, T::ColCompleteness).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn(t(ui, T::ColUpdated).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableHeadersRow();
  std::string to_delete;
  for (const auto& d : m.drafts()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", d.title.get(ui.lang()).c_str());
    ImGui::TableNextColumn();
    ImGui::ProgressBar(static_cast<float>(d.completeness), ImVec2(-1, 0));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(local_time(d.updated_at).c_str());
    ImGui::TableNextColumn();
    if (small_button(ui, t(ui, T::Continue), "draft/" + d.id + "/open")) {
      std::string why = m.open_draft(d.id);
      if (!why.empty()) m.set_notice(why, true);
    }
    ImGui::SameLine();
    if (small_button(ui, t(ui, T::Delete), "draft/" + d.id + "/delete")) to_delete = d.id;
  }
  ImGui::EndTable();
  if (!to_delete.empty()) m.delete_draft(to_delete);
}

void draw_queue(UiState& ui) {
  AppModel& m = ui.model;
  heading(t(ui, T::QueueTitle, {{"name", m.profile()->name}}));
  if (m.queue().empty()) {
    ImGui::TextDisabled("%s", t(ui, T::NoQueue).c_str());
    return;
  }
  // A long outbox scrolls in the upper half; a short one takes the height of its rows.
  float row_height = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  float wanted = (static_cast<float>(m.queue().size()) + 1) * row_height + 2;
  float limit = ImGui::GetContentRegionAvail().y * 0.55f;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp;
  if (wanted > limit) flags |= ImGuiTableFlags_ScrollY;
  if (ImGui::BeginTable("queue", 7, flags, ImVec2(0, wanted > limit ? limit : 0))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(t(ui, T::ColId).c_str(), ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ImGui::TableSetupColumn(t(ui, T::ColItem).c_str(), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn(t(ui, T::ColState).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(t(ui, T::ColAttempts).c_str(), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(t(ui, T::ColNextRetry).c_str(), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn(t(ui, T::ColReceipt).c_str(), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(t(ui, T::ColCreated).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableHeadersRow();
    for (const auto& r : m.queue()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      std::string key = "queue/" + std::to_string(r.id);
      bool chosen = ImGui::Selectable(widget_id(std::to_string(r.id), key).c_str(), m.selected_outbox() == r.id,
                                      ImGuiSelectableFlags_SpanAllColumns);
      probe_item(ui, key);
      if (chosen) m.select_outbox(r.id);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.title.c_str());
      ImGui::TableNextColumn();
      ImVec4 color = r.state == store::OutboxState::Accepted ? kOkColor
                     : r.state == store::OutboxState::NeedsAttention ? kErrorColor : kWarnColor;
      ImGui::TextColored(color, "%s", r.state_label.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%d", r.attempts);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.next_attempt.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.acceptance_number.empty() ? "—" : r.acceptance_number.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.created.c_str());
    }
    ImGui::EndTable();
  }
  auto sel = m.selected_outbox();
  const QueueRow* row = nullptr;
  for (const auto& r : m.queue())
    if (sel && r.id == *sel) row = &r;
  if (!row) return;
  heading(t(ui, T::HistoryTitle, {{"title", row->title}}));
  if (!row->acceptance_number.empty()) ImGui::Text("%s：%s", t(ui, T::ColReceipt).c_str(), row->acceptance_number.c_str());
  if (!row->last_error.empty()) text_colored_wrapped(kErrorColor, t(ui, T::LastError, {{"error", row->last_error}}));
  if (row->can_requeue && button(ui, t(ui, T::Requeue), "queue.requeue")) m.requeue(row->id);
  if (m.history().empty()) {
    ImGui::TextDisabled("%s", t(ui, T::NoHistory).c_str());
    return;
  }
  if (ImGui::BeginTable("history", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(t(ui, T::ColTime).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(t(ui, T::ColState).c_str(), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(t(ui, T::Department).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(t(ui, T::ColNote).c_str(), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableHeadersRow();
    for (const auto& h : m.history()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(h.at.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(h.status.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(h.department.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", h.note.c_str());
    }
    ImGui::EndTable();
  }
  probe_item(ui, "history");
}

void draw_status_bar(UiState& ui) {
  AppModel& m = ui.model;
  ImGui::Separator();
  if (!m.profile()) {
    ImGui::TextDisabled("%s", t(ui, T::ChooseProfile).c_str());
    return;
  }
  StatusBar s = m.status();
  auto snap = m.sync();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(snap.signed_in ? kOkColor : kMutedColor, "●");
  ImGui::SameLine();
  ImGui::TextUnformatted(s.account.c_str());
  ImGui::SameLine(0, 20);
  ImGui::TextColored(s.warning ? kWarnColor : kMutedColor, "%s", s.state.c_str());
  probe_item(ui, "sync.state");
  ImGui::SameLine(0, 20);
  ImGui::TextUnformatted(s.counts.c_str());
  if (s.progress) {
    ImGui::SameLine(0, 20);
    ImGui::ProgressBar(*s.progress, ImVec2(160, 0), s.progress_text.c_str());
  }
  float right = ImGui::GetWindowContentRegionMax().x - 220;
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
  if (snap.signed_in) {
    if (button(ui, t(ui, T::Logout), "sync.logout")) m.logout();
  } else if (button(ui, t(ui, T::Login), "sync.login")) {
    ui.login_open = true;
    ui.login_pending = false;
    ui.login_error.clear();
    ui.login_server = m.server_hint();
    ui.login_password.clear();
  }
  ImGui::SameLine();
  if (button(ui, t(ui, T::SyncNow), "sync.now")) m.sync_now();
  if (!s.detail.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColor);
    ImGui::TextUnformatted(s.detail.c_str());
    ImGui::PopStyleColor();
  }
}

void draw_new_profile(UiState& ui) {
  const char* id = "new-profile";
  if (ui.new_profile_open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  ImGui::SetNextWindowSize(ImVec2(460, 0));
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize)) return;
  heading(t(ui, T::NewProfileTitle));
  ImGui::TextUnformatted(t(ui, T::ProfileName).c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##profile.name", &ui.new_profile_name)) ui.model.glyphs().add_text(ui.new_profile_name);
  probe_item(ui, "profile.name");
  ImGui::RadioButton(widget_id(t(ui, T::KindCitizen), "profile.kind.citizen").c_str(), &ui.new_profile_kind, 0);
  probe_item(ui, "profile.kind.citizen");
  ImGui::SameLine();
  ImGui::RadioButton(widget_id(t(ui, T::KindEnterprise), "profile.kind.enterprise").c_str(), &ui.new_profile_kind, 1);
  probe_item(ui, "profile.kind.enterprise");
  if (!ui.new_profile_error.empty()) text_colored_wrapped(kErrorColor, ui.new_profile_error);
  ImGui::Spacing();
  if (button(ui, t(ui, T::Create), "profile.create")) {
    ui.new_profile_error = ui.model.create_profile(ui.new_profile_name, ui.new_profile_kind == 1 ? form::Audience::Enterprise : form::Audience::Citizen);
    if (ui.new_profile_error.empty()) {
      ui.new_profile_open = false;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::SameLine();
  if (button(ui, t(ui, T::Cancel), "profile.cancel")) {
    ui.new_profile_open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void draw_login(UiState& ui) {
  const char* id = "login";
  if (ui.login_open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  ImGui::SetNextWindowSize(ImVec2(520, 0));
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize)) return;
  heading(t(ui, T::LoginTitle) + " — " + ui.model.profile()->name);
  auto field = [&](T label, const char* key, std::string* value, ImGuiInputTextFlags flags) {
    ImGui::TextUnformatted(t(ui, label).c_str());
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText((std::string("##") + key).c_str(), value, flags);
    probe_item(ui, key);
  };
  field(T::LoginServer, "login.server", &ui.login_server, ImGuiInputTextFlags_CharsNoBlank);
  field(T::LoginAccount, "login.account", &ui.login_account, ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_CharsUppercase);
  field(T::LoginPassword, "login.password", &ui.login_password, ImGuiInputTextFlags_Password);
  auto snap = ui.model.sync();
  if (ui.login_pending && snap.login_error) {
    ui.login_pending = false;
    ui.login_password.clear();
    if (snap.login_error->empty()) {
      ui.login_open = false;
      ImGui::CloseCurrentPopup();
    } else {
      ui.login_error = t(ui, T::LoginFailed, {{"why", *snap.login_error}});
    }
  }
  if (ui.login_pending) ImGui::TextColored(kMutedColor, "%s", t(ui, T::SyncSigningIn).c_str());
  if (!ui.login_error.empty()) text_colored_wrapped(kErrorColor, ui.login_error);
  ImGui::Spacing();
  if (button(ui, t(ui, T::Login), "login.ok", !ui.login_pending)) {
    ui.login_error.clear();
    ui.login_pending = true;
    ui.model.login(ui.login_server, ui.login_account, ui.login_password);
  }
  ImGui::SameLine();
  if (button(ui, t(ui, T::Cancel), "login.cancel")) {
    ui.login_open = false;
    ui.login_pending = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace

void draw_app(UiState& ui) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("wangban", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_top_bar(ui);
  draw_notice(ui);
  float status_height = ImGui::GetFrameHeightWithSpacing() * 2 + 6;
  ImGui::BeginChild("screen", ImVec2(0, -status_height));
  AppModel& m = ui.model;
  if (!m.profile()) draw_welcome(ui);
  else if (m.screen() == Screen::Form && m.form()) draw_form(ui);
  else if (m.screen() == Screen::Drafts) draw_drafts(ui);
  else if (m.screen() == Screen::Queue) draw_queue(ui);
  else draw_catalog(ui);
  ImGui::EndChild();
  draw_status_bar(ui);
  draw_new_profile(ui);
  if (m.profile()) draw_login(ui);
  if (m.form()) draw_file_picker(ui);
  ImGui::End();
}

}  // namespace wb::desktop
