#pragma once
// Internal: the compiled form of a rule. A tree of Nodes, each with its operation resolved to a function pointer,
// literals pre-built and `var` paths pre-split. Built by compiler.cpp, walked by evaluator.cpp and the ops_*.cpp.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace wb::logic::detail {

struct Node;
class Evaluator;
struct Scope;
class Value;

using OpFn = Value (*)(const Node&, Evaluator&, const Scope&);

// One step of a pre-split var path ("household.2.income" -> household, 2, income).
struct PathStep {
  std::string key;
  std::int64_t index = -1;  // the array index when key is a canonical index ("0", "12"; not "01"), else -1
};

enum class PathKind : std::uint8_t {
  Whole,    // "" / null / no argument: the whole data
  Static,   // a literal path, pre-split in `path`
  Dynamic,  // computed at run time from args[0]
};

struct Node {
  OpFn fn = nullptr;
  std::string_view name;      // the operator ("" for literals), for messages and debugging
  nlohmann::json constant;    // literals: the value itself (returned by reference)
  std::vector<Node> args;     // the compiled arguments, in order
  // var only
  PathKind path_kind = PathKind::Whole;
  std::vector<PathStep> path;
  bool has_default = false;   // var: args[1] is the default
};

}  // namespace wb::logic::detail
