// wangban-desktop: the service-station app (docs/desktop.md).
//
//   wangban-desktop [--data DIR] [--catalog DIR] [--lang zh-CN|en] [--server URL] [--profile ID]
//                   [--font FILE] [--font-size PX] [--common-glyphs] [--width W --height H]
//                   [--script FILE --screenshots DIR] [--report FILE]
//
// With --script the app runs the test script (model/script.hpp) and exits with 0 when every step passed, 1 when
// one failed (the reason on stderr, a screenshot of that moment in the screenshot folder), 2 on usage errors.

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <nlohmann/json.hpp>

#include "examples/desktop/model/app_model.hpp"
#include "examples/desktop/ui/fonts.hpp"
#include "examples/desktop/ui/script_runner.hpp"
#include "examples/desktop/ui/ui.hpp"
#include "native/platform/catalog_dir.hpp"
#include "native/platform/system_env.hpp"

namespace {

namespace fs = std::filesystem;
using namespace wb::desktop;

struct Args {
  fs::path data, catalog, script, screenshots = "screenshots", report;
  std::string lang = "zh-CN", server, profile, font;
  float font_size = 18;
  bool common_glyphs = false;  // also rasterise ImGui's ~2,500 common simplified characters up front
  int width = 1280, height = 800;
};

fs::path default_data_dir() {
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return fs::path(x) / "wangban-desktop";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".local/share/wangban-desktop";
  return "wangban-desktop-data";
}

std::optional<Args> parse(int argc, char** argv) {
  Args a;
  a.data = default_data_dir();
  a.catalog = wb::native::default_catalog_dir();
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    std::optional<std::string> v;
    if (k == "--common-glyphs") {
      a.common_glyphs = true;
      continue;
    }
    if (k == "--help" || k == "-h") {
      std::cout << "usage: wangban-desktop [--data DIR] [--catalog DIR] [--lang zh-CN|en] [--server URL] [--profile ID]\n"
                   "                       [--font FILE] [--font-size PX] [--common-glyphs] [--width W] [--height H]\n"
                   "                       [--script FILE] [--screenshots DIR] [--report FILE]\n";
      std::exit(0);
    }
    if (!(v = value())) {
      std::cerr << "wangban-desktop: " << k << " needs a value (or is unknown)\n";
      return std::nullopt;
    }
    if (k == "--data") a.data = *v;
    else if (k == "--catalog") a.catalog = *v;
    else if (k == "--lang") a.lang = *v;
    else if (k == "--server") a.server = *v;
    else if (k == "--profile") a.profile = *v;
    else if (k == "--font") a.font = *v;
    else if (k == "--font-size") a.font_size = std::strtof(v->c_str(), nullptr);
    else if (k == "--width") a.width = std::atoi(v->c_str());
    else if (k == "--height") a.height = std::atoi(v->c_str());
    else if (k == "--script") a.script = *v;
    else if (k == "--screenshots") a.screenshots = *v;
    else if (k == "--report") a.report = *v;
    else {
      std::cerr << "wangban-desktop: unknown option " << k << "\n";
      return std::nullopt;
    }
  }
  if (a.font_size < 8 || a.font_size > 64 || a.width < 640 || a.height < 480) {
    std::cerr << "wangban-desktop: --font-size 8..64, --width >= 640, --height >= 480\n";
    return std::nullopt;
  }
  return a;
}

// Where Dear ImGui says text is being typed, for input methods. On Windows the GLFW backend sets io.ImeWindowHandle
// and ImGui's default handler moves the IME's composition window to the caret, so the hook is left alone there. On
// X11, GLFW 3.3 opens an XIM input context in root-window style (XIMPreeditNothing): the input method shows its own
// preedit and candidate window and committed text arrives through GLFW's character callback; GLFW has no call to
// pass the caret on, so the hook only counts the updates (the report shows them).
int g_ime_updates = 0;
[[maybe_unused]] void on_ime_position(int, int) { ++g_ime_updates; }

}  // namespace

int main(int argc, char** argv) {
  auto args = parse(argc, argv);
  if (!args) return 2;
  auto lang = wb::parse_lang(args->lang);
  if (!lang) {
    std::cerr << "wangban-desktop: --lang zh-CN or en\n";
    return 2;
  }
  std::vector<Step> steps;
  if (!args->script.empty()) {
    std::ifstream in(args->script);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      std::cerr << "wangban-desktop: cannot read " << args->script << "\n";
      return 2;
    }
    auto parsed = parse_script(text.str());
    if (!parsed.error.empty()) {
      std::cerr << "wangban-desktop: " << args->script << ": " << parsed.error << "\n";
      return 2;
    }
    steps = std::move(parsed.steps);
  }

  // X input methods (XIM: fcitx, ibus) need the locale's character type; GLFW falls back to it only from "C".
  std::setlocale(LC_CTYPE, "");
  glfwSetErrorCallback([](int code, const char* what) { std::fprintf(stderr, "wangban-desktop: GLFW %d: %s\n", code, what); });
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(args->width, args->height, "网办 · 服务站 — Wangban", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  bool scripted = !args->script.empty();
  glfwSwapInterval(scripted ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini: the layout is fixed
#ifndef _WIN32
  io.ImeSetInputScreenPosFn = on_ime_position;
#endif
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.FrameRounding = 3;
  style.FramePadding = ImVec2(6, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.FrameBorderSize = 1;  // inputs stay visible on the white of dialogs
  style.Colors[ImGuiCol_PopupBg] = ImVec4(0.97f, 0.97f, 0.97f, 1.0f);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  int exit_code = 0;
  nlohmann::json report;
  {
    wb::native::SystemClock clock;
    wb::native::SystemRandom random;
    AppModel model({args->data, args->catalog, *lang, args->server, true, {}}, wb::Environment{&clock, &random});
    if (!args->profile.empty()) {
      std::string why = model.select_profile(args->profile);
      if (!why.empty()) model.set_notice(why, true);
    }
    if (args->common_glyphs)
      model.glyphs().add_ranges(reinterpret_cast<const std::uint16_t*>(io.Fonts->GetGlyphRangesChineseSimplifiedCommon()));
    Fonts fonts(find_cjk_font(args->font.empty() ? WANGBAN_DEFAULT_FONT : args->font), args->font_size);
    if (fonts.report().file.empty() && find_cjk_font(args->font).empty())
      std::cerr << "wangban-desktop: no CJK font found (install fonts-wqy-microhei): Chinese will not render\n";
    Probe probe;
    UiState ui(model, probe);
    std::optional<ScriptRunner> runner;
    if (scripted) runner.emplace(std::move(steps), args->screenshots, model, probe);
    int frames = 0;
    while (!glfwWindowShouldClose(window)) {
      if (scripted) glfwPollEvents();
      else glfwWaitEventsTimeout(0.25);  // wakes for the sync status even without input
      model.tick();
      fonts.update(model.glyphs());
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      if (runner) runner->before_frame(glfwGetTime());
      probe.begin_frame();
      ImGui::NewFrame();
      draw_app(ui);
      ImGui::Render();
      int w, h;
      glfwGetFramebufferSize(window, &w, &h);
      glViewport(0, 0, w, h);
      glClearColor(0.94f, 0.94f, 0.94f, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      ++frames;
      if (runner) runner->after_render(w, h);
      glfwSwapBuffers(window);
      if (runner && runner->done()) break;
    }
    if (runner) {
      exit_code = runner->exit_code();
      if (exit_code != 0) std::cerr << "wangban-desktop: " << runner->error() << "\n";
    }
    const FontReport& f = fonts.report();
    report = {{"frames", frames},
              {"font", {{"file", f.file}, {"glyphs", f.glyphs}, {"missing", f.missing}, {"missingSample", f.missing_sample},
                        {"atlasWidth", f.atlas_width}, {"atlasHeight", f.atlas_height}, {"buildMs", f.build_ms},
                        {"builds", f.builds}, {"beyondBmp", model.glyphs().beyond_bmp()}}},
              {"ime", {{"caretUpdates", g_ime_updates}}},
              {"screenshots", runner ? runner->screenshots() : std::vector<std::string>{}},
              {"error", runner ? runner->error() : ""}};
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  if (!args->report.empty()) std::ofstream(args->report) << report.dump(2) << "\n";
  return exit_code;
}
