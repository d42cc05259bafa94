// SimplePattern: anchored sequences of ASCII classes with counts, matched greedily without backtracking. Greedy
// matching is exact only when a variable-length atom cannot also match the first character of the atom after
// it, so parse() accepts a pattern only when every such pair of classes is disjoint.
#include "core/validate/keywords.hpp"

namespace wb::validate::detail {
namespace {

bool parse_count(std::string_view p, size_t& i, size_t& out) {
  size_t start = i;
  out = 0;
  while (i < p.size() && p[i] >= '0' && p[i] <= '9' && i - start < 6) out = out * 10 + static_cast<size_t>(p[i++] - '0');
  return i > start;
}

}  // namespace

std::optional<SimplePattern> SimplePattern::parse(std::string_view p) {
  if (p.size() < 2 || p.front() != '^' || p.back() != '$') return std::nullopt;
  p = p.substr(1, p.size() - 2);
  SimplePattern sp;
  size_t i = 0;
  auto add_range = [](Atom& a, unsigned char lo, unsigned char hi) {
    for (unsigned c = lo; c <= hi; ++c) a.in[c] = true;
  };
  auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == ' ' || c == ':' || c == '@' || c == '/' || c == ',' || c == '#' || c == '%' || c == '=' || c == '&';
  };
  while (i < p.size()) {
    Atom a;
    char c = p[i];
    if (c == '[') {
      ++i;
      if (i < p.size() && p[i] == '^') return std::nullopt;
      while (i < p.size() && p[i] != ']') {
        char lo = p[i];
        if (lo == '\\') {
          if (i + 1 < p.size() && p[i + 1] == 'd') {
            add_range(a, '0', '9');
            i += 2;
            continue;
          }
          return std::nullopt;
        }
        if (!plain(lo) && lo != '.') return std::nullopt;
        if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
          char hi = p[i + 2];
          if (!plain(hi) || hi < lo) return std::nullopt;
          add_range(a, static_cast<unsigned char>(lo), static_cast<unsigned char>(hi));
          i += 3;
        } else {
          add_range(a, static_cast<unsigned char>(lo), static_cast<unsigned char>(lo));
          ++i;
        }
      }
      if (i >= p.size()) return std::nullopt;
      ++i;  // ']'
    } else if (c == '\\' && i + 1 < p.size() && p[i + 1] == 'd') {
      add_range(a, '0', '9');
      i += 2;
    } else if (plain(c)) {
      add_range(a, static_cast<unsigned char>(c), static_cast<unsigned char>(c));
      ++i;
    } else {
      return std::nullopt;
    }
    if (i < p.size()) {
      char q = p[i];
      if (q == '{') {
        ++i;
        if (!parse_count(p, i, a.min)) return std::nullopt;
        a.max = a.min;
        if (i < p.size() && p[i] == ',') {
          ++i;
          if (!parse_count(p, i, a.max)) return std::nullopt;
          if (a.max < a.min) return std::nullopt;
        }
        if (i >= p.size() || p[i] != '}') return std::nullopt;
        ++i;
      } else if (q == '+') {
        a.max = SIZE_MAX;
        ++i;
      } else if (q == '*') {
        a.min = 0;
        a.max = SIZE_MAX;
        ++i;
      } else if (q == '?') {
        a.min = 0;
        ++i;
      }
      if (i < p.size() && (p[i] == '?' || p[i] == '+' || p[i] == '*' || p[i] == '{')) return std::nullopt;
    }
    sp.atoms_.push_back(a);
  }
  // Greedy is exact when each variable atom is disjoint from the next atom's class.
  // (Optional atoms are skipped over: "a*b?a" must check a* against the final a too.)
  for (size_t k = 0; k < sp.atoms_.size(); ++k) {
    const Atom& x = sp.atoms_[k];
    if (x.min == x.max) continue;
    for (size_t j = k + 1; j < sp.atoms_.size(); ++j) {
      for (int b = 0; b < 256; ++b)
        if (x.in[b] && sp.atoms_[j].in[b]) return std::nullopt;
      if (sp.atoms_[j].min > 0) break;
    }
  }
  if (sp.atoms_.empty()) return std::nullopt;
  return sp;
}

bool SimplePattern::match(std::string_view text) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t left = text.size();
  for (const Atom& a : atoms_) {
    if (left < a.min) return false;
    const size_t limit = a.max < left ? a.max : left;
    size_t n = 0;
    while (n < limit && a.in[p[n]]) ++n;
    if (n < a.min) return false;
    p += n;
    left -= n;
  }
  return left == 0;
}

}  // namespace wb::validate::detail
