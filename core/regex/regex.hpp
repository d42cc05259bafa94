#pragma once
// ECMA-262 regular expressions (the dialect JSON Schema's "pattern" and "format": "regex" use), over UTF-8 text,
// matching by code point (so non-BMP characters such as 𠀀 count as one). Portable, no I/O, no globals, and no
// std::regex (slow, and not ECMA-262 for Unicode). Compile once, match many times.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace wb::regex {

struct CompileError {
  size_t offset = 0;   // code-point offset in the pattern where the problem was found
  std::string reason;  // English, short ("unterminated character class")
};

class Regex {
 public:
  // Compiles `pattern` with the Unicode ("u") flag semantics. nullopt + error when the pattern is not valid.
  static std::optional<Regex> compile(std::string_view pattern, CompileError* error = nullptr);

  // True when the pattern matches anywhere in `text` (unanchored search, as JSON Schema's "pattern" requires).
  // `text` is UTF-8. Matching is bounded: pathological patterns fail safe (see the implementation's step limit)
  // instead of hanging.
  bool search(std::string_view text) const;

  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  ~Regex();

 private:
  struct Program;
  explicit Regex(std::unique_ptr<Program> program);
  std::unique_ptr<Program> program_;
};

}  // namespace wb::regex
