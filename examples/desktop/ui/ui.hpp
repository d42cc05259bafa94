#pragma once
// The ImGui side of the desktop app: what the drawing code keeps between frames (dialogs, input buffers) and the
// drawing entry points. Everything the app knows and does lives in the model (examples/desktop/model).

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "examples/desktop/model/app_model.hpp"
#include "examples/desktop/model/probe.hpp"

namespace wb::desktop {

struct FilePicker {
  bool open = false;
  std::string location;  // the attachment field
  std::filesystem::path dir;
  std::string path;      // typed or picked
  std::vector<std::pair<std::string, bool>> entries;  // name, is a folder
  std::string error;
};

struct UiState {
  AppModel& model;
  Probe& probe;

  bool new_profile_open = false;
  std::string new_profile_name;
  int new_profile_kind = 0;  // 0 person, 1 business
  std::string new_profile_error;

  bool login_open = false;
  bool login_pending = false;
  std::string login_server, login_account, login_password, login_error;

  FilePicker picker;

  // Text being typed, by location: kept while the field is edited, refreshed from the draft otherwise.
  std::map<std::string, std::string> buffers;
  std::uint64_t buffers_revision = 0;
  std::string active_input;
  // Fields left by a mouse click: they are marked as visited (their errors appear, moving what is below) only once
  // the click is over, so the widget clicked does not move away under the pointer.
  std::vector<std::pair<std::string, std::string>> left_by_click;
  std::string edit_message;  // a refused edit, shown above the form

  UiState(AppModel& m, Probe& p) : model(m), probe(p) {}
  Lang lang() const { return model.lang(); }
};

void draw_app(UiState& ui);   // the whole window, every frame
void draw_form(UiState& ui);  // the form screen (draw_form.cpp)
void draw_file_picker(UiState& ui);

}  // namespace wb::desktop
