#pragma once
// Keyword evaluators (internal). One class per keyword, grouped by family in keywords_*.cpp.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/regex/regex.hpp"
#include "core/validate/decimal.hpp"
#include "core/validate/formats.hpp"
#include "core/validate/node.hpp"

namespace wb::validate::detail {

// A child schema reached through a keyword, with its keyword-location segment ("/properties/a", "/allOf/2").
struct Child {
  const Node* node = nullptr;
  std::string seg;
};

// --- applicators (keywords_applicators.cpp)
class RefKw : public Keyword {
 public:
  Child target;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class DynamicRefKw : public Keyword {
 public:
  Child target;        // the static resolution
  std::string anchor;  // non-empty when the static target has a matching $dynamicAnchor (dynamic resolution)
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class AllOfKw : public Keyword {
 public:
  std::vector<Child> children;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class AnyOfKw : public Keyword {
 public:
  std::vector<Child> children;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class OneOfKw : public Keyword {
 public:
  std::vector<Child> children;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class NotKw : public Keyword {
 public:
  Child child;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class IfKw : public Keyword {
 public:
  Child if_, then_, else_;  // then_/else_ may be null
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class DependentSchemasKw : public Keyword {
 public:
  std::vector<std::pair<std::string, Child>> entries;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

// --- objects (keywords_objects.cpp)
// properties + patternProperties + additionalProperties, evaluated in one pass over the (sorted) instance.
class PropertiesKw : public Keyword {
 public:
  struct Prop {
    std::string name;
    Child child;
    bool required = false;  // "required" folded into this pass (when every required name is a property)
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
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class PropertyNamesKw : public Keyword {
 public:
  Child child;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class RequiredKw : public Keyword {
 public:
  std::vector<std::string> names;  // sorted, unique
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class DependentRequiredKw : public Keyword {
 public:
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class PropertyCountKw : public Keyword {
 public:
  size_t limit = 0;
  bool is_max = false;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class UnevaluatedPropertiesKw : public Keyword {
 public:
  Child child;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

// --- arrays (keywords_arrays.cpp)
// prefixItems + items (2020-12), or items array + additionalItems / items schema (draft-07).
class ItemsKw : public Keyword {
 public:
  std::vector<Child> prefix;
  Child rest;  // node null: none
  std::string rest_name;  // "items" or "additionalItems"
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class ContainsKw : public Keyword {
 public:
  Child child;
  size_t min = 1;
  std::optional<size_t> max;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class ItemCountKw : public Keyword {
 public:
  size_t limit = 0;
  bool is_max = false;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class UniqueItemsKw : public Keyword {
 public:
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class UnevaluatedItemsKw : public Keyword {
 public:
  Child child;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

// --- values (keywords_values.cpp)
enum TypeBit : unsigned {
  kNull = 1, kBoolean = 2, kObject = 4, kArray = 8, kNumber = 16, kString = 32, kInteger = 64
};

bool json_equal(const json& a, const json& b);  // JSON Schema equality: 1 == 1.0, deep

class TypeKw : public Keyword {
 public:
  unsigned mask = 0;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class EnumKw : public Keyword {
 public:
  std::vector<json> values;
  std::vector<std::string> strings;  // when every value is a string: compared directly
  bool all_strings = false;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class ConstKw : public Keyword {
 public:
  json value;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class BoundKw : public Keyword {  // minimum, maximum, exclusiveMinimum, exclusiveMaximum
 public:
  json limit;
  bool is_max = false;
  bool exclusive = false;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class MultipleOfKw : public Keyword {
 public:
  json factor;
  Decimal decimal;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class LengthKw : public Keyword {
 public:
  size_t limit = 0;
  bool is_max = false;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
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
    unsigned char set[32] = {};  // bitset over ASCII
    size_t min = 1, max = 1;
    bool has(unsigned char c) const { return c < 128 && (set[c >> 3] & (1u << (c & 7))); }
  };
  std::vector<Atom> atoms_;
};

class PatternKw : public Keyword {
 public:
  explicit PatternKw(regex::Regex r) : re(std::move(r)) {}
  regex::Regex re;
  std::optional<SimplePattern> simple;
  std::string source;
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

class FormatKw : public Keyword {
 public:
  Format format = Format::Date;
  std::string format_name;
  bool always_assert = false;  // the format-assertion vocabulary is on
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const override;
};

}  // namespace wb::validate::detail
