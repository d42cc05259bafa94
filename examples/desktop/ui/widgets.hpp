#pragma once
// Small ImGui helpers shared by the screens: every interactive widget is registered with the probe under a stable
// key (so the test mode can find and click it), and scrolled into view when the test mode asks.

#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "examples/desktop/ui/ui.hpp"

namespace wb::desktop {

// Colours of the light theme.
inline const ImVec4 kErrorColor{0.78f, 0.10f, 0.10f, 1.0f};
inline const ImVec4 kWarnColor{0.80f, 0.45f, 0.00f, 1.0f};
inline const ImVec4 kOkColor{0.10f, 0.50f, 0.20f, 1.0f};
inline const ImVec4 kMutedColor{0.40f, 0.40f, 0.45f, 1.0f};
inline const ImVec4 kHeadColor{0.10f, 0.30f, 0.60f, 1.0f};

// Registers the last item under `key`; scrolls to it when it is the probe's `reveal` key.
void probe_item(UiState& ui, const std::string& key);
// "label##key": the label shown, the key as the ImGui id.
std::string widget_id(const std::string& label, const std::string& key);

bool button(UiState& ui, const std::string& label, const std::string& key, bool enabled = true);
bool small_button(UiState& ui, const std::string& label, const std::string& key);
void text_colored_wrapped(const ImVec4& color, const std::string& text);
void heading(const std::string& text);

}  // namespace wb::desktop
