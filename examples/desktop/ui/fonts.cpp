#include "examples/desktop/ui/fonts.hpp"

#include <chrono>
#include <filesystem>

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

namespace wb::desktop {

std::string find_cjk_font(const std::string& preferred) {
  const char* candidates[] = {
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
      "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
  };
  std::error_code ec;
  if (!preferred.empty() && std::filesystem::is_regular_file(preferred, ec)) return preferred;
  for (const char* c : candidates)
    if (std::filesystem::is_regular_file(c, ec)) return c;
  return "";
}

void Fonts::update(const GlyphSet& glyphs) {
  if (glyphs.generation() == built_generation_) return;
  auto start = std::chrono::steady_clock::now();
  ImGuiIO& io = ImGui::GetIO();
  bool first = report_.builds == 0;
  io.Fonts->Clear();
  ranges_ = glyphs.ranges();
  ImFont* font = nullptr;
  if (!file_.empty()) {
    ImFontConfig config;
    config.OversampleH = 1;  // CJK glyphs are dense: horizontal oversampling would triple the atlas for little gain
    config.OversampleV = 1;
    config.PixelSnapH = true;
    font = io.Fonts->AddFontFromFileTTF(file_.c_str(), size_, &config, reinterpret_cast<const ImWchar*>(ranges_.data()));
  }
  if (!font) {
    report_.file.clear();
    io.Fonts->AddFontDefault();
  } else {
    report_.file = file_;
  }
  io.Fonts->Build();
  report_.glyphs = glyphs.size();
  report_.atlas_width = io.Fonts->TexWidth;
  report_.atlas_height = io.Fonts->TexHeight;
  report_.missing = 0;
  report_.missing_sample.clear();
  if (font) {
    for (size_t i = 0; ranges_[i] != 0; i += 2)
      for (std::uint32_t c = ranges_[i]; c <= ranges_[i + 1]; ++c)
        if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
          ++report_.missing;
          if (report_.missing_sample.size() < 16) report_.missing_sample.push_back(c);
        }
  }
  if (!first) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  ++report_.builds;
  built_generation_ = glyphs.generation();
  report_.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace wb::desktop
