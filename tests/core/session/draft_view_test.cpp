// Draft::view_changes(): applied to the view the previous call described, the changes give exactly the new
// view(), over random edit sequences on the test form, every sample form and the 1,000-field benchmark form; and an
// edit reports only what it changed.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <random>

#include "bench/session/big_form.hpp"
#include "core/form/form_loader.hpp"
#include "core/session/draft.hpp"
#include "tests/core/session/session_forms.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::session;
using wb::test::model_of;
using wb::test::test_form;

namespace {

constexpr logic::Date kToday{2026, 11, 26};

json errors_of(const std::vector<FieldError>& errors) {
  json out = json::array();
  for (const auto& e : errors) out.push_back({e.code, e.keyword, e.location, e.text.zh, e.text.en});
  return out;
}

json field_json(const FieldState& f) {
  return {f.field->id, f.location, f.row ? json(*f.row) : json(), f.visible, f.required, f.read_only, f.value, errors_of(f.errors)};
}

// Everything a view holds, as JSON, for exact comparison.
json observe(const DraftView& v) {
  json fields = json::array();
  for (const auto& f : v.fields) fields.push_back(field_json(f));
  json sections = json::array();
  for (const auto& s : v.sections)
    sections.push_back({s.section->id, s.visible, s.rows, s.min_rows ? json(*s.min_rows) : json(),
                        s.max_rows ? json(*s.max_rows) : json(), errors_of(s.errors)});
  return {{"fields", fields},
          {"sections", sections},
          {"form", errors_of(v.form_errors)},
          {"errors", v.error_count},
          {"required", {v.required_total, v.required_filled}},
          {"complete", v.complete()},
          {"completeness", v.completeness()}};
}

ModelPtr big_model() {
  static ModelPtr model = model_of(bench::make_big_form().definition);
  return model;
}

// Values a person (or a fuzzer) might type: of every JSON type, the field's options, valid and invalid.
json random_value(std::mt19937& rng, const form::Field& field, const json* example) {
  static constexpr const char* kStrings[] = {"", "张三", "a", "b", "c", "11010519491231002X", "13800138000",
                                             "1380013800", "2024-02-29", "2023-02-29", "<x>", "0.01", "hide"};
  switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
    case 0:
    case 1:
      if (example) return *example;
      [[fallthrough]];
    case 2: return kStrings[std::uniform_int_distribution<size_t>(0, std::size(kStrings) - 1)(rng)];
    case 3: return std::uniform_int_distribution<int>(-5, 2000000)(rng);
    case 4: return std::uniform_int_distribution<int>(0, 100000)(rng) / 100.0;
    case 5: return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 6: return nullptr;
    case 7:
      for (const auto& o : field.options)
        if (std::uniform_int_distribution<int>(0, 1)(rng)) return o.value;
      return field.options.empty() ? json("renting") : field.options.front().value;
    case 8: return json::array({"a", 1});
    default: return json::object({{"x", 1}});
  }
}

// One random edit: set or clear a field (scalar or in a row), add, remove or move a row. Refused edits are fine
// (they change nothing, which the comparison checks too).
void random_edit(std::mt19937& rng, Draft& d, const json& example) {
  const auto& fields = d.model().fields();
  const ModelField& mf = fields[std::uniform_int_distribution<size_t>(0, fields.size() - 1)(rng)];
  int op = std::uniform_int_distribution<int>(0, 19)(rng);
  Path pattern = mf.pattern;
  try {
    if (mf.row_depth) {
      Path array(pattern.begin(), pattern.begin() + static_cast<std::ptrdiff_t>(*mf.row_depth));
      const json* rows = find_at(d.data(), array);
      size_t n = rows && rows->is_array() ? rows->size() : 0;
      std::string array_ptr = path_pointer(array);
      if (op == 19 || n == 0) {
        const json* example_rows = find_at(example, array);
        d.add_row(array_ptr, example_rows && example_rows->is_array() && !example_rows->empty() ? (*example_rows)[0] : json::object());
        return;
      }
      size_t r = std::uniform_int_distribution<size_t>(0, n - 1)(rng);
      if (op == 18) return d.remove_row(array_ptr, r);
      if (op == 17 && n > 1) return d.move_row(array_ptr, r, (r + 1) % n);
      pattern = with_row(pattern, *mf.row_depth, r);
    }
    std::string location = path_pointer(pattern);
    if (op == 16) return d.clear(location);
    d.set(location, random_value(rng, *mf.field, find_at(example, pattern)));
  } catch (const Error& e) {
    CHECK((e.code() == ErrorCode::FillReadOnly || e.code() == ErrorCode::FillBadLocation));
  }
}

struct Totals {
  size_t calls = 0, full = 0, reported = 0;
};

// Random edits in bursts of 1-3, the changes taken after each burst and applied to the view the client holds.
void check_sequence(const ModelPtr& model, const json& start, const json& example, unsigned seed, int bursts, Totals& totals) {
  CAPTURE(seed);
  std::mt19937 rng(seed);
  Draft d(model, start, {kToday});
  DraftView shown;
  auto first = d.view_changes();
  REQUIRE(first.full);
  apply_changes(shown, first);
  REQUIRE(observe(shown) == observe(d.view()));
  for (int b = 0; b < bursts; ++b) {
    int n = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int k = 0; k < n; ++k) random_edit(rng, d, example);
    DraftView before = shown;
    auto changes = d.view_changes();
    apply_changes(shown, changes);
    json expected = observe(d.view());
    json got = observe(shown);
    if (got != expected) {
      MESSAGE("burst " << b << ", last edit touched: " << json(d.last_changes()).dump());
      for (size_t i = 0; i < std::max(got["fields"].size(), expected["fields"].size()); ++i)
        if (i >= got["fields"].size() || i >= expected["fields"].size() || got["fields"][i] != expected["fields"][i]) {
          MESSAGE("applied: " << (i < got["fields"].size() ? got["fields"][i].dump() : "-"));
          MESSAGE("view():  " << (i < expected["fields"].size() ? expected["fields"][i].dump() : "-"));
          break;
        }
      MESSAGE("applied rest: " << json{got["sections"], got["form"], got["errors"], got["required"]}.dump());
      MESSAGE("view() rest:  " << json{expected["sections"], expected["form"], expected["errors"], expected["required"]}.dump());
    }
    REQUIRE(got == expected);
    ++totals.calls;
    if (changes.full) {
      ++totals.full;
      continue;
    }
    // Only what differs is reported.
    totals.reported += changes.fields.size();
    for (const auto& f : changes.fields)
      for (const auto& old : before.fields)
        if (old.field == f.field && old.location == f.location) CHECK(field_json(old) != field_json(f));
  }
}

const FieldState* field(const std::vector<FieldState>& fields, const std::string& location) {
  for (const auto& f : fields)
    if (f.location == location) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("view_changes: the first call lists everything, an edit only what it changed") {
  Draft d(model_of(test_form()));
  auto first = d.view_changes();
  CHECK(first.full);
  CHECK(first.fields.size() == d.view().fields.size());
  CHECK(first.sections.size() == 3);

  d.set("/note", "备注");  // no rule reads it: its own state only
  auto ch = d.view_changes();
  CHECK_FALSE(ch.full);
  REQUIRE(ch.fields.size() == 1);
  CHECK(ch.fields[0].location == "/note");
  CHECK(ch.fields[0].value == "备注");
  CHECK(ch.sections.empty());

  auto none = d.view_changes();  // nothing since
  CHECK_FALSE(none.full);
  CHECK(none.fields.empty());
  CHECK(none.error_count == d.view().error_count);
}

TEST_CASE("view_changes: cascades (visibility, required-if, computed values) and the summary") {
  Draft d(model_of(test_form()));
  d.set("/name", "张三");
  auto v0 = d.view();
  d.view_changes();
  d.set("/tenure", "renting");  // shows /rent and makes it required (and empty: an error)
  auto ch = d.view_changes();
  CHECK_FALSE(ch.full);
  const FieldState* rent = field(ch.fields, "/rent");
  REQUIRE(rent);
  CHECK(rent->visible);
  CHECK(rent->required);
  REQUIRE(rent->errors.size() == 1);
  CHECK(rent->errors[0].code == ErrorCode::ValidateRequired);
  CHECK(field(ch.fields, "/tenure"));
  CHECK_FALSE(field(ch.fields, "/name"));
  CHECK(ch.required_total == v0.required_total + 1);
  CHECK(ch.error_count == d.view().error_count);

  d.set("/rent", 800);  // the total is computed from it
  ch = d.view_changes();
  const FieldState* total = field(ch.fields, "/total");
  REQUIRE(total);
  CHECK(total->value == 800);
  CHECK(field(ch.fields, "/rent")->errors.empty());
  CHECK(ch.completeness() == d.view().completeness());
}

TEST_CASE("view_changes: errors that appear where nobody edited (a container created by an edit)") {
  // Editing one field of a section that had no data creates the section's object: its other required fields now
  // report "required" at their own locations, though only one was edited.
  auto big = bench::make_big_form();
  json data = big.data;
  data.erase("s3");
  Draft d(big_model(), data, {kToday});
  d.view_changes();
  d.set("/s3/f1", 5);
  auto ch = d.view_changes();
  CHECK_FALSE(ch.full);
  const FieldState* f0 = field(ch.fields, "/s3/f0");  // required by the schema ("f0", "f3", ... every third)
  REQUIRE(f0);
  REQUIRE(f0->errors.size() == 1);
  CHECK(f0->errors[0].code == ErrorCode::ValidateRequired);
  CHECK(field(ch.fields, "/s3/f1"));
  CHECK_FALSE(field(ch.fields, "/s3/f2"));  // not required, nothing changed
  CHECK_FALSE(field(ch.fields, "/s4/f0"));
  DraftView v = d.view();
  CHECK(ch.error_count == v.error_count);
}

TEST_CASE("view_changes: rows added, removed or moved describe everything again") {
  Draft d(model_of(test_form()));
  d.view_changes();
  d.add_row("/rows", {{"qty", 1}, {"price", 2}});
  auto ch = d.view_changes();
  CHECK(ch.full);
  CHECK(ch.fields.size() == d.view().fields.size());
  d.set("/rows/0/qty", 3);
  ch = d.view_changes();
  CHECK_FALSE(ch.full);
  CHECK(field(ch.fields, "/rows/0/sub")->value == 6);
  CHECK(field(ch.fields, "/total")->value == 6);
  d.remove_row("/rows", 0);
  CHECK(d.view_changes().full);
}

TEST_CASE("view_changes after many edits without a call describes everything again, correctly") {
  auto big = bench::make_big_form();
  Draft d(big_model(), big.data, {kToday});
  DraftView shown;
  apply_changes(shown, d.view_changes());
  for (int i = 0; i < 5000; ++i) d.set("/s" + std::to_string(i % 49) + "/f" + std::to_string(i % 20 == 2 ? 0 : i % 20), "值" + std::to_string(i));
  auto ch = d.view_changes();
  CHECK(ch.full);  // more than it is worth replaying
  apply_changes(shown, ch);
  CHECK(observe(shown) == observe(d.view()));
  d.set("/s0/f0", "李四");
  ch = d.view_changes();
  CHECK_FALSE(ch.full);
  apply_changes(shown, ch);
  CHECK(observe(shown) == observe(d.view()));
}

TEST_CASE("view_changes on the 1,000-field form: one ordinary edit reports a handful of states") {
  auto big = bench::make_big_form();
  Draft d(big_model(), big.data, {kToday});
  auto first = d.view_changes();
  CHECK(first.fields.size() > 1700);
  d.set("/s10/f0", "李四");
  auto ch = d.view_changes();
  CHECK_FALSE(ch.full);
  REQUIRE(ch.fields.size() == 1);
  CHECK(ch.fields[0].location == "/s10/f0");
  d.set("/s10/f0", "x");  // too short: an error appears
  ch = d.view_changes();
  REQUIRE(ch.fields.size() == 1);
  CHECK(ch.fields[0].errors.size() == 1);
  CHECK(ch.error_count == first.error_count + 1);
  d.set("/items0/7/c6", 4);  // the row's computed c9 and the sums over the group follow
  ch = d.view_changes();
  CHECK_FALSE(ch.full);
  CHECK(field(ch.fields, "/items0/7/c9"));
  CHECK(ch.fields.size() <= 3);
}

TEST_CASE("view_changes applied to the previous view equals view(), over random edit sequences") {
  Totals totals;
  SUBCASE("the test form") {
    json example = {{"name", "张三"}, {"tenure", "renting"}, {"rent", 800}, {"years", 5},
                    {"rows", {{{"qty", 2}, {"price", 3}}}}};
    for (unsigned seq = 0; seq < 40; ++seq)
      check_sequence(model_of(test_form()), seq % 2 ? example : json::object(), example, 1000 + seq, 30, totals);
  }
  SUBCASE("every sample form") {
    for (const auto& path : test::list_dir(test::source_dir() + "/examples/catalog", ".json")) {
      if (path.size() > 13 && path.compare(path.size() - 13, 13, ".example.json") == 0) continue;
      CAPTURE(path);
      auto loaded = form::load_form_text(test::read_file(path));
      REQUIRE(loaded.ok());
      auto model = FormModel::build(loaded.form);
      REQUIRE(model);
      json example = json::parse(test::read_file(path.substr(0, path.size() - 5) + ".example.json"));
      for (unsigned seq = 0; seq < 12; ++seq)
        check_sequence(model, seq % 3 == 0 ? json::object() : example, example,
                       static_cast<unsigned>(std::hash<std::string>{}(path) % 100000) * 100 + seq, 25, totals);
    }
  }
  SUBCASE("the 1,000-field form") {
    auto big = bench::make_big_form();
    for (unsigned seq = 0; seq < 3; ++seq)
      check_sequence(big_model(), seq == 2 ? json::object() : big.data, big.data, 7000 + seq, 60, totals);
    // Proportional to what changed: on average a few states per burst, not the ~1,800 of the form.
    CHECK(totals.reported < 20 * (totals.calls - totals.full));
  }
  CHECK(totals.calls > totals.full);
}
