#pragma once
// Runs a test script (model/script.hpp) in the live app: before each frame it feeds Dear ImGui's input queue (mouse
// position and button, key states, typed characters) as a person's hands would, and after each frame it takes the
// screenshots asked for.

#include <filesystem>
#include <string>
#include <vector>

#include "examples/desktop/model/app_model.hpp"
#include "examples/desktop/model/probe.hpp"
#include "examples/desktop/model/script.hpp"

namespace wb::desktop {

class ScriptRunner {
 public:
  ScriptRunner(std::vector<Step> steps, std::filesystem::path screenshots, AppModel& model, Probe& probe);

  // After the platform backend's NewFrame, before ImGui::NewFrame.
  void before_frame(double now_s);
  // After rendering, before the buffers swap (the back buffer holds the frame).
  void after_render(int framebuffer_width, int framebuffer_height);

  bool done() const { return done_; }
  int exit_code() const { return error_.empty() ? 0 : 1; }
  const std::string& error() const { return error_; }
  const std::vector<std::string>& screenshots() const { return shots_; }

 private:
  void fail(const std::string& why);
  void next();
  bool condition_met(const std::string& text);
  bool hit(const std::string& key) const;  // the pointer is on the widget as drawn in the last frame

  std::vector<Step> steps_;
  std::filesystem::path dir_;
  AppModel& model_;
  Probe& probe_;
  size_t at_ = 0;
  int phase_ = 0;
  int frames_ = 0;          // frames spent in the current step
  int revealed_at_ = -1;    // the frame of the step that last asked to scroll the widget into view
  int retries_ = 0;         // clicks lost because the widget moved
  double started_ = -1;     // when the current step began
  float mouse_x_ = 0, mouse_y_ = 0;
  bool mouse_down_ = false;
  int key_down_ = -1;       // the GLFW key held this frame
  bool ctrl_ = false;
  std::string pending_shot_;
  std::vector<std::string> shots_;
  bool done_ = false;
  std::string error_;
  bool trace_ = false;  // WANGBAN_SCRIPT_TRACE set: one line per frame on stderr (step, phase, mouse, widget)
};

}  // namespace wb::desktop
