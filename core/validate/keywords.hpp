#pragma once
// Keyword evaluators (internal). One class per keyword, grouped by family in keywords_*.cpp. Node::eval (node.cpp)
// dispatches on Keyword::kind. Value keywords (type, enum, const, bounds, multipleOf, lengths, pattern, format) have
// an inline `check` giving the verdict without side effects, and an out-of-line `fail` that reports the error; the
// others have an `eval` that walks into child schemas.
//
// Hot paths read nlohmann::json through get_ptr (never the throwing accessors) and compare names with the helpers
// below rather than memcmp, which is a byte loop in the wasm libc.

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/utf8.hpp"
#include "core/regex/regex.hpp"
#include "core/validate/decimal.hpp"
#include "core/validate/formats.hpp"
#include "core/validate/node.hpp"

namespace wb::validate::detail {

static_assert(std::endian::native == std::endian::little, "the name helpers assume a little-endian target");

inline std::uint64_t load8(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// The first 8 bytes of a name as a big-endian number, zero padded: two prefixes order like the strings do
// (std::string's unsigned byte order) whenever they differ; equal prefixes need a look at the rest.
inline std::uint64_t name_prefix(const char* p, size_t n) {
  if (n >= 8) return __builtin_bswap64(load8(p));
  std::uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (56 - 8 * i);
  return v;
}
inline std::uint64_t name_prefix(std::string_view s) { return name_prefix(s.data(), s.size()); }

// memcmp(a, b, n) == 0, 8 bytes at a time.
inline bool bytes_equal(const char* a, const char* b, size_t n) {
  for (; n >= 8; n -= 8, a += 8, b += 8)
    if (load8(a) != load8(b)) return false;
  for (; n > 0; --n)
    if (*a++ != *b++) return false;
  return true;
}

inline bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && bytes_equal(a.data(), b.data(), a.size());
}

// std::string_view::compare's sign, 8 bytes at a time.
inline int compare_text(std::string_view a, std::string_view b) {
  const char* x = a.data();
  const char* y = b.data();
  size_t n = a.size() < b.size() ? a.size() : b.size();
  for (; n >= 8; n -= 8, x += 8, y += 8) {
    std::uint64_t u = load8(x), v = load8(y);
    if (u != v) return __builtin_bswap64(u) < __builtin_bswap64(v) ? -1 : 1;
  }
  for (; n > 0; --n, ++x, ++y)
    if (*x != *y) return static_cast<unsigned char>(*x) < static_cast<unsigned char>(*y) ? -1 : 1;
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

// A child schema reached through a keyword, with its keyword-location segment ("/properties/a", "/allOf/2").
struct Child {
  const Node* node = nullptr;
  std::string seg;
};

// --- applicators (keywords_applicators.cpp)
class RefKw : public Keyword {
 public:
  RefKw() : Keyword(KwKind::Ref) {}
  Child target;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class DynamicRefKw : public Keyword {
 public:
  DynamicRefKw() : Keyword(KwKind::DynamicRef) {}
  Child target;        // the static resolution
  std::string anchor;  // non-empty when the static target has a matching $dynamicAnchor (dynamic resolution)
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class AllOfKw : public Keyword {
 public:
  AllOfKw() : Keyword(KwKind::AllOf) {}
  std::vector<Child> children;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class AnyOfKw : public Keyword {
 public:
  AnyOfKw() : Keyword(KwKind::AnyOf) {}
  std::vector<Child> children;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class OneOfKw : public Keyword {
 public:
  OneOfKw() : Keyword(KwKind::OneOf) {}
  std::vector<Child> children;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class NotKw : public Keyword {
 public:
  NotKw() : Keyword(KwKind::Not) {}
  Child child;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class IfKw : public Keyword {
 public:
  IfKw() : Keyword(KwKind::If) {}
  Child if_, then_, else_;  // then_/else_ may be null
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class DependentSchemasKw : public Keyword {
 public:
  DependentSchemasKw() : Keyword(KwKind::DependentSchemas) {}
  std::vector<std::pair<std::string, Child>> entries;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

// --- objects (keywords_objects.cpp)
// properties + patternProperties + additionalProperties, evaluated in one pass over the (sorted) instance, or, when
// only a few of many instance members can match, by looking those few up.
class PropertiesKw : public Keyword {
 public:
  PropertiesKw() : Keyword(KwKind::Properties) {}
  struct Prop {
    std::string name;
    Child child;
    bool required = false;  // "required" folded into this pass (when every required name is a property)
    std::uint64_t prefix = 0;  // name_prefix(name)
  };
  struct Pattern {
    regex::Regex re;
    Child child;
  };
  std::vector<Prop> props;  // sorted by name
  std::vector<Pattern> patterns;
  Child additional;         // node null: none
  std::string additional_name = "additionalProperties";
  size_t required_count = 0;  // how many props are required (checked here instead of by a RequiredKw)
  void finish();              // after props are sorted: computes the prefixes
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;

 private:
  bool eval_lookup(const json::object_t& obj, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
  bool missing_required(const json::object_t& obj, Ctx& ctx, const InstPath* ip, const KwPath* kp) const;
};

class PropertyNamesKw : public Keyword {
 public:
  PropertyNamesKw() : Keyword(KwKind::PropertyNames) {}
  Child child;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class RequiredKw : public Keyword {
 public:
  RequiredKw() : Keyword(KwKind::Required) {}
  std::vector<std::string> names;  // sorted, unique
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class DependentRequiredKw : public Keyword {
 public:
  DependentRequiredKw() : Keyword(KwKind::DependentRequired) {}
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class PropertyCountKw : public Keyword {
 public:
  PropertyCountKw() : Keyword(KwKind::PropertyCount) {}
  size_t limit = 0;
  bool is_max = false;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class UnevaluatedPropertiesKw : public Keyword {
 public:
  UnevaluatedPropertiesKw() : Keyword(KwKind::UnevaluatedProperties) {}
  Child child;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

// --- arrays (keywords_arrays.cpp)
// prefixItems + items (2020-12), or items array + additionalItems / items schema (draft-07).
class ItemsKw : public Keyword {
 public:
  ItemsKw() : Keyword(KwKind::Items) {}
  std::vector<Child> prefix;
  Child rest;  // node null: none
  std::string rest_name;  // "items" or "additionalItems"
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class ContainsKw : public Keyword {
 public:
  ContainsKw() : Keyword(KwKind::Contains) {}
  Child child;
  size_t min = 1;
  std::optional<size_t> max;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class ItemCountKw : public Keyword {
 public:
  ItemCountKw() : Keyword(KwKind::ItemCount) {}
  size_t limit = 0;
  bool is_max = false;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class UniqueItemsKw : public Keyword {
 public:
  UniqueItemsKw() : Keyword(KwKind::UniqueItems) {}
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

class UnevaluatedItemsKw : public Keyword {
 public:
  UnevaluatedItemsKw() : Keyword(KwKind::UnevaluatedItems) {}
  Child child;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
};

// --- values (keywords_values.cpp)
enum TypeBit : unsigned {
  kNull = 1, kBoolean = 2, kObject = 4, kArray = 8, kNumber = 16, kString = 32, kInteger = 64
};

inline unsigned type_bits(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return kNull;
    case json::value_t::boolean: return kBoolean;
    case json::value_t::object: return kObject;
    case json::value_t::array: return kArray;
    case json::value_t::string: return kString;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return kNumber | kInteger;
    case json::value_t::number_float: {
      double d = *v.get_ptr<const json::number_float_t*>();
      return std::isfinite(d) && std::floor(d) == d ? (kNumber | kInteger) : kNumber;
    }
    default: return 0;
  }
}

// A number's value as a double (what json::get<double> gives); v must be a number.
inline double number_as_double(const json& v) {
  switch (v.type()) {
    case json::value_t::number_integer: return static_cast<double>(*v.get_ptr<const json::number_integer_t*>());
    case json::value_t::number_unsigned: return static_cast<double>(*v.get_ptr<const json::number_unsigned_t*>());
    default: return *v.get_ptr<const json::number_float_t*>();
  }
}

// -1, 0, 1: a compared with b (both numbers), exactly for integers.
inline int compare_numbers(const json& a, const json& b) {
  using vt = json::value_t;
  const vt ta = a.type(), tb = b.type();
  if (ta != vt::number_float && tb != vt::number_float) {
    const bool au = ta == vt::number_unsigned, bu = tb == vt::number_unsigned;
    if (au && bu) {
      auto x = *a.get_ptr<const json::number_unsigned_t*>(), y = *b.get_ptr<const json::number_unsigned_t*>();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (!au && !bu) {
      auto x = *a.get_ptr<const json::number_integer_t*>(), y = *b.get_ptr<const json::number_integer_t*>();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (au) {
      auto x = *a.get_ptr<const json::number_unsigned_t*>();
      auto y = *b.get_ptr<const json::number_integer_t*>();
      if (y < 0) return 1;
      auto uy = static_cast<std::uint64_t>(y);
      return x < uy ? -1 : x > uy ? 1 : 0;
    }
    auto x = *a.get_ptr<const json::number_integer_t*>();
    auto y = *b.get_ptr<const json::number_unsigned_t*>();
    if (x < 0) return -1;
    auto ux = static_cast<std::uint64_t>(x);
    return ux < y ? -1 : ux > y ? 1 : 0;
  }
  double x = number_as_double(a), y = number_as_double(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

bool json_equal(const json& a, const json& b);  // JSON Schema equality: 1 == 1.0, deep

class TypeKw : public Keyword {
 public:
  TypeKw() : Keyword(KwKind::Type) {}
  unsigned mask = 0;
  bool check(const json& inst) const { return (type_bits(inst) & mask) != 0; }
  void fail(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) const;
};

class EnumKw : public Keyword {
 public:
  EnumKw() : Keyword(KwKind::Enum) {}
  std::vector<json> values;
  std::vector<std::string> strings;  // when every value is a string: compared directly
  bool all_strings = false;
  bool check(const json& inst) const {
    if (all_strings) {
      const auto* s = inst.get_ptr<const json::string_t*>();
      if (s == nullptr) return false;
      for (const auto& v : strings)
        if (same_text(v, *s)) return true;
      return false;
    }
    for (const auto& v : values)
      if (json_equal(inst, v)) return true;
    return false;
  }
  void fail(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) const;
};

class ConstKw : public Keyword {
 public:
  ConstKw() : Keyword(KwKind::Const) {}
  json value;
  bool check(const json& inst) const {
    switch (value.type()) {
      case json::value_t::string: {
        const auto* s = inst.get_ptr<const json::string_t*>();
        return s != nullptr && same_text(*s, *value.get_ptr<const json::string_t*>());
      }
      case json::value_t::boolean: {
        const auto* b = inst.get_ptr<const json::boolean_t*>();
        return b != nullptr && *b == *value.get_ptr<const json::boolean_t*>();
      }
      default: return json_equal(inst, value);
    }
  }
  void fail(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) const;
};

class BoundKw : public Keyword {  // minimum, maximum, exclusiveMinimum, exclusiveMaximum
 public:
  BoundKw() : Keyword(KwKind::Bound) {}
  json limit;
  bool is_max = false;
  bool exclusive = false;
  bool check(const json& inst) const {
    if (!inst.is_number()) return true;
    int c = compare_numbers(inst, limit);
    return is_max ? (exclusive ? c < 0 : c <= 0) : (exclusive ? c > 0 : c >= 0);
  }
  void fail(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) const;
};

class MultipleOfKw : public Keyword {
 public:
  MultipleOfKw() : Keyword(KwKind::MultipleOf) {}
  json factor;
  Decimal decimal;
  double factor_value = 1;     // factor as a double
  std::uint64_t modulus = 0;   // decimal.digits as a number when it has at most 17 digits, else 0
  void finish();               // after factor and decimal are set: computes factor_value and modulus
  bool check(const json& inst) const {
    if (!inst.is_number()) return true;
    if (inst.type() == json::value_t::number_integer && factor.type() == json::value_t::number_integer)
      return *inst.get_ptr<const json::number_integer_t*>() % *factor.get_ptr<const json::number_integer_t*>() == 0;
    double q = number_as_double(inst) / factor_value;
    if (std::isfinite(q) && std::fabs(q) < 1e9 && std::fabs(q - std::nearbyint(q)) > 1e-6)
      return false;  // clearly not an integer quotient
    return exact(inst);
  }
  void fail(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) const;

 private:
  bool exact(const json& inst) const;  // is_multiple_of(decimal_of(inst), decimal), without allocating
};

class LengthKw : public Keyword {
 public:
  LengthKw() : Keyword(KwKind::Length) {}
  size_t limit = 0;
  bool is_max = false;
  bool check(const json& inst) const {
    const auto* s = inst.get_ptr<const json::string_t*>();
    if (s == nullptr) return true;
    const size_t bytes = s->size();
    if (is_max) {
      if (bytes <= limit) return true;  // bytes ≥ code points
      if (bytes / 4 > limit) return false;  // at most 4 bytes per code point
      return utf8_length(*s) <= limit;
    }
    if (bytes / 4 >= limit) return true;
    if (bytes < limit) return false;
    return utf8_length(*s) >= limit;
  }
  void fail(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) const;
};

// A fast matcher for the common anchored patterns of forms (^[0-9a-f]{64}$, ^[A-Z]{2}[0-9]{4}$): a sequence of
// ASCII character classes with counts, where greedy matching is exact (see simple_pattern.cpp). Anything else
// goes to the ECMA-262 engine.
class SimplePattern {
 public:
  static std::optional<SimplePattern> parse(std::string_view pattern);
  bool match(std::string_view text) const;

 private:
  struct Atom {
    bool in[256] = {};  // which bytes the class holds (ASCII only)
    size_t min = 1, max = 1;
  };
  std::vector<Atom> atoms_;
};

class PatternKw : public Keyword {
 public:
  explicit PatternKw(regex::Regex r) : Keyword(KwKind::Pattern), re(std::move(r)) {}
  regex::Regex re;
  std::optional<SimplePattern> simple;
  std::string source;
  bool check(const json& inst) const {
    const auto* s = inst.get_ptr<const json::string_t*>();
    if (s == nullptr) return true;
    return simple ? simple->match(*s) : re.search(*s);
  }
  void fail(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) const;
};

class FormatKw : public Keyword {
 public:
  FormatKw() : Keyword(KwKind::Format) {}
  Format format = Format::Date;
  std::string format_name;
  bool always_assert = false;  // the format-assertion vocabulary is on
  bool check(const json& inst, const Ctx& ctx) const {
    const auto* s = inst.get_ptr<const json::string_t*>();
    if (s == nullptr || !(always_assert || ctx.assert_formats)) return true;
    return check_format(format, *s);
  }
  void fail(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp) const;
};

}  // namespace wb::validate::detail
