#pragma once
// The desktop app's own texts (strings.def), looked up by id in the current language.

#include <string>
#include <vector>

#include "core/common/errors.hpp"

namespace wb::desktop {

enum class T {
#define WB_TEXT(id, zh, en) id,
#include "examples/desktop/model/strings.def"
#undef WB_TEXT
};

const char* text(T id, Lang lang);
// The text with {name} placeholders filled.
std::string text(T id, Lang lang, const MessageArgs& args);
// Every text in both languages (the font atlas needs their characters).
std::vector<const char*> all_texts();

}  // namespace wb::desktop
