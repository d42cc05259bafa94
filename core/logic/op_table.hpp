#pragma once
// Internal: the one table of operations: name, entry point and the argument counts the compiler enforces.
// operator_names.cpp answers from it, so the form loader and the evaluator cannot disagree.

#include <array>
#include <string_view>

#include "core/logic/evaluator.hpp"

namespace wb::logic::detail {

struct OpInfo {
  std::string_view name;
  OpFn fn;
  int min_args;
  int max_args;  // -1: any
  bool scoped;   // later arguments run with each array element as data
};

// Arity: we reject what json-logic-js throws on ({"*": []}, missing_some without its list) and what can only be
// a mistake (a map without its logic, a comparison with one side); extra arguments that json-logic-js would
// silently ignore are errors too, except for the variadic operations.
inline constexpr std::array<OpInfo, 42> kOps{{
    {"var", op_var, 0, 2, false},
    {"missing", op_missing, 0, -1, false},
    {"missing_some", op_missing_some, 2, 2, false},
    {"if", op_if, 0, -1, false},
    {"?:", op_if, 0, -1, false},
    {"==", op_eq, 2, 2, false},
    {"===", op_strict_eq, 2, 2, false},
    {"!=", op_ne, 2, 2, false},
    {"!==", op_strict_ne, 2, 2, false},
    {"!", op_not, 1, 1, false},
    {"!!", op_not_not, 1, 1, false},
    {"or", op_or, 1, -1, false},
    {"and", op_and, 1, -1, false},
    {">", op_gt, 2, 2, false},
    {">=", op_ge, 2, 2, false},
    {"<", op_lt, 2, 3, false},
    {"<=", op_le, 2, 3, false},
    {"max", op_max, 0, -1, false},
    {"min", op_min, 0, -1, false},
    {"+", op_add, 0, -1, false},
    {"-", op_sub, 1, 2, false},
    {"*", op_mul, 1, -1, false},
    {"/", op_div, 2, 2, false},
    {"%", op_mod, 2, 2, false},
    {"map", op_map, 2, 2, true},
    {"filter", op_filter, 2, 2, true},
    {"reduce", op_reduce, 2, 3, true},
    {"all", op_all, 2, 2, true},
    {"none", op_none, 2, 2, true},
    {"some", op_some, 2, 2, true},
    {"merge", op_merge, 0, -1, false},
    {"in", op_in, 2, 2, false},
    {"cat", op_cat, 0, -1, false},
    {"substr", op_substr, 1, 3, false},
    {"log", op_log, 1, 1, false},
    // Wangban form helpers (docs/form-format.md)
    {"age", op_age, 1, 2, false},
    {"days_between", op_days_between, 2, 2, false},
    {"sum", op_sum, 1, 2, false},
    {"count", op_count, 1, 1, false},
    {"round", op_round, 1, 2, false},
    {"birthdate_from_id", op_birthdate_from_id, 1, 1, false},
    {"today", op_today, 0, 0, false},
}};

inline const OpInfo* find_op(std::string_view name) {
  for (const auto& op : kOps)
    if (op.name == name) return &op;
  return nullptr;
}

}  // namespace wb::logic::detail
