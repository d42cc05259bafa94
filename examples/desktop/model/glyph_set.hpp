#pragma once
// The characters the font atlas must hold. Rasterising every CJK character of a font would make a huge texture, so
// the app loads only what it shows: its own texts, every text of the catalog's forms and error messages, a set of
// common characters for what people type, and then whatever else appears (a rare character in a name): the set
// grows, and the app rebuilds the atlas between two frames.
//
// Dear ImGui as packaged by Debian uses 16-bit characters (no IMGUI_USE_WCHAR32), so only the Basic Multilingual
// Plane can be drawn; characters beyond it (CJK Extension B and later) are counted in `beyond_bmp()`.

#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

namespace wb::desktop {

class GlyphSet {
 public:
  GlyphSet();  // printable ASCII, Latin-1, CJK punctuation, full-width forms and the marks the app draws

  // Adds every character of a UTF-8 text; true when the set grew.
  bool add_text(std::string_view utf8);
  // Adds inclusive ranges given as zero-terminated pairs [first, last, first, last, ..., 0] (ImGui's format).
  bool add_ranges(const std::uint16_t* ranges);
  bool contains(char32_t c) const { return chars_.count(c) > 0; }
  size_t size() const { return chars_.size(); }
  size_t beyond_bmp() const { return beyond_bmp_.size(); }

  // Zero-terminated inclusive ranges for ImFontAtlas::AddFont* (consecutive characters merged).
  std::vector<std::uint16_t> ranges() const;
  // Increases every time the set grows (the app compares it with the generation its atlas was built from).
  std::uint64_t generation() const { return generation_; }

 private:
  bool add(char32_t c);
  std::set<char32_t> chars_;
  std::set<char32_t> beyond_bmp_;
  std::uint64_t generation_ = 0;
};

// Decodes UTF-8 leniently: a malformed byte becomes U+FFFD.
std::vector<char32_t> decode_utf8(std::string_view s);

}  // namespace wb::desktop
