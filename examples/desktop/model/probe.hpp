#pragma once
// Where the drawing code put each interactive widget in the last frame, by a stable key ("field/husband/name",
// "item/low-rent-housing", "form.submit"): the test mode clicks widgets by key, and a key that is asked for but
// lies outside its scrolling area is scrolled into view first (the drawing code sees `reveal`).

#include <map>
#include <optional>
#include <string>

namespace wb::desktop {

struct ProbeRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool clipped = false;  // partly hidden by its scrolling area: scroll before clicking
  float cx() const { return (x0 + x1) / 2; }
  float cy() const { return (y0 + y1) / 2; }
};

class Probe {
 public:
  void begin_frame() {
    previous_ = std::move(current_);
    current_.clear();
  }
  void put(const std::string& key, ProbeRect r) { current_[key] = r; }
  // The rectangle drawn in the last complete frame.
  std::optional<ProbeRect> find(const std::string& key) const {
    auto it = previous_.find(key);
    if (it == previous_.end()) return std::nullopt;
    return it->second;
  }
  std::string reveal;  // a key to scroll into view in the next frame

 private:
  std::map<std::string, ProbeRect> current_, previous_;
};

}  // namespace wb::desktop
