#include "examples/desktop/ui/widgets.hpp"

#include <imgui_internal.h>

namespace wb::desktop {

void probe_item(UiState& ui, const std::string& key) {
  ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImRect clip = ImGui::GetCurrentWindow()->InnerClipRect;
  bool clipped = !clip.Contains(r);
  ui.probe.put(key, {r.Min.x, r.Min.y, r.Max.x, r.Max.y, clipped});
  if (ui.probe.reveal == key) {
    ImGui::SetScrollHereY(0.5f);
    ui.probe.reveal.clear();
  }
}

std::string widget_id(const std::string& label, const std::string& key) { return label + "##" + key; }

bool button(UiState& ui, const std::string& label, const std::string& key, bool enabled) {
  if (!enabled) ImGui::BeginDisabled();
  bool pressed = ImGui::Button(widget_id(label, key).c_str());
  if (!enabled) ImGui::EndDisabled();
  probe_item(ui, key);
  return pressed && enabled;
}

bool small_button(UiState& ui, const std::string& label, const std::string& key) {
  bool pressed = ImGui::SmallButton(widget_id(label, key).c_str());
  probe_item(ui, key);
  return pressed;
}

void text_colored_wrapped(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void heading(const std::string& text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, kHeadColor);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::Separator();
}

}  // namespace wb::desktop
