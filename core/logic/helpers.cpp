// Wangban's form helpers (docs/form-format.md, "Rules (JsonLogic)"): age, days_between, sum, count, round,
// birthdate_from_id, today. Dates are "YYYY-MM-DD" text; anything else (or an impossible day) gives null.

#include <cmath>
#include <cstdlib>

#include "core/logic/coercion.hpp"
#include "core/logic/dates.hpp"
#include "core/logic/evaluator.hpp"

namespace wb::logic::detail {
namespace {

std::optional<Date> date_of(const json& v) {
  if (!v.is_string()) return std::nullopt;
  return parse_iso_date(v.get_ref<const json::string_t&>());
}

// A quantity for sum and round: a number, or text that reads as a finite number (" 12.5"); else nullopt.
std::optional<double> quantity_of(const json& v) {
  if (v.is_number()) return number_of(v);
  if (v.is_string()) {
    const auto& s = v.get_ref<const json::string_t&>();
    double d = string_to_number(s);
    if (s.find_first_not_of(" \t\r\n") == std::string::npos || !std::isfinite(d)) return std::nullopt;
    return d;
  }
  return std::nullopt;
}

}  // namespace

// {"age": [birthDate, onDate?]}: completed years on onDate (default: the evaluation date). Someone born on
// 29 February completes a year on 1 March in common years. Negative when onDate is before birthDate.
Value op_age(const Node& n, Evaluator& ev, const Scope& s) {
  Value birth_v = ev.eval(n.args[0], s);
  std::optional<Date> birth = date_of(birth_v.get());
  std::optional<Date> on;
  if (n.args.size() > 1) on = date_of(ev.eval(n.args[1], s).get());
  else on = ev.ctx().today;
  if (!birth || !on || !is_valid_date(*on)) return Value(json());
  int bm = birth->month, bd = birth->day;
  if (bm == 2 && bd == 29 && !is_leap_year(on->year)) bm = 3, bd = 1;
  int years = on->year - birth->year;
  if (on->month < bm || (on->month == bm && on->day < bd)) --years;
  return Value(json(years));
}

// {"days_between": [from, to]}: calendar days from `from` to `to`, negative when `to` is earlier.
Value op_days_between(const Node& n, Evaluator& ev, const Scope& s) {
  std::optional<Date> from = date_of(ev.eval(n.args[0], s).get());
  std::optional<Date> to = date_of(ev.eval(n.args[1], s).get());
  if (!from || !to) return Value(json());
  return Value(json(days_from_civil(*to) - days_from_civil(*from)));
}

// {"sum": [array, "field"?]}: the total of the numbers (or of one field, a dotted path, of each row). Numbers and
// text that reads as a number count; anything else (a missing field, null, "", other text, booleans) counts 0.
// Not an array: 0.
Value op_sum(const Node& n, Evaluator& ev, const Scope& s) {
  Value list = ev.eval(n.args[0], s);
  Elements arr(list);
  std::vector<PathStep> computed;
  const std::vector<PathStep>* field = &computed;
  if (n.path_kind == PathKind::Static) {
    field = &n.path;  // a literal field name, split by the compiler
  } else if (n.args.size() > 1) {
    Value f = ev.eval(n.args[1], s);
    if (!f.get().is_null() && !f.is_undefined()) {
      std::string text = to_js_string(f.get());
      if (!text.empty()) computed = split_path(text);
    }
  }
  double total = 0;
  ev.charge(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (field->empty()) {
      if (auto q = quantity_of(arr[i])) total += *q;
    } else {
      Value item = lookup_in(arr[i], *field);
      if (auto q = quantity_of(item.get())) total += *q;
    }
  }
  return Value(make_number(total));
}

// {"count": [array]}: the number of rows; 0 for anything that is not an array.
Value op_count(const Node& n, Evaluator& ev, const Scope& s) {
  Value list = ev.eval(n.args[0], s);
  Elements arr(list);
  return Value(json(static_cast<std::int64_t>(arr.size())));
}

namespace {

// Rounds half away from zero at `decimals` places of the number as written (its shortest decimal form), so that
// 1.005 rounds to 1.01 and 2.675 to 2.68 (binary floating point would give 1.00 and 2.67).
double round_half_away(double x, int decimals) {
  if (x == 0 || !std::isfinite(x)) return x;
  std::string digits;
  int n = 0;
  shortest_digits(x, digits, n);
  long keep = static_cast<long>(n) + decimals;  // digits kept before the cut
  if (keep >= static_cast<long>(digits.size())) return x;
  if (keep < 0) return 0;
  bool up = digits[static_cast<std::size_t>(keep)] >= '5';
  std::string kept = digits.substr(0, static_cast<std::size_t>(keep));
  if (up) {
    long i = static_cast<long>(kept.size()) - 1;
    while (i >= 0 && kept[static_cast<std::size_t>(i)] == '9') kept[static_cast<std::size_t>(i--)] = '0';
    if (i >= 0) ++kept[static_cast<std::size_t>(i)];
    else kept.insert(kept.begin(), '1'), ++n;
  }
  if (kept.empty() || kept.find_first_not_of('0') == std::string::npos) return 0;
  std::string text = (x < 0 ? "-0." : "0.") + kept + "e" + std::to_string(n);
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace

// {"round": [number, decimals?]}: half away from zero; decimals default 0, may be negative (-2: hundreds), are
// truncated to an integer and limited to -20..20. A number, or text that reads as one; otherwise null.
Value op_round(const Node& n, Evaluator& ev, const Scope& s) {
  std::optional<double> x = quantity_of(ev.eval(n.args[0], s).get());
  double decimals = 0;
  if (n.args.size() > 1) {
    std::optional<double> d = quantity_of(ev.eval(n.args[1], s).get());
    if (!d) return Value(json());
    decimals = std::trunc(*d);
  }
  if (!x) return Value(json());
  decimals = std::fmax(-20.0, std::fmin(20.0, decimals));
  return Value(make_number(round_half_away(*x, static_cast<int>(decimals))));
}

// {"birthdate_from_id": [id]}: "YYYY-MM-DD" from an 18-character resident identity number (GB 11643-1999:
// 17 digits and a check character 0-9 or X), or null when the text is not one: wrong length or characters, a
// wrong check character, or a birth date that is not a real day between 1800 and 9999.
Value op_birthdate_from_id(const Node& n, Evaluator& ev, const Scope& s) {
  Value v = ev.eval(n.args[0], s);
  const json& j = v.get();
  if (!j.is_string()) return Value(json());
  const auto& id = j.get_ref<const json::string_t&>();
  if (id.size() != 18) return Value(json());
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int total = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return Value(json());
    total += (id[i] - '0') * kWeights[i];
  }
  char last = id[17] == 'x' ? 'X' : id[17];
  if (last != kCheck[total % 11]) return Value(json());
  std::string text = id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2);
  std::optional<Date> d = parse_iso_date(text);
  if (!d || d->year < 1800) return Value(json());
  return Value(json(text));
}

// {"today": []}: the evaluation date given by the host, or null when it gave none.
Value op_today(const Node&, Evaluator& ev, const Scope&) {
  if (!ev.ctx().today || !is_valid_date(*ev.ctx().today)) return Value(json());
  return Value(json(format_iso_date(*ev.ctx().today)));
}

}  // namespace wb::logic::detail
