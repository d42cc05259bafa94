#pragma once
// Internal: the evaluation state shared by the operations (ops_*.cpp): the caller's context, the work budget and
// the current scope (the data `var` reads).

#include <nlohmann/json.hpp>

#include <cstdint>

#include "core/logic/logic.hpp"
#include "core/logic/node.hpp"
#include "core/logic/value.hpp"

namespace wb::logic::detail {

// What `var` reads: the evaluated data, an element inside map/filter/all/none/some, or inside reduce the pair
// {"current": ..., "accumulator": ...} (kept as two pointers instead of building an object per element).
struct Scope {
  const json* data = nullptr;
  const json* current = nullptr;
  const json* accumulator = nullptr;
  bool reduce = false;
};

class Evaluator {
 public:
  explicit Evaluator(const EvalContext& ctx) : ctx_(ctx), work_left_(ctx.max_work) {}

  Value eval(const Node& n, const Scope& s) {
    if (--work_left_ < 0) return Value();
    return n.fn(n, *this, s);
  }
  // Accounts for values built (array elements, string bytes); false once the budget is spent.
  bool charge(std::size_t units) {
    work_left_ -= static_cast<std::int64_t>(units > static_cast<std::size_t>(INT64_MAX / 2) ? INT64_MAX / 2 : units);
    return work_left_ >= 0;
  }
  bool stopped() const { return work_left_ < 0; }
  const EvalContext& ctx() const { return ctx_; }

 private:
  const EvalContext& ctx_;
  std::int64_t work_left_;
};

// Operation entry points (resolved by the compiler).
Value op_constant(const Node&, Evaluator&, const Scope&);
Value op_array(const Node&, Evaluator&, const Scope&);  // a literal array holding operations
Value op_var(const Node&, Evaluator&, const Scope&);
Value op_missing(const Node&, Evaluator&, const Scope&);
Value op_missing_some(const Node&, Evaluator&, const Scope&);
Value op_if(const Node&, Evaluator&, const Scope&);
Value op_and(const Node&, Evaluator&, const Scope&);
Value op_or(const Node&, Evaluator&, const Scope&);
Value op_not(const Node&, Evaluator&, const Scope&);
Value op_not_not(const Node&, Evaluator&, const Scope&);
Value op_eq(const Node&, Evaluator&, const Scope&);
Value op_strict_eq(const Node&, Evaluator&, const Scope&);
Value op_ne(const Node&, Evaluator&, const Scope&);
Value op_strict_ne(const Node&, Evaluator&, const Scope&);
Value op_gt(const Node&, Evaluator&, const Scope&);
Value op_ge(const Node&, Evaluator&, const Scope&);
Value op_lt(const Node&, Evaluator&, const Scope&);
Value op_le(const Node&, Evaluator&, const Scope&);
Value op_max(const Node&, Evaluator&, const Scope&);
Value op_min(const Node&, Evaluator&, const Scope&);
Value op_add(const Node&, Evaluator&, const Scope&);
Value op_sub(const Node&, Evaluator&, const Scope&);
Value op_mul(const Node&, Evaluator&, const Scope&);
Value op_div(const Node&, Evaluator&, const Scope&);
Value op_mod(const Node&, Evaluator&, const Scope&);
Value op_map(const Node&, Evaluator&, const Scope&);
Value op_filter(const Node&, Evaluator&, const Scope&);
Value op_reduce(const Node&, Evaluator&, const Scope&);
Value op_all(const Node&, Evaluator&, const Scope&);
Value op_none(const Node&, Evaluator&, const Scope&);
Value op_some(const Node&, Evaluator&, const Scope&);
Value op_merge(const Node&, Evaluator&, const Scope&);
Value op_in(const Node&, Evaluator&, const Scope&);
Value op_cat(const Node&, Evaluator&, const Scope&);
Value op_substr(const Node&, Evaluator&, const Scope&);
Value op_log(const Node&, Evaluator&, const Scope&);
Value op_age(const Node&, Evaluator&, const Scope&);
Value op_days_between(const Node&, Evaluator&, const Scope&);
Value op_sum(const Node&, Evaluator&, const Scope&);
Value op_count(const Node&, Evaluator&, const Scope&);
Value op_round(const Node&, Evaluator&, const Scope&);
Value op_birthdate_from_id(const Node&, Evaluator&, const Scope&);
Value op_today(const Node&, Evaluator&, const Scope&);

// Data access shared by var, missing and sum: looks a dotted path up in the scope (JavaScript property access:
// object keys, array indexes and "length", string indexes and "length"); undefined when absent.
Value lookup(const std::vector<PathStep>& path, Evaluator& ev, const Scope& s);
Value lookup_text(std::string_view dotted, Evaluator& ev, const Scope& s);
// Steps into one value (used by sum for a row's field).
Value lookup_in(const json& root, const std::vector<PathStep>& path);
std::vector<PathStep> split_path(std::string_view dotted);

}  // namespace wb::logic::detail
