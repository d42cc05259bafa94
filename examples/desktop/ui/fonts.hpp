#pragma once
// The font atlas: one CJK font from Debian's font packages, rasterised only for the characters in the glyph set
// (model/glyph_set.hpp), and rebuilt between frames when the set grows.

#include <cstdint>
#include <string>
#include <vector>

#include "examples/desktop/model/glyph_set.hpp"

namespace wb::desktop {

struct FontReport {
  std::string file;           // "" when no CJK font was found (ImGui's built-in font: Latin only)
  size_t glyphs = 0;          // characters asked for
  size_t missing = 0;         // asked for but not in the font (drawn as "?")
  std::vector<std::uint32_t> missing_sample;
  int atlas_width = 0, atlas_height = 0;
  double build_ms = 0;        // the last build
  int builds = 0;
};

class Fonts {
 public:
  Fonts(std::string file, float size) : file_(std::move(file)), size_(size) {}
  // Builds the atlas when the set grew since the last build (and the first time). Call before the frame starts.
  void update(const GlyphSet& glyphs);
  const FontReport& report() const { return report_; }

 private:
  std::string file_;
  float size_;
  std::uint64_t built_generation_ = ~std::uint64_t{0};
  std::vector<std::uint16_t> ranges_;  // must outlive the atlas build
  FontReport report_;
};

// The first CJK font found among Debian's packages (fonts-wqy-microhei, fonts-noto-cjk, fonts-wqy-zenhei), or "".
std::string find_cjk_font(const std::string& preferred);

}  // namespace wb::desktop
