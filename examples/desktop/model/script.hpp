#pragma once
// The test mode's scripts: what a test asks the app to do, one step per line, the way a person would — by clicking
// widgets (named by probe keys the drawing code registers, see probe.hpp) and typing. The app executes them through
// Dear ImGui's input queue (mouse position and buttons, key states, characters), never by calling the model
// directly, so a script exercises the same code paths as a person at the keyboard.
//
//   # comment
//   click KEY                 move the mouse to the widget (scrolling it into view), press and release
//   fill KEY TEXT             click, select all, type TEXT, press Tab (the field commits when it loses focus)
//   type TEXT                 type into the focused widget
//   key NAME                  enter | tab | escape | backspace | ctrl+a
//   wait KEY [MS]             until the widget is drawn (default 5000 ms)
//   until CONDITION [MS]      signed-in | idle | queued=N | accepted=N | attention=N | history>=N (default 20000 ms)
//   value POINTER TEXT        until the open draft holds TEXT at POINTER (20 s): text typed by other means (the X
//                             keyboard, an input method) has arrived
//   screenshot NAME           NAME.png in the screenshot folder
//   frames N                  let N frames pass
//   quit                      end with exit code 0 (also at the end of the script)

#include <string>
#include <string_view>
#include <vector>

namespace wb::desktop {

struct Step {
  enum class Kind { Click, Fill, Type, Key, Wait, Until, Value, Screenshot, Frames, Quit };
  Kind kind = Kind::Quit;
  std::string key;   // probe key, key name, condition or screenshot name
  std::string text;  // fill / type
  int number = 0;    // timeout (ms) or frame count
  int line = 0;
};

struct ScriptParse {
  std::vector<Step> steps;
  std::string error;  // "line 3: ..." when the script is malformed
};

ScriptParse parse_script(std::string_view text);

// A condition of `until`, parsed: name and number ("queued=1" → {"queued", 1}).
struct Condition {
  std::string name;
  int value = 0;
  bool at_least = false;  // "history>=2"
};
bool parse_condition(const std::string& text, Condition* out);

}  // namespace wb::desktop
