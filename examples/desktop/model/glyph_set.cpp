#include "examples/desktop/model/glyph_set.hpp"

namespace wb::desktop {

std::vector<char32_t> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || i + static_cast<size_t>(extra) >= s.size() + (extra == 0 ? 1 : 0)) {  // bad lead byte or cut short
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t c = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      auto n = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if ((n & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      c = (c << 6) | (n & 0x3F);
    }
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(c);
    i += static_cast<size_t>(extra) + 1;
  }
  return out;
}

GlyphSet::GlyphSet() {
  for (char32_t c = 0x20; c <= 0x7E; ++c) chars_.insert(c);
  for (char32_t c = 0xA0; c <= 0xFF; ++c) chars_.insert(c);    // Latin-1 (· ×)
  for (char32_t c = 0x3000; c <= 0x3011; ++c)
    if (c != 0x3004) chars_.insert(c);  // CJK punctuation (、。《》「」【】; not the rare 〄)
  for (char32_t c = 0xFF01; c <= 0xFF5E; ++c) chars_.insert(c);  // full-width forms (（）：；，)
  // Marks the app draws besides its texts: — … “ ” ‘ ’ ✔ ✖ ● ▶
  for (char32_t c : {0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019, 0x2714, 0x2716, 0x25CF, 0x25B6}) chars_.insert(c);
  chars_.insert(0xFFFD);
}

bool GlyphSet::add(char32_t c) {
  if (c < 0x20) return false;
  if (c > 0xFFFF) {
    beyond_bmp_.insert(c);
    return false;
  }
  if (!chars_.insert(c).second) return false;
  ++generation_;
  return true;
}

bool GlyphSet::add_text(std::string_view utf8) {
  bool grew = false;
  for (char32_t c : decode_utf8(utf8)) grew = add(c) || grew;
  return grew;
}

bool GlyphSet::add_ranges(const std::uint16_t* ranges) {
  bool grew = false;
  for (; ranges[0] != 0; ranges += 2)
    for (char32_t c = ranges[0]; c <= ranges[1]; ++c) grew = add(c) || grew;
  return grew;
}

std::vector<std::uint16_t> GlyphSet::ranges() const {
  std::vector<std::uint16_t> out;
  char32_t first = 0, last = 0;
  bool open = false;
  for (char32_t c : chars_) {
    if (open && c == last + 1) {
      last = c;
      continue;
    }
    if (open) {
      out.push_back(static_cast<std::uint16_t>(first));
      out.push_back(static_cast<std::uint16_t>(last));
    }
    first = last = c;
    open = true;
  }
  if (open) {
    out.push_back(static_cast<std::uint16_t>(first));
    out.push_back(static_cast<std::uint16_t>(last));
  }
  out.push_back(0);
  return out;
}

}  // namespace wb::desktop
