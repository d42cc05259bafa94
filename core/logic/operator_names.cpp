#include "core/logic/operator_names.hpp"

#include <array>

namespace wb::logic {
namespace {

constexpr std::array<std::string_view, 42> kOperators{
    // standard JsonLogic
    "var", "missing", "missing_some", "if", "?:", "==", "===", "!=", "!==", "!", "!!", "or", "and", ">", ">=",
    "<", "<=", "max", "min", "+", "-", "*", "/", "%", "map", "filter", "reduce", "all", "none", "some", "merge",
    "in", "cat", "substr", "log",
    // Wangban form helpers
    "age", "days_between", "sum", "count", "round", "birthdate_from_id", "today"};

}  // namespace

bool is_known_operator(std::string_view name) {
  for (auto op : kOperators)
    if (op == name) return true;
  return false;
}

bool is_scoped_operator(std::string_view name) {
  return name == "map" || name == "filter" || name == "reduce" || name == "all" || name == "none" ||
         name == "some";
}

}  // namespace wb::logic
