#pragma once
// The compiled form of a schema (internal): a graph of Nodes, one per schema location, each holding the keyword
// evaluators of that location with every $ref already resolved to its target Node. Evaluation walks this graph;
// locations are kept as linked frames on the C++ stack and turned into strings only when an error is reported,
// so valid data costs no allocations.

#include <nlohmann/json.hpp>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/validate/validator.hpp"

namespace wb::validate::detail {

using json = nlohmann::json;

// Where we are in the instance: a linked list of tokens up to the root.
struct InstPath {
  const InstPath* parent = nullptr;
  std::string_view key;
  size_t index = 0;
  bool is_index = false;
};

// Where we are in the schema along the evaluation path: each frame adds a pre-escaped segment ("/properties/a").
struct KwPath {
  const KwPath* parent = nullptr;
  std::string_view seg;
};

std::string materialize(const InstPath* p);
std::string materialize(const KwPath* p);

// Annotations collected for unevaluatedProperties / unevaluatedItems (only when a schema needs them).
struct Annotations {
  bool all_props = false;
  std::vector<std::string_view> props;
  bool all_items = false;
  size_t prefix = 0;           // items [0, prefix) evaluated
  std::vector<size_t> items;   // other evaluated indices (contains)

  void merge(const Annotations& o);
  bool has_prop(std::string_view name) const;
  bool has_item(size_t i) const;
};

class Node;

struct Resource {
  std::string uri;
  std::vector<std::pair<std::string, const Node*>> dynamic_anchors;
  const Node* find_dynamic(std::string_view name) const {
    for (const auto& a : dynamic_anchors)
      if (a.first == name) return a.second;
    return nullptr;
  }
};

constexpr int kMaxEvalDepth = 400;
// Budget of schema-node evaluations for one validation: schemas whose applicators multiply (anyOf of anyOf of
// the same $ref...) fail safe instead of running for minutes. Real forms use a few thousand.
constexpr long kMaxEvalSteps = 5'000'000;

struct Ctx {
  std::vector<ValidationError>* errors = nullptr;  // null: only the verdict is needed
  bool stop_at_first = false;
  bool assert_formats = false;
  bool failed = false;  // an error was reported (for stop_at_first)
  int depth = 0;
  long steps = 0;
  int ref_depth = 0;  // > 0 once a $ref was crossed: errors then carry an absolute keyword location
  const Resource* scope[kMaxEvalDepth + 1];  // dynamic scope, outermost first (no allocation)
  int scope_size = 0;

  bool done() const { return failed && stop_at_first; }
};

// What a Keyword is (the concrete class): Node::eval dispatches on it with a switch (see node.cpp) instead of a
// virtual call, so the small value keywords are checked inline and the others are called directly.
enum class KwKind : unsigned char {
  Ref, DynamicRef, AllOf, AnyOf, OneOf, Not, If, DependentSchemas,                                  // applicators
  Properties, PropertyNames, Required, DependentRequired, PropertyCount, UnevaluatedProperties,    // objects
  Items, Contains, ItemCount, UniqueItems, UnevaluatedItems,                                         // arrays
  Type, Enum, Const, Bound, MultipleOf, Length, Pattern, Format                                      // values
};

// Every keyword class has
//   bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;
// which returns the verdict and reports errors into ctx.errors when it is set (`ann` is set when the enclosing
// schema collects annotations for unevaluated*). Value keywords also have an inline `bool check(const json&)`:
// the verdict alone, without side effects.
class Keyword {
 public:
  explicit Keyword(KwKind k) : kind(k) {}
  virtual ~Keyword() = default;

  KwKind kind;
  const Node* owner = nullptr;
  std::string name;  // "minLength"
  std::string seg;   // "/minLength" (escaped)
};

class Node {
 public:
  bool eval(const json& inst, Ctx& ctx, const InstPath* ip, const KwPath* kp, Annotations* ann) const;

  bool is_bool = false;
  bool bool_value = true;
  bool collects = false;  // has unevaluatedProperties/unevaluatedItems: collects annotations of its siblings
  const Resource* resource = nullptr;
  std::string abs;  // absolute location "uri#/pointer"
  std::vector<std::unique_ptr<Keyword>> keywords;
};

// Reports an error for keyword `kw` at instance location ip (+ "/extra_token" when extra is set).
void report(Ctx& ctx, const Keyword& kw, const InstPath* ip, const KwPath* kp, ErrorCode code, MessageArgs args,
            const std::string* extra_token = nullptr);
// General form: an error for keyword `name` whose location is kp + seg (absolute: abs + seg).
void report_at(Ctx& ctx, std::string_view name, std::string_view seg, const std::string& abs, const InstPath* ip,
               const KwPath* kp, ErrorCode code, MessageArgs args, const std::string* extra_token = nullptr);
// Same for a boolean-false schema or a depth failure (no keyword of its own).
void report_node(Ctx& ctx, const Node& node, const InstPath* ip, const KwPath* kp, ErrorCode code,
                 std::string_view keyword);

}  // namespace wb::validate::detail
