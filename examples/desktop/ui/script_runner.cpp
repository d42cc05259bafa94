#include "examples/desktop/ui/script_runner.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "examples/desktop/ui/screenshot.hpp"

namespace wb::desktop {

ScriptRunner::ScriptRunner(std::vector<Step> steps, std::filesystem::path screenshots, AppModel& model, Probe& probe)
    : steps_(std::move(steps)), dir_(std::move(screenshots)), model_(model), probe_(probe),
      trace_(std::getenv("WANGBAN_SCRIPT_TRACE") != nullptr) {
  if (steps_.empty()) done_ = true;
}

void ScriptRunner::fail(const std::string& why) {
  const Step& s = steps_[at_];
  error_ = "script line " + std::to_string(s.line) + ": " + why;
  pending_shot_ = "failure-line" + std::to_string(s.line);  // what the screen showed when it went wrong
}

bool ScriptRunner::hit(const std::string& key) const {
  auto r = probe_.find(key);
  return r && mouse_x_ >= r->x0 && mouse_x_ <= r->x1 && mouse_y_ >= r->y0 && mouse_y_ <= r->y1;
}

void ScriptRunner::next() {
  ++at_;
  phase_ = 0;
  retries_ = 0;
  revealed_at_ = -1;
  frames_ = 0;
  started_ = -1;
  if (at_ >= steps_.size()) done_ = true;
}

bool ScriptRunner::condition_met(const std::string& text) {
  Condition c;
  if (!parse_condition(text, &c)) return false;
  auto snap = model_.sync();
  if (c.name == "signed-in") return snap.signed_in;
  if (c.name == "idle") return snap.phase == SyncSnapshot::Phase::Idle;
  int n = 0;
  if (c.name == "history") {
    n = static_cast<int>(model_.history().size());
  } else {
    for (const auto& r : model_.queue()) {
      bool pending = r.state == store::OutboxState::Queued || r.state == store::OutboxState::Sending;
      n += c.name == "queued" ? pending
           : c.name == "accepted" ? r.state == store::OutboxState::Accepted
                                  : r.state == store::OutboxState::NeedsAttention;
    }
  }
  return c.at_least ? n >= c.value : n == c.value;
}

void ScriptRunner::before_frame(double now) {
  ImGuiIO& io = ImGui::GetIO();
  // Release what was pressed last frame: a key press lasts one frame.
  if (key_down_ >= 0) io.KeysDown[key_down_] = false;
  key_down_ = -1;
  if (ctrl_) {
    io.KeyCtrl = false;
    ctrl_ = false;
  }
  auto press = [&](int key, bool ctrl = false) {
    io.KeysDown[key] = true;
    key_down_ = key;
    if (ctrl) {
      io.KeyCtrl = true;
      ctrl_ = true;
    }
  };
  while (!done_ && error_.empty()) {
    const Step& s = steps_[at_];
    if (started_ < 0) started_ = now;
    double waited_ms = (now - started_) * 1000;
    ++frames_;
    bool advance = false;
    switch (s.kind) {
      case Step::Kind::Click:
      case Step::Kind::Fill: {
        // Phases: 0 find (scroll into view if needed), 1 aim until the widget stays put, 2 press, 3 release; fill goes
        // on: 3 select all, 4 type, 5 tab, 6-8 settle.
        if (phase_ == 0) {
          auto r = probe_.find(s.key);
          if (!r) {
            if (waited_ms > (s.number > 0 ? s.number : 5000)) fail("no widget '" + s.key + "' on screen");
            break;
          }
          if (r->clipped && frames_ < 30) {
            probe_.reveal = s.key;
            revealed_at_ = frames_;
            break;
          }
          if (revealed_at_ >= 0 && frames_ - revealed_at_ < 4) break;  // a scroll asked for lands a frame or two later
          mouse_x_ = r->cx();
          mouse_y_ = r->cy();
          phase_ = 1;
        } else if (phase_ == 1) {
          // Layout may still settle (a scrollbar appears, text re-wraps): press only on a widget that stayed put.
          auto r = probe_.find(s.key);
          if (!r) {
            phase_ = 0;
            break;
          }
          if ((std::abs(r->cx() - mouse_x_) > 0.5f || std::abs(r->cy() - mouse_y_) > 0.5f) && frames_ < 60) {
            if (r->clipped) probe_.reveal = s.key;
            mouse_x_ = r->cx();
            mouse_y_ = r->cy();
            break;
          }
          mouse_down_ = true;
          phase_ = 2;
        } else if (phase_ == 2) {
          mouse_down_ = false;
          phase_ = 3;
        } else if (phase_ == 3 && !hit(s.key)) {
          // The widget moved between press and release (the click was lost, as it would be for a person): again.
          if (++retries_ > 3) fail("the widget '" + s.key + "' kept moving under the pointer");
          phase_ = 0;
          revealed_at_ = -1;
        } else if (s.kind == Step::Kind::Click) {
          advance = true;
        } else if (phase_ == 3) {
          press(GLFW_KEY_A, true);
          phase_ = 4;
        } else if (phase_ == 4) {
          io.AddInputCharactersUTF8(s.text.c_str());
          phase_ = 5;
        } else if (phase_ == 5) {
          press(GLFW_KEY_TAB);
          phase_ = 6;
        } else if (phase_ < 9) {
          ++phase_;  // Tab moves the focus (and may scroll to it) over the next frames: let that settle first
        } else {
          advance = true;
        }
        break;
      }
      case Step::Kind::Type:
        io.AddInputCharactersUTF8(s.text.c_str());
        advance = true;
        break;
      case Step::Kind::Key:
        if (phase_ == 0) {
          if (s.key == "enter") press(GLFW_KEY_ENTER);
          else if (s.key == "tab") press(GLFW_KEY_TAB);
          else if (s.key == "escape") press(GLFW_KEY_ESCAPE);
          else if (s.key == "backspace") press(GLFW_KEY_BACKSPACE);
          else press(GLFW_KEY_A, true);
          phase_ = 1;
        } else if (phase_ < 4) {
          ++phase_;  // focus changes and scrolling settle
        } else {
          advance = true;
        }
        break;
      case Step::Kind::Wait:
        if (probe_.find(s.key)) advance = true;
        else if (waited_ms > s.number) fail("timed out waiting for '" + s.key + "'");
        break;
      case Step::Kind::Until:
        if (condition_met(s.key)) advance = true;
        else if (waited_ms > s.number) fail("timed out waiting until " + s.key);
        break;
      case Step::Kind::Value: {
        const nlohmann::json* v = nullptr;
        if (FormView* f = model_.form()) v = session::find_at(f->draft().data(), session::parse_path(s.key));
        if (v && v->is_string() && v->get<std::string>() == s.text) advance = true;
        else if (waited_ms > s.number)
          fail("timed out waiting for the value at " + s.key + std::string(v ? " (it holds something else)" : " (absent)"));
        break;
      }
      case Step::Kind::Screenshot:
        // Two frames first, so the screen has settled (popups opened, scrolling applied), then after this frame.
        if (frames_ >= 3) {
          pending_shot_ = s.key;
          advance = true;
        }
        break;
      case Step::Kind::Frames:
        if (frames_ > s.number) advance = true;
        break;
      case Step::Kind::Quit:
        done_ = true;
        break;
    }
    if (advance) {
      next();
      // Steps that inject nothing this frame (waits, conditions) may chain; input steps take their own frames.
      if (!done_ && (steps_[at_].kind == Step::Kind::Wait || steps_[at_].kind == Step::Kind::Until ||
                     steps_[at_].kind == Step::Kind::Value))
        continue;
    }
    break;
  }
  if (trace_ && !done_ && at_ < steps_.size()) {
    auto r = probe_.find(steps_[at_].key);
    std::fprintf(stderr, "[script] line %d phase %d frame %d mouse %.0f,%.0f down %d active %u hovered %u popup %d rect %s\n",
                 steps_[at_].line, phase_, frames_, static_cast<double>(mouse_x_), static_cast<double>(mouse_y_),
                 mouse_down_ ? 1 : 0, GImGui->ActiveId, GImGui->HoveredId, GImGui->OpenPopupStack.Size,
                 r ? (std::to_string(static_cast<int>(r->x0)) + "," + std::to_string(static_cast<int>(r->y0)) + (r->clipped ? " clipped" : "")).c_str() : "-");
  }
  io.MousePos = ImVec2(mouse_x_, mouse_y_);
  io.MouseDown[0] = mouse_down_;
  for (int i = 1; i < 5; ++i) io.MouseDown[i] = false;
}

void ScriptRunner::after_render(int width, int height) {
  if (pending_shot_.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  std::string path = (dir_ / (pending_shot_ + ".png")).string();
  std::string why = save_screenshot(path, width, height);
  if (!why.empty()) {
    if (error_.empty()) error_ = "screenshot: " + why;
  } else {
    shots_.push_back(path);
  }
  pending_shot_.clear();
  if (!error_.empty()) done_ = true;
}

}  // namespace wb::desktop
