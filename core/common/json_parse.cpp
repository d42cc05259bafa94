#include "core/common/json_parse.hpp"

#include <set>
#include <string>

#include "core/common/json_pointer.hpp"

namespace wb {
namespace {

using nlohmann::json;

struct TooDeep {};

struct Frame {
  bool is_array = false;
  size_t index = 0;         // arrays: index of the element being parsed
  std::string key;          // objects: key of the member being parsed
  std::set<std::string> keys;
};

std::string pointer_of(const std::vector<Frame>& frames, const std::string* last_key) {
  std::vector<std::string> tokens;
  for (size_t i = 0; i + 1 < frames.size(); ++i)
    tokens.push_back(frames[i].is_array ? std::to_string(frames[i].index) : frames[i].key);
  if (last_key) tokens.push_back(*last_key);
  return pointer_from_tokens(tokens);
}

void element_done(std::vector<Frame>& frames) {
  if (!frames.empty() && frames.back().is_array) ++frames.back().index;
}

// Drops nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix: we report the
// position ourselves, in characters rather than bytes.
std::string clean_parse_message(const std::string& what) {
  auto pos = what.find(": ");
  std::string msg = pos == std::string::npos ? what : what.substr(pos + 2);
  return msg;
}

// Walks back from the last byte of a token to its first: a string literal to its opening quote, a number or
// literal name to its first character. Anything else is a one-byte token.
size_t token_start(std::string_view text, size_t end) {
  if (end >= text.size()) return end;
  char c = text[end];
  if (c == '"') {
    size_t i = end;
    while (i > 0) {
      --i;
      if (text[i] != '"') continue;
      size_t backslashes = 0;
      while (i >= backslashes + 1 && text[i - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return end;
  }
  auto is_word = [](char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '.' || ch == '+' ||
           ch == '-';
  };
  if (!is_word(c)) return end;
  size_t i = end;
  while (i > 0 && is_word(text[i - 1])) --i;
  return i;
}

}  // namespace

void line_column_of(std::string_view text, size_t byte_offset, int& line, int& column) {
  line = 1;
  column = 1;
  size_t end = std::min(byte_offset, text.size());
  for (size_t i = 0; i < end; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not continuation bytes
      ++column;
    }
  }
}

JsonParseResult parse_json(std::string_view text, const JsonParseOptions& options) {
  JsonParseResult result;
  std::vector<Frame> frames;
  auto callback = [&](int depth, json::parse_event_t event, json& parsed) -> bool {
    if (depth > options.max_depth) throw TooDeep{};
    switch (event) {
      case json::parse_event_t::object_start:
        frames.push_back(Frame{});
        break;
      case json::parse_event_t::array_start:
        frames.push_back(Frame{true, 0, {}, {}});
        break;
      case json::parse_event_t::key: {
        Frame& f = frames.back();
        f.key = parsed.get<std::string>();
        if (options.reject_duplicate_keys && !f.keys.insert(f.key).second) {
          result.diagnostics.push_back(
              Diagnostic{ErrorCode::JsonDuplicateKey, pointer_of(frames, &f.key), {{"key", f.key}}, 0, 0});
        }
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!frames.empty()) frames.pop_back();
        element_done(frames);
        break;
      case json::parse_event_t::value:
        element_done(frames);
        break;
    }
    return true;
  };
  try {
    result.value = json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/true,
                               /*ignore_comments=*/false);
  } catch (const TooDeep&) {
    result.diagnostics.clear();
    result.diagnostics.push_back(Diagnostic{ErrorCode::JsonTooDeep,
                                            "",
                                            {{"limit", std::to_string(options.max_depth)}},
                                            0,
                                            0});
  } catch (const json::out_of_range& e) {
    // A number too large for a double (1e999): a syntax problem for the person who wrote it.
    result.diagnostics.clear();
    result.diagnostics.push_back(Diagnostic{ErrorCode::JsonNumberTooLarge, "", {}, 0, 0});
  } catch (const json::parse_error& e) {
    // nlohmann reports the last byte it read, the end of the offending token; people expect its start.
    size_t start = token_start(text, e.byte > 0 ? e.byte - 1 : 0);
    int line = 0, column = 0;
    line_column_of(text, start, line, column);
    result.diagnostics.clear();
    result.diagnostics.push_back(Diagnostic{ErrorCode::JsonSyntax,
                                            "",
                                            {{"line", std::to_string(line)},
                                             {"column", std::to_string(column)},
                                             {"detail", clean_parse_message(e.what())}},
                                            line,
                                            column});
  }
  return result;
}

}  // namespace wb
