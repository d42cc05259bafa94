// ECMA-262 regular expressions ("u" flag) over UTF-8. See regex.hpp for the dialect.
//
// Design
// ------
// compile(): the pattern (UTF-8, decoded to code points so error offsets are code-point offsets) is parsed by a
// recursive-descent parser with a nesting limit (kMaxDepth) into an AST held in a flat vector (no recursive
// destructors), then compiled to a small bytecode. Counted quantifiers are expanded (X{2,4} = X X X? X?) with a
// program-size limit (kMaxInstructions), so the bytecode needs no counters.
//
// Matching uses two engines over the same bytecode:
//   1. A backtracking VM with an explicit stack (never the C++ stack) and a step budget. It implements all of
//      ECMA-262: priorities of greedy/lazy quantifiers, captures (each choice point snapshots the capture and loop
//      registers, which are few), the empty-iteration check, backreferences, lookahead and lookbehind (the
//      lookbehind body is compiled right-to-left, as the spec evaluates it). Simple validation patterns
//      (^[0-9]{6}$, ^1[3-9]\d{9}$) run without a single heap allocation.
//   2. A Thompson/Pike NFA simulation (no captures: search() only needs a yes/no, and without backreferences and
//      lookaround the existence of a match does not depend on priorities or captures). It runs in
//      O(pattern x text) and is used when the program has no backreferences or lookaround and the backtracker ran
//      out of a small budget, so (a+)+b and friends get the exact answer quickly instead of exploding.
// Programs with backreferences or lookaround stay on the backtracker; past SearchLimits::max_steps the search
// gives up (search() reports no match, search_status() reports LimitExceeded). Unanchored searches skip start
// positions whose first code point cannot begin a match (a first-character set computed at compile time), and
// patterns starting with ^ are tried at position 0 only.
//
// Why not the NFA alone: for the short anchored patterns of form validation the backtracker is several times
// faster (no thread lists), and it is the only engine that can do backreferences, lookaround and exec() captures.
// Why not the backtracker alone: catastrophic patterns would then only be cut off by the step limit, which gives
// a wrong "no match" where the NFA gives the right answer in linear time.
//
// Text is decoded on the fly; invalid UTF-8 bytes read as U+FFFD, one per byte, consistently in both directions.

#include "core/regex/regex.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>

#include "core/regex/unicode_tables.hpp"

namespace wb::regex {

namespace {

constexpr uint32_t kNone = UINT32_MAX;
constexpr uint32_t kInfinity = UINT32_MAX;
constexpr size_t kNpos = static_cast<size_t>(-1);
constexpr int kMaxDepth = 200;              // nested groups/lookarounds
constexpr size_t kMaxInstructions = 200000;  // after expanding counted repetition
constexpr size_t kMaxPatternLength = 1 << 20;

// --- UTF-8 ------------------------------------------------------------------------------------------------------

inline bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

// Strict decoding (no overlongs, no surrogates, nothing above U+10FFFF). Invalid: U+FFFD, one byte.
inline char32_t decode_at(const unsigned char* s, size_t n, size_t pos, size_t& len) {
  unsigned char b0 = s[pos];
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  len = 1;
  if (b0 < 0xC2) return 0xFFFD;
  if (b0 < 0xE0) {
    if (pos + 1 < n && is_cont(s[pos + 1])) {
      len = 2;
      return (char32_t(b0 & 0x1F) << 6) | (s[pos + 1] & 0x3F);
    }
    return 0xFFFD;
  }
  if (b0 < 0xF0) {
    if (pos + 2 < n && is_cont(s[pos + 1]) && is_cont(s[pos + 2])) {
      unsigned char b1 = s[pos + 1];
      if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F)) return 0xFFFD;
      len = 3;
      return (char32_t(b0 & 0x0F) << 12) | (char32_t(b1 & 0x3F) << 6) | (s[pos + 2] & 0x3F);
    }
    return 0xFFFD;
  }
  if (b0 < 0xF5) {
    if (pos + 3 < n && is_cont(s[pos + 1]) && is_cont(s[pos + 2]) && is_cont(s[pos + 3])) {
      unsigned char b1 = s[pos + 1];
      if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F)) return 0xFFFD;
      len = 4;
      return (char32_t(b0 & 0x07) << 18) | (char32_t(b1 & 0x3F) << 12) | (char32_t(s[pos + 2] & 0x3F) << 6) |
             (s[pos + 3] & 0x3F);
    }
    return 0xFFFD;
  }
  return 0xFFFD;
}

// The code point that ends at `pos` (pos > 0), as forward decoding from the start of the text would see it.
inline char32_t decode_before(const unsigned char* s, size_t n, size_t pos, size_t& len) {
  unsigned char b = s[pos - 1];
  if (b < 0x80) {
    len = 1;
    return b;
  }
  if (is_cont(b)) {
    for (size_t k = 2; k <= 4 && k <= pos; ++k) {
      size_t j = pos - k;
      if (!is_cont(s[j])) {
        size_t l = 0;
        char32_t c = decode_at(s, n, j, l);
        if (j + l == pos && l == k) {
          len = l;
          return c;
        }
        break;
      }
    }
  }
  len = 1;
  return 0xFFFD;
}

inline bool is_word_byte(unsigned char b) {
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
}

// --- Character sets ---------------------------------------------------------------------------------------------

struct Range {
  char32_t lo, hi;
};
using RangeList = std::vector<Range>;

void normalize(RangeList& r) {
  std::sort(r.begin(), r.end(), [](const Range& a, const Range& b) { return a.lo < b.lo; });
  size_t out = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    if (out > 0 && r[i].lo <= r[out - 1].hi + 1) {
      r[out - 1].hi = std::max(r[out - 1].hi, r[i].hi);
    } else {
      r[out++] = r[i];
    }
  }
  r.resize(out);
}

RangeList complement(const RangeList& r) {  // r normalized
  RangeList out;
  char32_t next = 0;
  for (const Range& x : r) {
    if (x.lo > next) out.push_back({next, x.lo - 1});
    next = x.hi + 1;
  }
  if (next <= 0x10FFFF) out.push_back({next, 0x10FFFF});
  return out;
}

void append_table(const detail::PropertyTable& t, RangeList& out) {
  const unsigned char* p = t.data;
  const unsigned char* end = p + t.size;
  auto varint = [&]() {
    uint32_t v = 0;
    int shift = 0;
    while (p < end) {
      unsigned char b = *p++;
      v |= uint32_t(b & 0x7F) << shift;
      if (!(b & 0x80)) break;
      shift += 7;
    }
    return v;
  };
  char32_t prev = 0;
  while (p < end) {
    char32_t lo = prev + varint();
    char32_t hi = lo + varint();
    out.push_back({lo, hi});
    prev = hi + 1;
  }
}

struct NameOrder {
  bool operator()(const detail::PropertyName& a, std::string_view b) const { return std::string_view(a.name) < b; }
  bool operator()(std::string_view a, const detail::PropertyName& b) const { return a < std::string_view(b.name); }
};

const detail::PropertyName* find_property(std::string_view name, int kind) {
  auto names = detail::property_names();
  auto range = std::equal_range(names.begin(), names.end(), name, NameOrder{});
  for (auto it = range.first; it != range.second; ++it) {
    if (it->kind == kind) return &*it;
  }
  return nullptr;
}

// A compiled set: an ASCII bitmap plus sorted ranges for the rest.
struct CharClass {
  uint64_t ascii[2] = {0, 0};
  RangeList ranges;  // only the parts >= 0x80

  explicit CharClass(const RangeList& r) {
    for (const Range& x : r) {
      for (char32_t c = x.lo; c <= x.hi && c < 0x80; ++c) ascii[c >> 6] |= uint64_t(1) << (c & 63);
      if (x.hi >= 0x80) ranges.push_back({std::max<char32_t>(x.lo, 0x80), x.hi});
    }
  }
  bool contains(char32_t c) const {
    if (c < 0x80) return (ascii[c >> 6] >> (c & 63)) & 1;
    size_t lo = 0, hi = ranges.size();
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (c < ranges[mid].lo) {
        hi = mid;
      } else if (c > ranges[mid].hi) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }
};

RangeList digit_set() { return {{'0', '9'}}; }
RangeList word_set() { return {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}; }
RangeList space_set() {  // ECMA-262 WhiteSpace + LineTerminator
  return {{0x09, 0x0D}, {0x20, 0x20},     {0xA0, 0xA0},     {0x1680, 0x1680}, {0x2000, 0x200A},
          {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}};
}
RangeList dot_set() { return {{0, 0x09}, {0x0B, 0x0C}, {0x0E, 0x2027}, {0x202A, 0x10FFFF}}; }

// --- AST --------------------------------------------------------------------------------------------------------

enum class NK : uint8_t { Empty, Char, Set, Seq, Alt, Group, Repeat, Begin, End, WordB, NotWordB, Look, BackRef };

struct Node {
  NK kind = NK::Empty;
  bool greedy = true;
  bool behind = false;    // Look
  bool negative = false;  // Look
  char32_t ch = 0;        // Char
  uint32_t index = 0;     // Set: set index; Group/BackRef: group number (1-based)
  uint32_t min = 0, max = 0;
  uint32_t first_group = 0, end_group = 0;  // Repeat: capture groups inside [first, end)
  std::vector<uint32_t> kids;
};

// --- Bytecode ---------------------------------------------------------------------------------------------------

enum Op : uint8_t {
  kChar,       // a = code point
  kSet,        // a = class index
  kSplit,      // try a first, then b
  kJmp,        // a
  kSave,       // a = slot
  kResetCaps,  // slots [a, b) = unset
  kLoopMark,   // slot a = pos
  kLoopCheck,  // fail when pos == slot a (an empty iteration)
  kBegin,
  kEnd,
  kWordB,
  kNotWordB,
  kLookStart,  // a = continuation after the matching kLookEnd, b = register slot; flag kNegative
  kLookEnd,    // b = register slot
  kBackRef,    // a = group number
  kMatch,
};
constexpr uint8_t kBackward = 1;
constexpr uint8_t kNegative = 2;

struct Inst {
  Op op;
  uint8_t flags = 0;
  uint32_t a = 0, b = 0;
};

struct ProgramData {
  std::vector<Inst> code;
  std::vector<CharClass> classes;
  uint32_t groups = 0;
  uint32_t slots = 0;  // 2 per group, then loop/lookaround registers
  bool needs_backtracking = false;
  bool anchored = false;             // the program starts with ^
  std::optional<CharClass> first;    // when known: every match starts with one of these code points
};

}  // namespace

struct Regex::Program : ProgramData {};

namespace {

// --- Parser -----------------------------------------------------------------------------------------------------

class Parser {
 public:
  Parser(std::u32string_view pat, CompileError& err) : p_(pat), err_(err) {}

  std::vector<Node> nodes;
  std::vector<RangeList> sets;
  uint32_t groups = 0;
  bool has_backrefs = false, has_lookaround = false;

  uint32_t parse() {
    total_groups_ = prescan_groups();
    uint32_t root = disjunction();
    if (failed_) return kNone;
    if (i_ < p_.size()) {  // only ')' stops a top-level disjunction
      fail(i_, "unmatched ')'");
      return kNone;
    }
    for (const auto& ref : named_refs_) {
      auto it = names_.find(ref.name);
      if (it == names_.end()) {
        fail(ref.offset, "reference to an undefined group name");
        return kNone;
      }
      nodes[ref.node].index = it->second;
    }
    for (const auto& ref : numbered_refs_) {  // the prescan and the parse agree; this keeps slots in bounds anyway
      if (ref.first > groups) {
        fail(ref.second, "invalid escape (no such capture group)");
        return kNone;
      }
    }
    return root;
  }

 private:
  struct NamedRef {
    std::u32string name;
    uint32_t node;
    size_t offset;
  };
  std::u32string_view p_;
  CompileError& err_;
  size_t i_ = 0;
  int depth_ = 0;
  bool failed_ = false;
  uint32_t total_groups_ = 0;
  std::map<std::u32string, uint32_t> names_;
  std::vector<NamedRef> named_refs_;
  std::vector<std::pair<uint32_t, size_t>> numbered_refs_;  // group, offset
  RangeList id_start_, id_continue_;

  uint32_t fail(size_t offset, const char* reason) {
    if (!failed_) {
      failed_ = true;
      err_.offset = offset;
      err_.reason = reason;
    }
    return kNone;
  }
  bool error(size_t offset, const char* reason) {
    fail(offset, reason);
    return false;
  }
  bool at_end() const { return i_ >= p_.size(); }
  char32_t peek(size_t k = 0) const { return i_ + k < p_.size() ? p_[i_ + k] : char32_t(-1); }
  uint32_t add(Node n) {
    if (nodes.size() >= kMaxInstructions) return fail(i_, "pattern too large");
    nodes.push_back(std::move(n));
    return uint32_t(nodes.size() - 1);
  }
  uint32_t add_set(RangeList r) {
    normalize(r);
    sets.push_back(std::move(r));
    Node n;
    n.kind = NK::Set;
    n.index = uint32_t(sets.size() - 1);
    return add(std::move(n));
  }
  uint32_t add_simple(NK k) {
    Node n;
    n.kind = k;
    return add(std::move(n));
  }

  // Counts capturing groups ahead of parsing (\N may refer to a later group).
  uint32_t prescan_groups() const {
    uint32_t count = 0;
    bool in_class = false;
    for (size_t k = 0; k < p_.size(); ++k) {
      char32_t c = p_[k];
      if (c == '\\') {
        ++k;
      } else if (in_class) {
        if (c == ']') in_class = false;
      } else if (c == '[') {
        in_class = true;
      } else if (c == '(') {
        if (k + 1 < p_.size() && p_[k + 1] == '?') {
          if (k + 3 < p_.size() && p_[k + 2] == '<' && p_[k + 3] != '=' && p_[k + 3] != '!') ++count;
        } else {
          ++count;
        }
      }
    }
    return count;
  }

  uint32_t disjunction() {
    uint32_t first = alternative();
    if (failed_) return kNone;
    if (peek() != '|') return first;
    Node alt;
    alt.kind = NK::Alt;
    alt.kids.push_back(first);
    while (peek() == '|') {
      ++i_;
      uint32_t next = alternative();
      if (failed_) return kNone;
      alt.kids.push_back(next);
    }
    return add(std::move(alt));
  }

  uint32_t alternative() {
    Node seq;
    seq.kind = NK::Seq;
    while (!at_end() && peek() != '|' && peek() != ')') {
      uint32_t t = term();
      if (failed_) return kNone;
      seq.kids.push_back(t);
    }
    if (seq.kids.size() == 1) return seq.kids[0];
    if (seq.kids.empty()) return add_simple(NK::Empty);
    return add(std::move(seq));
  }

  bool is_quantifier_start() const {
    char32_t c = peek();
    return c == '*' || c == '+' || c == '?' || c == '{';
  }

  uint32_t term() {
    size_t start = i_;
    char32_t c = peek();
    uint32_t assertion = kNone;
    if (c == '^') {
      ++i_;
      assertion = add_simple(NK::Begin);
    } else if (c == '$') {
      ++i_;
      assertion = add_simple(NK::End);
    } else if (c == '\\' && (peek(1) == 'b' || peek(1) == 'B')) {
      i_ += 2;
      assertion = add_simple(c == '\\' && p_[start + 1] == 'b' ? NK::WordB : NK::NotWordB);
    } else if (c == '(' && peek(1) == '?' &&
               (peek(2) == '=' || peek(2) == '!' || (peek(2) == '<' && (peek(3) == '=' || peek(3) == '!')))) {
      bool behind = peek(2) == '<';
      bool negative = behind ? peek(3) == '!' : peek(2) == '!';
      i_ += behind ? 4 : 3;
      if (++depth_ > kMaxDepth) return fail(start, "pattern nested too deeply");
      uint32_t body = disjunction();
      --depth_;
      if (failed_) return kNone;
      if (peek() != ')') return fail(start, "unterminated group");
      ++i_;
      Node n;
      n.kind = NK::Look;
      n.behind = behind;
      n.negative = negative;
      n.kids.push_back(body);
      has_lookaround = true;
      assertion = add(std::move(n));
    }
    if (failed_) return kNone;
    if (assertion != kNone) {
      if (is_quantifier_start()) return fail(i_, "nothing to repeat");
      return assertion;
    }
    uint32_t groups_before = groups;
    uint32_t a = atom();
    if (failed_) return kNone;
    if (!is_quantifier_start()) return a;
    return quantifier(a, groups_before);
  }

  // Reads decimal digits, saturating. False when there are none.
  bool number(uint32_t& out) {
    if (!(peek() >= '0' && peek() <= '9')) return false;
    uint64_t v = 0;
    while (peek() >= '0' && peek() <= '9') {
      v = std::min<uint64_t>(v * 10 + (peek() - '0'), kInfinity - 1);
      ++i_;
    }
    out = uint32_t(v);
    return true;
  }

  // At '{': parses {n}, {n,} or {n,m}. False (position unchanged) when it is not one.
  bool braces(uint32_t& min, uint32_t& max) {
    size_t save = i_;
    ++i_;
    if (!number(min)) {
      i_ = save;
      return false;
    }
    max = min;
    if (peek() == ',') {
      ++i_;
      max = kInfinity;
      if (peek() != '}' && !number(max)) {
        i_ = save;
        return false;
      }
    }
    if (peek() != '}') {
      i_ = save;
      return false;
    }
    ++i_;
    return true;
  }

  uint32_t quantifier(uint32_t atom_node, uint32_t groups_before) {
    size_t start = i_;
    uint32_t min = 0, max = kInfinity;
    char32_t c = peek();
    if (c == '*') {
      ++i_;
    } else if (c == '+') {
      ++i_;
      min = 1;
    } else if (c == '?') {
      ++i_;
      max = 1;
    } else if (!braces(min, max)) {
      return fail(start, "incomplete quantifier");
    } else if (max < min) {
      return fail(start, "numbers out of order in {} quantifier");
    }
    bool greedy = true;
    if (peek() == '?') {
      ++i_;
      greedy = false;
    }
    Node n;
    n.kind = NK::Repeat;
    n.min = min;
    n.max = max;
    n.greedy = greedy;
    n.first_group = groups_before + 1;
    n.end_group = groups + 1;
    n.kids.push_back(atom_node);
    return add(std::move(n));
  }

  uint32_t atom() {
    size_t start = i_;
    char32_t c = peek();
    switch (c) {
      case '.':
        ++i_;
        return add_set(dot_set());
      case '(':
        return group();
      case '[':
        return char_class();
      case '\\':
        return atom_escape();
      case '*':
      case '+':
      case '?':
        return fail(start, "nothing to repeat");
      case '{': {
        uint32_t mn, mx;
        if (braces(mn, mx)) return fail(start, "nothing to repeat");
        return fail(start, "lone quantifier brackets");
      }
      case '}':
        return fail(start, "lone quantifier brackets");
      case ']':
        return fail(start, "lone ']' (escape it as \\])");
      default: {
        ++i_;
        Node n;
        n.kind = NK::Char;
        n.ch = c;
        return add(std::move(n));
      }
    }
  }

  uint32_t group() {
    size_t start = i_;
    ++i_;  // '('
    if (++depth_ > kMaxDepth) return fail(start, "pattern nested too deeply");
    uint32_t number_ = 0;
    if (peek() == '?') {
      if (peek(1) == ':') {
        i_ += 2;
      } else if (peek(1) == '<') {
        i_ += 2;
        std::u32string name;
        size_t name_at = i_;
        if (!group_name(name)) return kNone;
        if (names_.count(name)) return fail(name_at, "duplicate group name");
        number_ = ++groups;
        names_.emplace(std::move(name), number_);
      } else {
        return fail(start, "invalid group");
      }
    } else {
      number_ = ++groups;
    }
    uint32_t body = disjunction();
    --depth_;
    if (failed_) return kNone;
    if (peek() != ')') return fail(start, "unterminated group");
    ++i_;
    if (number_ == 0) return body;
    Node n;
    n.kind = NK::Group;
    n.index = number_;
    n.kids.push_back(body);
    return add(std::move(n));
  }

  bool in_table(const char* property, RangeList& cache, char32_t c) {
    if (cache.empty()) {
      if (const auto* e = find_property(property, 2)) append_table(detail::property_table(e->table), cache);
    }
    auto it = std::upper_bound(cache.begin(), cache.end(), c, [](char32_t v, const Range& r) { return v < r.lo; });
    return it != cache.begin() && c <= (it - 1)->hi;
  }

  // After "(?<" or "\k<": RegExpIdentifierName then '>'.
  bool group_name(std::u32string& name) {
    size_t start = i_;
    for (;;) {
      if (at_end()) return error(start, "invalid capture group name");
      char32_t c = peek();
      size_t at = i_;
      if (c == '>') {
        ++i_;
        break;
      }
      if (c == '\\') {
        ++i_;
        if (peek() != 'u') return error(at, "invalid capture group name");
        ++i_;
        if (!unicode_escape(c)) return error(at, "invalid Unicode escape");
      } else {
        ++i_;
      }
      bool ok;
      if (c < 0x80) {
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_' ||
             (!name.empty() && c >= '0' && c <= '9');
      } else if (name.empty()) {
        ok = in_table("ID_Start", id_start_, c);
      } else {
        ok = c == 0x200C || c == 0x200D || in_table("ID_Continue", id_continue_, c);
      }
      if (!ok) return error(at, "invalid capture group name");
      name.push_back(c);
    }
    if (name.empty()) return error(start, "invalid capture group name");
    return true;
  }

  static int hex(char32_t c) {
    if (c >= '0' && c <= '9') return int(c - '0');
    if (c >= 'a' && c <= 'f') return int(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return int(c - 'A' + 10);
    return -1;
  }

  bool hex4(char32_t& out) {
    char32_t v = 0;
    for (size_t k = 0; k < 4; ++k) {
      int h = hex(peek(k));
      if (h < 0) return false;
      v = v * 16 + char32_t(h);
    }
    i_ += 4;
    out = v;
    return true;
  }

  // After "\u": XXXX (a surrogate pair \uD83D\uDE00 combines), or {X...} up to 10FFFF.
  bool unicode_escape(char32_t& out) {
    if (peek() == '{') {
      size_t save = i_;
      ++i_;
      char32_t v = 0;
      size_t digits = 0;
      while (hex(peek()) >= 0) {
        v = v * 16 + char32_t(hex(peek()));
        if (v > 0x10FFFF) {
          i_ = save;
          return false;
        }
        ++i_;
        ++digits;
      }
      if (digits == 0 || peek() != '}') {
        i_ = save;
        return false;
      }
      ++i_;
      out = v;
      return true;
    }
    char32_t v;
    if (!hex4(v)) return false;
    if (v >= 0xD800 && v <= 0xDBFF && peek() == '\\' && peek(1) == 'u') {
      size_t save = i_;
      i_ += 2;
      char32_t lo;
      if (hex4(lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
      } else {
        i_ = save;
      }
    }
    out = v;
    return true;
  }

  static bool is_syntax_char(char32_t c) {
    switch (c) {
      case '^': case '$': case '\\': case '.': case '*': case '+': case '?':
      case '(': case ')': case '[': case ']': case '{': case '}': case '|': case '/':
        return true;
      default:
        return false;
    }
  }

  // After '\' at `at` (a CharacterEscape in u-mode). False with an error when invalid.
  bool char_escape(size_t at, char32_t& out, bool in_class) {
    char32_t c = peek();
    ++i_;
    switch (c) {
      case 'f': out = 0x0C; return true;
      case 'n': out = 0x0A; return true;
      case 'r': out = 0x0D; return true;
      case 't': out = 0x09; return true;
      case 'v': out = 0x0B; return true;
      case 'c': {
        char32_t l = peek();
        if ((l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z')) {
          ++i_;
          out = l % 32;
          return true;
        }
        return error(at, "invalid control escape (\\c needs a letter)");
      }
      case '0':
        if (peek() >= '0' && peek() <= '9') return error(at, "invalid decimal escape");
        out = 0;
        return true;
      case 'x': {
        int h1 = hex(peek()), h2 = hex(peek(1));
        if (h1 < 0 || h2 < 0) return error(at, "invalid hex escape (\\x needs two hex digits)");
        i_ += 2;
        out = char32_t(h1 * 16 + h2);
        return true;
      }
      case 'u':
        if (!unicode_escape(out)) return error(at, "invalid Unicode escape");
        return true;
      default:
        if (is_syntax_char(c) || (in_class && c == '-')) {
          out = c;
          return true;
        }
        if (c == char32_t(-1)) return error(at, "\\ at end of pattern");
        return error(at, "invalid escape");
    }
  }

  // \d \D \s \S \w \W \p{..} \P{..} at peek(); appends to `out`. False if not a class escape (nothing consumed).
  bool class_escape(size_t at, RangeList& out, bool& ok) {
    ok = true;
    char32_t c = peek();
    RangeList r;
    switch (c) {
      case 'd': case 'D': r = digit_set(); break;
      case 's': case 'S': r = space_set(); break;
      case 'w': case 'W': r = word_set(); break;
      case 'p': case 'P':
        ++i_;
        if (!property(at, r)) {
          ok = false;
          return true;
        }
        normalize(r);
        if (c == 'P') r = complement(r);
        out.insert(out.end(), r.begin(), r.end());
        return true;
      default:
        return false;
    }
    ++i_;
    normalize(r);
    if (c == 'D' || c == 'S' || c == 'W') r = complement(r);
    out.insert(out.end(), r.begin(), r.end());
    return true;
  }

  // After \p or \P: {Name}, {Name=Value}.
  bool property(size_t at, RangeList& out) {
    if (peek() != '{') return error(at, "invalid property name");
    ++i_;
    std::string name, value;
    bool has_value = false;
    for (;;) {
      char32_t c = peek();
      if (c == '}') {
        ++i_;
        break;
      }
      bool ident = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (c == '=' && !has_value) {
        has_value = true;
      } else if (ident) {
        (has_value ? value : name).push_back(char(c));
      } else {
        return error(at, "invalid property name");
      }
      ++i_;
    }
    const detail::PropertyName* e = nullptr;
    bool extensions = false;
    if (has_value) {
      if (name == "General_Category" || name == "gc") {
        e = find_property(value, 0);
      } else if (name == "Script" || name == "sc") {
        e = find_property(value, 1);
      } else if (name == "Script_Extensions" || name == "scx") {
        e = find_property(value, 1);
        extensions = true;
      } else {
        return error(at, "invalid property name");
      }
      if (!e) return error(at, "invalid property value");
    } else {
      e = find_property(name, 0);
      if (!e) e = find_property(name, 2);
      if (!e) return error(at, "invalid property name");
    }
    append_table(detail::property_table(extensions ? e->table2 : e->table), out);
    return true;
  }

  uint32_t atom_escape() {
    size_t at = i_;
    ++i_;  // '\'
    char32_t c = peek();
    if (c >= '1' && c <= '9') {
      uint32_t n = 0;
      number(n);
      if (n > total_groups_) return fail(at, "invalid escape (no such capture group)");
      numbered_refs_.emplace_back(n, at);
      Node node;
      node.kind = NK::BackRef;
      node.index = n;
      has_backrefs = true;
      return add(std::move(node));
    }
    if (c == 'k') {
      ++i_;
      if (peek() != '<') return fail(at, "invalid named reference");
      ++i_;
      std::u32string name;
      if (!group_name(name)) return kNone;
      Node node;
      node.kind = NK::BackRef;
      has_backrefs = true;
      uint32_t id = add(std::move(node));
      named_refs_.push_back({std::move(name), id, at});
      return id;
    }
    RangeList set;
    bool ok = true;
    if (class_escape(at, set, ok)) {
      if (!ok) return kNone;
      return add_set(std::move(set));
    }
    char32_t ch;
    if (!char_escape(at, ch, false)) return kNone;
    Node node;
    node.kind = NK::Char;
    node.ch = ch;
    return add(std::move(node));
  }

  // One class atom: a code point (is_set false) or a set (is_set true).
  bool class_atom(char32_t& ch, RangeList& set, bool& is_set) {
    size_t at = i_;
    is_set = false;
    char32_t c = peek();
    if (c != '\\') {
      ++i_;
      ch = c;
      return true;
    }
    ++i_;
    c = peek();
    if (c == 'b') {
      ++i_;
      ch = 0x08;
      return true;
    }
    if (c == '-') {
      ++i_;
      ch = '-';
      return true;
    }
    bool ok = true;
    if (class_escape(at, set, ok)) {
      is_set = true;
      return ok;
    }
    if (c >= '1' && c <= '9') return error(at, "invalid class escape");
    if (c == 'B' || c == 'k') return error(at, "invalid class escape");
    return char_escape(at, ch, true);
  }

  uint32_t char_class() {
    size_t start = i_;
    ++i_;  // '['
    bool negate = false;
    if (peek() == '^') {
      ++i_;
      negate = true;
    }
    RangeList out;
    for (;;) {
      if (at_end()) return fail(start, "unterminated character class");
      if (peek() == ']') {
        ++i_;
        break;
      }
      size_t a_at = i_;
      char32_t a = 0;
      RangeList a_set;
      bool a_is_set = false;
      if (!class_atom(a, a_set, a_is_set)) return kNone;
      if (peek() == '-' && i_ + 1 < p_.size() && peek(1) != ']') {
        ++i_;
        char32_t b = 0;
        RangeList b_set;
        bool b_is_set = false;
        if (!class_atom(b, b_set, b_is_set)) return kNone;
        if (a_is_set || b_is_set) return fail(a_at, "invalid character class range (\\d, \\w... as an end)");
        if (a > b) return fail(a_at, "range out of order in character class");
        out.push_back({a, b});
      } else if (a_is_set) {
        out.insert(out.end(), a_set.begin(), a_set.end());
      } else {
        out.push_back({a, a});
      }
    }
    normalize(out);
    if (negate) out = complement(out);
    return add_set(std::move(out));
  }
};

// --- Compiler ---------------------------------------------------------------------------------------------------

class Compiler {
 public:
  Compiler(const Parser& parser, ProgramData& prog) : ps_(parser), prog_(prog) {}

  bool too_large = false;
  uint32_t registers = 0;

  void compile(uint32_t root) {
    nullable_.assign(ps_.nodes.size(), -1);
    class_of_set_.assign(ps_.sets.size(), kNone);
    register_of_node_.assign(ps_.nodes.size(), kNone);
    emit_node(root, false);
    emit({kMatch});
  }

 private:
  const Parser& ps_;
  ProgramData& prog_;
  std::vector<int8_t> nullable_;
  std::vector<uint32_t> class_of_set_;
  std::vector<uint32_t> register_of_node_;  // only loops that can iterate empty, and lookarounds, need one

  uint32_t here() const { return uint32_t(prog_.code.size()); }
  uint32_t emit(Inst in) {
    if (prog_.code.size() >= kMaxInstructions) {
      too_large = true;
      return here();
    }
    prog_.code.push_back(in);
    return here() - 1;
  }
  uint32_t reg_slot(uint32_t node) {
    if (register_of_node_[node] == kNone) register_of_node_[node] = registers++;
    return prog_.groups * 2 + register_of_node_[node];
  }

  bool nullable(uint32_t id) {
    if (nullable_[id] >= 0) return nullable_[id] != 0;
    const Node& n = ps_.nodes[id];
    bool r = false;
    switch (n.kind) {
      case NK::Char:
      case NK::Set:
        r = false;
        break;
      case NK::Seq:
        r = true;
        for (uint32_t k : n.kids) r = r && nullable(k);
        break;
      case NK::Alt:
        for (uint32_t k : n.kids) r = r || nullable(k);
        break;
      case NK::Group:
        r = nullable(n.kids[0]);
        break;
      case NK::Repeat:
        r = n.min == 0 || nullable(n.kids[0]);
        break;
      default:
        r = true;
    }
    nullable_[id] = r ? 1 : 0;
    return r;
  }

  void emit_node(uint32_t id, bool back) {
    if (too_large) return;
    const Node& n = ps_.nodes[id];
    uint8_t dir = back ? kBackward : 0;
    switch (n.kind) {
      case NK::Empty:
        break;
      case NK::Char:
        emit({kChar, dir, n.ch, 0});
        break;
      case NK::Set: {
        const RangeList& r = ps_.sets[n.index];
        if (r.size() == 1 && r[0].lo == r[0].hi) {
          emit({kChar, dir, r[0].lo, 0});
        } else {
          if (class_of_set_[n.index] == kNone) {
            prog_.classes.emplace_back(r);
            class_of_set_[n.index] = uint32_t(prog_.classes.size() - 1);
          }
          emit({kSet, dir, class_of_set_[n.index], 0});
        }
        break;
      }
      case NK::Seq:
        if (back) {
          for (size_t k = n.kids.size(); k-- > 0;) emit_node(n.kids[k], back);
        } else {
          for (uint32_t k : n.kids) emit_node(k, back);
        }
        break;
      case NK::Alt: {
        std::vector<uint32_t> jumps;
        for (size_t k = 0; k < n.kids.size(); ++k) {
          if (k + 1 < n.kids.size()) {
            uint32_t split = emit({kSplit, 0, 0, 0});
            if (too_large) return;
            prog_.code[split].a = here();
            emit_node(n.kids[k], back);
            jumps.push_back(emit({kJmp, 0, 0, 0}));
            if (too_large) return;
            prog_.code[split].b = here();
          } else {
            emit_node(n.kids[k], back);
          }
        }
        if (too_large) return;
        for (uint32_t j : jumps) prog_.code[j].a = here();
        break;
      }
      case NK::Group: {
        uint32_t s0 = (n.index - 1) * 2;
        emit({kSave, 0, back ? s0 + 1 : s0, 0});
        emit_node(n.kids[0], back);
        emit({kSave, 0, back ? s0 : s0 + 1, 0});
        break;
      }
      case NK::Begin:
        emit({kBegin});
        break;
      case NK::End:
        emit({kEnd});
        break;
      case NK::WordB:
        emit({kWordB});
        break;
      case NK::NotWordB:
        emit({kNotWordB});
        break;
      case NK::BackRef:
        emit({kBackRef, dir, n.index, 0});
        break;
      case NK::Look: {
        uint32_t reg = reg_slot(id);
        uint32_t start = emit({kLookStart, uint8_t(n.negative ? kNegative : 0), 0, reg});
        emit_node(n.kids[0], n.behind);
        emit({kLookEnd, 0, 0, reg});
        if (too_large) return;
        prog_.code[start].a = here();
        break;
      }
      case NK::Repeat:
        emit_repeat(n, id, back);
        break;
    }
  }

  void emit_iteration(const Node& n, uint32_t id, bool back, bool check_empty) {
    uint32_t body = n.kids[0];
    uint32_t reg = check_empty ? reg_slot(id) : 0;
    if (check_empty) emit({kLoopMark, 0, reg, 0});
    if (n.end_group > n.first_group) emit({kResetCaps, 0, (n.first_group - 1) * 2, (n.end_group - 1) * 2});
    emit_node(body, back);
    if (check_empty) emit({kLoopCheck, 0, reg, 0});
  }

  void emit_repeat(const Node& n, uint32_t id, bool back) {
    if (n.max == 0) return;
    bool can_be_empty = nullable(n.kids[0]);
    for (uint32_t k = 0; k < n.min && !too_large; ++k) emit_iteration(n, id, back, false);
    if (n.max == kInfinity) {
      uint32_t split = emit({kSplit, 0, 0, 0});
      uint32_t body = here();
      emit_iteration(n, id, back, can_be_empty);
      emit({kJmp, 0, split, 0});
      if (too_large) return;
      uint32_t after = here();
      prog_.code[split].a = n.greedy ? body : after;
      prog_.code[split].b = n.greedy ? after : body;
      return;
    }
    std::vector<uint32_t> splits;
    for (uint32_t k = n.min; k < n.max && !too_large; ++k) {
      uint32_t split = emit({kSplit, 0, 0, 0});
      splits.push_back(split);
      if (too_large) return;
      prog_.code[split].a = here();  // patched below for lazy
      emit_iteration(n, id, back, can_be_empty);
    }
    if (too_large) return;
    uint32_t after = here();
    for (uint32_t s : splits) {
      uint32_t body = s + 1;
      prog_.code[s].a = n.greedy ? body : after;
      prog_.code[s].b = n.greedy ? after : body;
    }
  }
};

// Code points that can start a match, when that is decidable from the start of the program (no empty match,
// no lookaround or backreference first). Assertions are stepped over (a superset is fine).
std::optional<CharClass> first_set(const ProgramData& prog) {
  const auto& code = prog.code;
  std::vector<char> seen(code.size(), 0);
  std::vector<uint32_t> work{0};
  RangeList ranges;
  size_t budget = 4096;
  while (!work.empty()) {
    uint32_t pc = work.back();
    work.pop_back();
    if (seen[pc]) continue;
    seen[pc] = 1;
    if (--budget == 0) return std::nullopt;
    const Inst& in = code[pc];
    switch (in.op) {
      case kChar:
        ranges.push_back({in.a, in.a});
        break;
      case kSet: {
        const CharClass& cc = prog.classes[in.a];
        for (char32_t c = 0; c < 0x80; ++c) {
          if (cc.contains(c)) ranges.push_back({c, c});
        }
        ranges.insert(ranges.end(), cc.ranges.begin(), cc.ranges.end());
        break;
      }
      case kSplit:
        work.push_back(in.a);
        work.push_back(in.b);
        break;
      case kJmp:
        work.push_back(in.a);
        break;
      case kSave:
      case kResetCaps:
      case kLoopMark:
      case kLoopCheck:
      case kBegin:
      case kEnd:
      case kWordB:
      case kNotWordB:
        work.push_back(pc + 1);
        break;
      default:  // kMatch, lookaround, backreferences
        return std::nullopt;
    }
  }
  normalize(ranges);
  if (ranges.size() == 1 && ranges[0].lo == 0 && ranges[0].hi == 0x10FFFF) return std::nullopt;
  return CharClass(ranges);
}

// --- Backtracking VM --------------------------------------------------------------------------------------------

constexpr size_t kMarker = size_t(1) << (sizeof(size_t) * 8 - 1);
constexpr size_t kMaxStackWords = size_t(1) << 22;  // 16 MB (wasm32) / 32 MB (64-bit) of choice points

class Backtracker {
 public:
  Backtracker(const ProgramData& prog, std::string_view text, size_t limit)
      : p_(prog), s_(reinterpret_cast<const unsigned char*>(text.data())), n_(text.size()), limit_(limit) {}

  std::vector<size_t> slots;
  size_t steps = 0;

  // 1: match (end in `end`), 0: none, -1: step limit.
  int run(size_t start, size_t& end) {
    const size_t nslots = p_.slots;
    const size_t frame = 2 + nslots;
    slots.assign(nslots, kNpos);
    stack_.clear();
    uint32_t pc = 0;
    size_t pos = start;
    const Inst* code = p_.code.data();
    for (;;) {
      if (++steps > limit_) return -1;
      const Inst& in = code[pc];
      switch (in.op) {
        case kChar: {
          if (!(in.flags & kBackward)) {
            if (pos >= n_) goto fail;
            unsigned char b = s_[pos];
            if (b < 0x80) {
              if (b != in.a) goto fail;
              ++pos;
            } else {
              if (in.a < 0x80) goto fail;
              size_t len;
              if (decode_at(s_, n_, pos, len) != in.a) goto fail;
              pos += len;
            }
          } else {
            if (pos == 0) goto fail;
            size_t len;
            if (decode_before(s_, n_, pos, len) != in.a) goto fail;
            pos -= len;
          }
          ++pc;
          continue;
        }
        case kSet: {
          const CharClass& cc = p_.classes[in.a];
          if (!(in.flags & kBackward)) {
            if (pos >= n_) goto fail;
            unsigned char b = s_[pos];
            if (b < 0x80) {
              if (!((cc.ascii[b >> 6] >> (b & 63)) & 1)) goto fail;
              ++pos;
            } else {
              size_t len;
              if (!cc.contains(decode_at(s_, n_, pos, len))) goto fail;
              pos += len;
            }
          } else {
            if (pos == 0) goto fail;
            size_t len;
            if (!cc.contains(decode_before(s_, n_, pos, len))) goto fail;
            pos -= len;
          }
          ++pc;
          continue;
        }
        case kSplit:
          push(in.b, pos);
          pc = in.a;
          continue;
        case kJmp:
          pc = in.a;
          continue;
        case kSave:
          slots[in.a] = pos;
          ++pc;
          continue;
        case kResetCaps:
          for (uint32_t k = in.a; k < in.b; ++k) slots[k] = kNpos;
          ++pc;
          continue;
        case kLoopMark:
          slots[in.a] = pos;
          ++pc;
          continue;
        case kLoopCheck:
          if (slots[in.a] == pos) goto fail;
          ++pc;
          continue;
        case kBegin:
          if (pos != 0) goto fail;
          ++pc;
          continue;
        case kEnd:
          if (pos != n_) goto fail;
          ++pc;
          continue;
        case kWordB:
        case kNotWordB: {
          bool a = pos > 0 && is_word_byte(s_[pos - 1]);
          bool b = pos < n_ && is_word_byte(s_[pos]);
          if ((a != b) != (in.op == kWordB)) goto fail;
          ++pc;
          continue;
        }
        case kLookStart: {
          size_t at = stack_.size();
          push(uint32_t(pc), pos, kMarker);
          slots[in.b] = at;
          ++pc;
          continue;
        }
        case kLookEnd: {
          size_t at = slots[in.b];
          uint32_t start_pc = uint32_t(stack_[at] & ~kMarker);
          size_t saved_pos = stack_[at + 1];
          const Inst& look = code[start_pc];
          if (look.flags & kNegative) {
            stack_.resize(at);  // the body matched: the negative lookaround fails, and so does all inside it
            goto fail;
          }
          stack_.resize(at);  // atomic: forget the body's alternatives, keep its captures
          pos = saved_pos;
          pc = look.a;
          continue;
        }
        case kBackRef: {
          size_t b0 = slots[(in.a - 1) * 2], b1 = slots[(in.a - 1) * 2 + 1];
          if (b0 != kNpos && b1 != kNpos && b1 > b0) {
            size_t len = b1 - b0;
            if (!(in.flags & kBackward)) {
              if (n_ - pos < len || std::memcmp(s_ + pos, s_ + b0, len) != 0) goto fail;
              pos += len;
            } else {
              if (pos < len || std::memcmp(s_ + pos - len, s_ + b0, len) != 0) goto fail;
              pos -= len;
            }
          }
          ++pc;
          continue;
        }
        case kMatch:
          end = pos;
          return 1;
      }
    fail:
      for (;;) {
        if (stack_.empty()) return 0;
        if (++steps > limit_) return -1;
        size_t top = stack_.size() - frame;
        size_t tag = stack_[top];
        pos = stack_[top + 1];
        std::copy(stack_.begin() + long(top) + 2, stack_.begin() + long(top + frame), slots.begin());
        stack_.resize(top);
        if (tag & kMarker) {
          const Inst& look = code[tag & ~kMarker];
          if (look.flags & kNegative) {  // the body failed: the negative lookaround succeeds
            pc = look.a;
            break;
          }
          continue;  // a positive lookaround whose body failed
        }
        pc = uint32_t(tag);
        break;
      }
    }
  }

 private:
  const ProgramData& p_;
  const unsigned char* s_;
  size_t n_;
  size_t limit_;
  std::vector<size_t> stack_;

  void push(uint32_t pc, size_t pos, size_t tag = 0) {
    // Each choice point snapshots the registers: charge for the copy, and bound the memory.
    steps += slots.size() / 8;
    if (stack_.size() > kMaxStackWords) steps = limit_;
    if (stack_.capacity() == 0) stack_.reserve(64 + 4 * slots.size());
    stack_.push_back(size_t(pc) | tag);
    stack_.push_back(pos);
    stack_.insert(stack_.end(), slots.begin(), slots.end());
  }
};

// --- Pike VM (existence only) -----------------------------------------------------------------------------------

class PikeVM {
 public:
  PikeVM(const ProgramData& prog, std::string_view text, size_t limit)
      : p_(prog), s_(reinterpret_cast<const unsigned char*>(text.data())), n_(text.size()), limit_(limit) {
    cur_.dense.reserve(prog.code.size());
    next_.dense.reserve(prog.code.size());
    mark_.assign(prog.code.size(), 0);
  }

  // 1 match, 0 none, -1 limit.
  int run() {
    bool matched = false;
    add(cur_, 0, 0, matched);
    if (matched) return 1;
    size_t pos = 0;
    while (pos < n_) {
      if (cur_.dense.empty() && p_.anchored) return 0;
      size_t len;
      char32_t c = decode_at(s_, n_, pos, len);
      size_t npos = pos + len;
      next_.dense.clear();
      steps_ += cur_.dense.size() + 1;
      if (steps_ > limit_) return -1;
      for (uint32_t pc : cur_.dense) {
        const Inst& in = p_.code[pc];
        bool ok = false;
        if (in.op == kChar) {
          ok = c == in.a;
        } else if (in.op == kSet) {
          ok = p_.classes[in.a].contains(c);
        }
        if (ok) {
          add(next_, pc + 1, npos, matched);
          if (matched) return 1;
        }
      }
      if (!p_.anchored) {
        add(next_, 0, npos, matched);
        if (matched) return 1;
      }
      std::swap(cur_, next_);
      pos = npos;
    }
    return 0;
  }

 private:
  struct List {
    std::vector<uint32_t> dense;  // consuming states (kChar/kSet), in insertion order
  };
  const ProgramData& p_;
  const unsigned char* s_;
  size_t n_;
  size_t limit_;
  size_t steps_ = 0;
  List cur_, next_;
  std::vector<uint32_t> work_;
  std::vector<uint32_t> mark_;  // generation per pc for the epsilon closure
  uint32_t generation_ = 0;

  void add(List& list, uint32_t pc0, size_t pos, bool& matched) {
    // One generation per (list, position): closures started from several states at the same position share it.
    if (&list != last_list_ || pos != last_pos_) {
      ++generation_;
      last_list_ = &list;
      last_pos_ = pos;
    }
    work_.clear();
    work_.push_back(pc0);
    while (!work_.empty()) {
      uint32_t pc = work_.back();
      work_.pop_back();
      if (mark_[pc] == generation_) continue;
      mark_[pc] = generation_;
      ++steps_;
      const Inst& in = p_.code[pc];
      switch (in.op) {
        case kChar:
        case kSet:
          list.dense.push_back(pc);
          break;
        case kSplit:
          work_.push_back(in.b);
          work_.push_back(in.a);
          break;
        case kJmp:
          work_.push_back(in.a);
          break;
        case kBegin:
          if (pos == 0) work_.push_back(pc + 1);
          break;
        case kEnd:
          if (pos == n_) work_.push_back(pc + 1);
          break;
        case kWordB:
        case kNotWordB: {
          bool a = pos > 0 && is_word_byte(s_[pos - 1]);
          bool b = pos < n_ && is_word_byte(s_[pos]);
          if ((a != b) == (in.op == kWordB)) work_.push_back(pc + 1);
          break;
        }
        case kMatch:
          matched = true;
          return;
        default:  // kSave, kResetCaps, kLoopMark, kLoopCheck (no lookaround/backrefs here)
          work_.push_back(pc + 1);
      }
    }
  }
  const List* last_list_ = nullptr;
  size_t last_pos_ = kNpos;
};

}  // namespace

// --- Public API -------------------------------------------------------------------------------------------------

Regex::Regex(std::unique_ptr<Program> program) : program_(std::move(program)) {}
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;
Regex::~Regex() = default;

std::optional<Regex> Regex::compile(std::string_view pattern, CompileError* error) {
  CompileError local;
  CompileError& err = error ? *error : local;
  err = CompileError{};
  if (pattern.size() > kMaxPatternLength) {
    err.offset = 0;
    err.reason = "pattern too large";
    return std::nullopt;
  }
  std::u32string cps;
  cps.reserve(pattern.size());
  const auto* s = reinterpret_cast<const unsigned char*>(pattern.data());
  for (size_t pos = 0; pos < pattern.size();) {
    size_t len;
    char32_t c = decode_at(s, pattern.size(), pos, len);
    if (len == 1 && s[pos] >= 0x80) {
      err.offset = cps.size();
      err.reason = "invalid UTF-8 in pattern";
      return std::nullopt;
    }
    cps.push_back(c);
    pos += len;
  }
  Parser parser(cps, err);
  uint32_t root = parser.parse();
  if (root == kNone) return std::nullopt;

  auto prog = std::make_unique<Program>();
  prog->groups = parser.groups;
  Compiler compiler(parser, *prog);
  compiler.compile(root);
  if (compiler.too_large) {
    err.offset = 0;
    err.reason = "pattern too large (after expanding {n,m} repetition)";
    return std::nullopt;
  }
  prog->slots = parser.groups * 2 + compiler.registers;
  prog->needs_backtracking = parser.has_backrefs || parser.has_lookaround;
  prog->anchored = prog->code[0].op == kBegin;
  if (!prog->anchored) prog->first = first_set(*prog);
  return Regex(std::move(prog));
}

size_t Regex::group_count() const { return program_ ? program_->groups : 0; }

namespace {

// Runs the backtracker from each candidate start; 1/0/-1 as Backtracker::run, with the match start in `start`.
int backtrack_search(const ProgramData& p, std::string_view text, Backtracker& bt, size_t& start, size_t& end) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t pos = 0;;) {
    size_t len = 1;
    bool candidate = true;
    if (p.first) {
      if (pos >= n) return 0;
      unsigned char b = s[pos];
      if (b < 0x80) {
        candidate = (p.first->ascii[b >> 6] >> (b & 63)) & 1;
      } else {
        candidate = p.first->contains(decode_at(s, n, pos, len));
      }
    }
    if (candidate) {
      int r = bt.run(pos, end);
      if (r != 0) {
        start = pos;
        return r;
      }
    }
    if (p.anchored || pos >= n) return 0;
    if (!p.first) decode_at(s, n, pos, len);
    pos += len;
  }
}

}  // namespace

SearchStatus Regex::search_status(std::string_view text, const SearchLimits& limits) const {
  if (!program_) return SearchStatus::NoMatch;
  const Program& p = *program_;
  size_t start = 0, end = 0;
  if (p.needs_backtracking) {
    Backtracker bt(p, text, limits.max_steps);
    int r = backtrack_search(p, text, bt, start, end);
    return r > 0 ? SearchStatus::Match : r == 0 ? SearchStatus::NoMatch : SearchStatus::LimitExceeded;
  }
  // Regular patterns: try the (allocation-free, usually faster) backtracker on a small budget, then the NFA.
  size_t budget = std::min(limits.max_steps, 256 + 8 * text.size() + 2 * p.code.size());
  Backtracker bt(p, text, budget);
  int r = backtrack_search(p, text, bt, start, end);
  if (r >= 0) return r > 0 ? SearchStatus::Match : SearchStatus::NoMatch;
  PikeVM vm(p, text, limits.max_nfa_steps);
  r = vm.run();
  return r > 0 ? SearchStatus::Match : r == 0 ? SearchStatus::NoMatch : SearchStatus::LimitExceeded;
}

bool Regex::search(std::string_view text) const { return search_status(text) == SearchStatus::Match; }

std::optional<Match> Regex::exec(std::string_view text, const SearchLimits& limits) const {
  if (!program_) return std::nullopt;
  const Program& p = *program_;
  Backtracker bt(p, text, limits.max_steps);
  size_t start = 0, end = 0;
  if (backtrack_search(p, text, bt, start, end) <= 0) return std::nullopt;
  Match m;
  m.groups.resize(p.groups + 1);
  m.groups[0] = std::make_pair(start, end);
  for (uint32_t g = 1; g <= p.groups; ++g) {
    size_t b = bt.slots[(g - 1) * 2], e = bt.slots[(g - 1) * 2 + 1];
    if (b != kNpos && e != kNpos) m.groups[g] = std::make_pair(b, e);
  }
  return m;
}

}  // namespace wb::regex
