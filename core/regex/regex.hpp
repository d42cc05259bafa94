#pragma once
// ECMA-262 regular expressions (the dialect JSON Schema's "pattern" and "format": "regex" use), over UTF-8 text,
// matching by code point (so non-BMP characters such as 𠀀 count as one). Portable, no I/O, no globals, and no
// std::regex (slow, and not ECMA-262 for Unicode). Compile once, match many times.
//
// The dialect is that of a JavaScript RegExp with the "u" flag and no other flags (no i, m, s, y, g, v): strict
// Unicode-mode syntax, \p{...} property escapes (General_Category, Script, Script_Extensions and ECMA-262's binary
// properties, Unicode 15.0), named groups, backreferences, lookahead and lookbehind.
//
// A compiled Regex is immutable: search() and exec() keep their state on the caller's side, so one Regex may be
// used from several threads at once. Limits: patterns nest at most 200 groups deep and expand to at most 200,000
// instructions (X{n,m} counts as m copies of X); past that compile() reports "pattern too large".

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wb::regex {

struct CompileError {
  size_t offset = 0;   // code-point offset in the pattern where the problem was found
  std::string reason;  // English, short ("unterminated character class")
};

// Bounds on the work one search may do. Patterns without backreferences or lookaround always get the exact answer
// in time linear in pattern size x text length (bounded by max_nfa_steps); the others run on a backtracker bounded
// by max_steps.
struct SearchLimits {
  size_t max_steps = 1'000'000;       // backtracking steps (one per instruction executed)
  size_t max_nfa_steps = 50'000'000;  // automaton thread steps (for enormous texts x patterns)
};

enum class SearchStatus {
  NoMatch,
  Match,
  LimitExceeded,  // gave up (a pathological pattern/text pair); search() reports this as "no match"
};

// The result of exec(): byte offsets into the searched text. groups[0] is the whole match, groups[i] capturing
// group i (nullopt when it did not participate), as ECMA-262 defines them.
struct Match {
  std::vector<std::optional<std::pair<size_t, size_t>>> groups;  // [begin, end) byte offsets
};

class Regex {
 public:
  // Compiles `pattern` with the Unicode ("u") flag semantics. nullopt + error when the pattern is not valid.
  static std::optional<Regex> compile(std::string_view pattern, CompileError* error = nullptr);

  // True when the pattern matches anywhere in `text` (unanchored search, as JSON Schema's "pattern" requires).
  // `text` is UTF-8. Matching is bounded: pathological patterns fail safe (see the implementation's step limit)
  // instead of hanging.
  bool search(std::string_view text) const;

  // search() with explicit limits, telling "gave up" apart from "no match".
  SearchStatus search_status(std::string_view text, const SearchLimits& limits = {}) const;

  // The leftmost match with its capture groups (ECMA-262 backtracking priorities), or nullopt when there is none
  // (or the step limit was reached). Invalid UTF-8 bytes in `text` each read as U+FFFD.
  std::optional<Match> exec(std::string_view text, const SearchLimits& limits = {}) const;

  size_t group_count() const;  // capturing groups, not counting the whole match

  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  ~Regex();

 private:
  struct Program;
  explicit Regex(std::unique_ptr<Program> program);
  std::unique_ptr<Program> program_;
};

}  // namespace wb::regex
