#pragma once
// JsonLogic for Wangban: rules are compiled once into an immutable tree and evaluated many times.
//
//   wb::Diagnostic error;
//   auto rule = wb::logic::compile(json::parse(R"({">=": [{"age": [{"var": "birthDate"}]}, 18]})"), &error);
//   if (!rule) ... error.pointer, error.message(lang) ...
//   wb::logic::EvalContext ctx;
//   ctx.today = wb::logic::Date{2026, 11, 26};
//   nlohmann::json adult = wb::logic::evaluate(*rule, data, ctx);
//
// Semantics are those of json-logic-js 2.0.5 (the reference implementation): JavaScript truthiness except that
// [] is falsy, loose equality (==), ToNumber/ToString/parseFloat coercions, numbers printed like JavaScript in
// `cat`. Where JSON cannot say what JavaScript computes, results are mapped as follows (documented in
// docs/form-format.md):
//   - NaN, Infinity and -Infinity (division by zero, arithmetic on text) become null in the result; inside one
//     evaluation they keep their JavaScript meaning (so {"-": [{"/": [1, 0]}, 1]} is still Infinity -> null);
//   - `undefined` (a missing argument, {"and": []}) becomes null;
//   - a whole number result is an integer (`{"/": [4, 2]}` is 2, not 2.0); -0 becomes 0.
// Core has no clock and no I/O: the evaluation date and the `log` sink come from the caller in EvalContext.
//
// Wangban's form helpers (age, days_between, sum, count, round, birthdate_from_id, today) are documented in
// docs/form-format.md. In a rule evaluated for a row of a repeat group, {"var": "$row.x"} reads the current row
// (EvalContext::row) and {"var": "$index"} its index (EvalContext::index), from any depth of the rule.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/errors.hpp"

namespace wb::logic {

// A calendar date (proleptic Gregorian). Valid when year is 1..9999 and the day exists.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const Date&, const Date&) = default;
};

// "YYYY-MM-DD" exactly (ten characters, a real calendar day); nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view text);
std::string format_iso_date(const Date& date);

// What a rule may read from the world besides its data. Cheap to build; pass the same one to many evaluations.
struct EvalContext {
  std::optional<Date> today;          // the evaluation date for `today` and `age`; without it they yield null
  const nlohmann::json* row = nullptr;  // the current repeat-group row, read as $row (borrowed)
  std::optional<std::int64_t> index;  // the current row's index, read as $index
  std::function<void(const nlohmann::json&)> log;  // receives every `log` value; none: `log` is silent
  std::int64_t max_work = 10'000'000;  // steps (operations evaluated + values built) before evaluation stops
};

// A literal data path the rule reads: from {"var": "a.b"} (path "a.b"), from the literal keys of `missing` and
// `missing_some`, and "" for the whole data ({"var": ""}). `pointer` is where it is written in the rule.
// `scoped` reads are relative to an array element (inside the logic of map/filter/reduce/all/none/some), not to
// the evaluated data.
struct VarRead {
  std::string path;
  std::string pointer;
  bool scoped = false;
  friend bool operator==(const VarRead&, const VarRead&) = default;
};

namespace detail {
struct Node;
}

// An immutable compiled rule. Copies share the tree; safe to evaluate from several threads at once.
// A default-constructed CompiledRule is empty: it reads nothing and evaluates to null.
class CompiledRule {
 public:
  CompiledRule() = default;
  bool empty() const { return info_ == nullptr; }
  const std::vector<VarRead>& reads() const;
  // True when some path is computed at run time ({"var": {"cat": ...}}, `missing` of a computed list): the rule
  // may then read any part of the data, which a dependency graph must assume.
  bool reads_computed_paths() const { return info_ != nullptr && info_->computed_paths; }
  // True when the result depends on EvalContext::today (`today`, one-argument `age`).
  bool uses_today() const { return info_ != nullptr && info_->uses_today; }

 private:
  struct Info {
    std::unique_ptr<detail::Node> root;
    std::vector<VarRead> reads;
    bool computed_paths = false;
    bool uses_today = false;
    ~Info();
  };
  std::shared_ptr<const Info> info_;
  friend std::optional<CompiledRule> compile(const nlohmann::json&, Diagnostic*);
  friend nlohmann::json evaluate(const CompiledRule&, const nlohmann::json&, const EvalContext&, Diagnostic*);
};

// The deepest nesting of operations and literal arrays a rule may have.
constexpr int kMaxRuleDepth = 100;

// Compiles a rule. On a malformed rule returns nullopt and, when `error` is given, says where (a JSON Pointer into
// the rule) and why: logic.unknown_operator, logic.arity, logic.bad_shape (an object with several keys),
// logic.too_deep. Never throws for any JSON input.
std::optional<CompiledRule> compile(const nlohmann::json& rule, Diagnostic* error = nullptr);

// Evaluates a compiled rule against data. Never throws: when the work limit (EvalContext::max_work) is exceeded,
// or on an internal failure such as running out of memory, returns null and, when `error` is given, fills it
// (logic.work_limit / internal). The result never contains NaN or infinities (they are null).
nlohmann::json evaluate(const CompiledRule& rule, const nlohmann::json& data, const EvalContext& ctx = {},
                        Diagnostic* error = nullptr);

}  // namespace wb::logic
