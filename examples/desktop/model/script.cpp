#include "examples/desktop/model/script.hpp"

#include <cstdlib>
#include <sstream>

namespace wb::desktop {
namespace {

std::string trim(std::string_view s) {
  auto a = s.find_first_not_of(" \t\r");
  if (a == std::string_view::npos) return "";
  auto b = s.find_last_not_of(" \t\r");
  return std::string(s.substr(a, b - a + 1));
}

// Splits off the first word.
std::string take_word(std::string& rest) {
  rest = trim(rest);
  auto sp = rest.find_first_of(" \t");
  std::string word = rest.substr(0, sp);
  rest = sp == std::string::npos ? "" : trim(rest.substr(sp));
  return word;
}

bool parse_int(const std::string& s, int* out) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 9) return false;
  *out = std::atoi(s.c_str());
  return true;
}

}  // namespace

bool parse_condition(const std::string& text, Condition* out) {
  if (text == "signed-in" || text == "idle") {
    *out = {text, 0, false};
    return true;
  }
  auto ge = text.find(">=");
  auto eq = text.find('=');
  bool at_least = ge != std::string::npos;
  auto at = at_least ? ge : eq;
  if (at == std::string::npos) return false;
  Condition c{text.substr(0, at), 0, at_least};
  if (!parse_int(text.substr(at + (at_least ? 2 : 1)), &c.value)) return false;
  if (c.name != "queued" && c.name != "accepted" && c.name != "attention" && c.name != "history") return false;
  *out = c;
  return true;
}

ScriptParse parse_script(std::string_view text) {
  ScriptParse out;
  std::istringstream in{std::string(text)};
  std::string raw;
  int line = 0;
  auto fail = [&](const std::string& why) {
    out.error = "line " + std::to_string(line) + ": " + why;
    out.steps.clear();
    return out;
  };
  while (std::getline(in, raw)) {
    ++line;
    std::string rest = trim(raw);
    if (rest.empty() || rest[0] == '#') continue;
    std::string cmd = take_word(rest);
    Step s;
    s.line = line;
    if (cmd == "click" || cmd == "wait") {
      s.kind = cmd == "click" ? Step::Kind::Click : Step::Kind::Wait;
      s.key = take_word(rest);
      if (s.key.empty()) return fail(cmd + " needs a widget key");
      s.number = 5000;
      if (s.kind == Step::Kind::Wait && !rest.empty() && !parse_int(take_word(rest), &s.number)) return fail("bad timeout");
      if (!rest.empty()) return fail("unexpected text after " + cmd);
    } else if (cmd == "fill") {
      s.kind = Step::Kind::Fill;
      s.key = take_word(rest);
      s.text = rest;
      if (s.key.empty() || s.text.empty()) return fail("fill needs a widget key and a text");
    } else if (cmd == "value") {
      s.kind = Step::Kind::Value;
      s.key = take_word(rest);
      s.text = rest;
      s.number = 20000;
      if (s.key.empty() || s.key[0] != '/' || s.text.empty()) return fail("value needs a JSON Pointer and a text");
    } else if (cmd == "type") {
      s.kind = Step::Kind::Type;
      s.text = rest;
      if (s.text.empty()) return fail("type needs a text");
    } else if (cmd == "key") {
      s.kind = Step::Kind::Key;
      s.key = take_word(rest);
      if (s.key != "enter" && s.key != "tab" && s.key != "escape" && s.key != "backspace" && s.key != "ctrl+a")
        return fail("unknown key '" + s.key + "'");
    } else if (cmd == "until") {
      s.kind = Step::Kind::Until;
      s.key = take_word(rest);
      Condition c;
      if (!parse_condition(s.key, &c)) return fail("unknown condition '" + s.key + "'");
      s.number = 20000;
      if (!rest.empty() && !parse_int(take_word(rest), &s.number)) return fail("bad timeout");
    } else if (cmd == "screenshot") {
      s.kind = Step::Kind::Screenshot;
      s.key = take_word(rest);
      if (s.key.empty() || s.key.find_first_of("/\\.") != std::string::npos) return fail("screenshot needs a plain name");
    } else if (cmd == "frames") {
      s.kind = Step::Kind::Frames;
      if (!parse_int(take_word(rest), &s.number)) return fail("frames needs a count");
    } else if (cmd == "quit") {
      s.kind = Step::Kind::Quit;
    } else {
      return fail("unknown command '" + cmd + "'");
    }
    out.steps.push_back(std::move(s));
  }
  return out;
}

}  // namespace wb::desktop
