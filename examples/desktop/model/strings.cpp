#include "examples/desktop/model/strings.hpp"

namespace wb::desktop {
namespace {

struct Entry {
  const char* zh;
  const char* en;
};

constexpr Entry kTexts[] = {
#define WB_TEXT(id, zh, en) {zh, en},
#include "examples/desktop/model/strings.def"
#undef WB_TEXT
};

}  // namespace

const char* text(T id, Lang lang) {
  const Entry& e = kTexts[static_cast<size_t>(id)];
  return lang == Lang::En ? e.en : e.zh;
}

std::string text(T id, Lang lang, const MessageArgs& args) { return render_template(text(id, lang), args); }

std::vector<const char*> all_texts() {
  std::vector<const char*> out;
  for (const auto& e : kTexts) {
    out.push_back(e.zh);
    out.push_back(e.en);
  }
  return out;
}

}  // namespace wb::desktop
