#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <random>

#include "core/form/form_loader.hpp"
#include "core/session/draft.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::session;

namespace {

constexpr logic::Date kToday{2026, 11, 26};

struct Sample {
  std::string path;
  ModelPtr model;
  json example;
};

std::vector<Sample> samples() {
  std::vector<Sample> out;
  for (const auto& path : test::list_dir(test::source_dir() + "/examples/catalog", ".json")) {
    if (path.size() > 13 && path.compare(path.size() - 13, 13, ".example.json") == 0) continue;
    auto loaded = form::load_form_text(test::read_file(path));
    REQUIRE_MESSAGE(loaded.ok(), path);
    std::vector<Diagnostic> errors;
    auto model = FormModel::build(loaded.form, &errors);
    for (const auto& d : errors) MESSAGE(path << ": " << format_diagnostic(d, Lang::En));
    REQUIRE(model);
    std::string example_path = path.substr(0, path.size() - 5) + ".example.json";
    out.push_back({path, model, json::parse(test::read_file(example_path))});
  }
  return out;
}

// Everything a client could observe of a draft, as JSON, for exact comparison.
json observe(const Draft& d) {
  auto v = d.view();
  json fields = json::array();
  for (const auto& f : v.fields) {
    json errs = json::array();
    for (const auto& e : f.errors) errs.push_back({e.code, e.location, e.text.zh, e.text.en});
    fields.push_back({f.location, f.visible, f.required, f.read_only, f.value, errs});
  }
  json sections = json::array();
  for (const auto& s : v.sections) {
    json errs = json::array();
    for (const auto& e : s.errors) errs.push_back({e.code, e.text.zh});
    sections.push_back({s.section->id, s.visible, s.rows, errs});
  }
  json form_errors = json::array();
  for (const auto& e : v.form_errors) form_errors.push_back({e.code, e.location, e.text.zh});
  return {{"data", d.data()},
          {"submission", d.submission()},
          {"fields", fields},
          {"sections", sections},
          {"form", form_errors},
          {"errors", v.error_count},
          {"required", {v.required_total, v.required_filled}}};
}

// Values a person (or a fuzzer) might type, of every JSON type, plus the field's schema choices.
json random_value(std::mt19937& rng, const form::Field& field, const json& example_value) {
  static constexpr const char* kStrings[] = {"", "张三", "a", "11010519491231002X", "110105194912310021",
                                             "91350100M000100Y43", "13800138000", "100000", "2024-02-29",
                                             "2023-02-29", "user@example.com", "x@", "0.01"};
  std::uniform_int_distribution<int> pick(0, 9);
  switch (pick(rng)) {
    case 0:
    case 1:
      if (!example_value.is_null()) return example_value;
      [[fallthrough]];
    case 2: return kStrings[std::uniform_int_distribution<size_t>(0, std::size(kStrings) - 1)(rng)];
    case 3: return std::uniform_int_distribution<int>(-5, 200000)(rng);
    case 4: return std::uniform_int_distribution<int>(0, 100000)(rng) / 100.0;
    case 5: return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 6: return nullptr;
    case 7:
      for (const auto& o : field.options)
        if (std::uniform_int_distribution<int>(0, 1)(rng)) return o.value;
      return field.options.empty() ? json("zzz") : field.options.front().value;
    case 8: return json::array({"a", 1});
    default: return json::object({{"sha256", std::string(64, 'a')}, {"name", "a.pdf"}, {"size", 10}, {"mediaType", "application/pdf"}});
  }
}

}  // namespace

TEST_CASE("every sample application opens as a complete draft, and its submission is itself") {
  for (const auto& s : samples()) {
    CAPTURE(s.path);
    Draft d(s.model, s.example, {kToday});
    auto v = d.view();
    for (const auto& f : v.fields)
      for (const auto& e : f.errors) MESSAGE(f.location << ": " << e.text.en);
    for (const auto& sec : v.sections)
      for (const auto& e : sec.errors) MESSAGE(sec.section->id << ": " << e.text.en);
    for (const auto& e : v.form_errors) MESSAGE(e.location << ": " << e.text.en);
    CHECK(v.complete());
    CHECK(v.completeness() == 1.0);
    CHECK(d.submission() == s.example);  // nothing hidden is in an example, computed values are right
  }
}

TEST_CASE("incremental re-evaluation equals full re-evaluation over random edit sequences") {
  const int sequences = 25;
  const int edits = 25;
  size_t total_edits = 0;
  for (const auto& s : samples()) {
    CAPTURE(s.path);
    for (int seq = 0; seq < sequences; ++seq) {
      unsigned seed = static_cast<unsigned>(std::hash<std::string>{}(s.path) % 100000) * 100 + static_cast<unsigned>(seq);
      CAPTURE(seed);
      std::mt19937 rng(seed);
      Draft d(s.model, seq % 3 == 0 ? json::object() : s.example, {kToday});
      const auto& fields = s.model->fields();
      for (int step = 0; step < edits; ++step) {
        const ModelField& mf = fields[std::uniform_int_distribution<size_t>(0, fields.size() - 1)(rng)];
        int op = std::uniform_int_distribution<int>(0, 9)(rng);
        std::string location;
        Path pattern = mf.pattern;
        if (mf.row_depth) {
          Path array(pattern.begin(), pattern.begin() + static_cast<std::ptrdiff_t>(*mf.row_depth));
          const json* rows = find_at(d.data(), array);
          size_t n = rows && rows->is_array() ? rows->size() : 0;
          std::string array_ptr = path_pointer(array);
          if (op >= 8 || n == 0) {
            const json* example_rows = find_at(s.example, array);
            json row = example_rows && example_rows->is_array() && !example_rows->empty() && op % 2 == 0
                           ? (*example_rows)[0]
                           : json::object();
            if (row.is_object()) {
              // Copy the example row without computed values (those are refused as input).
              d.add_row(array_ptr, row);
            }
            total_edits++;
            REQUIRE(observe(d) == observe(Draft(s.model, d.data(), {kToday})));
            continue;
          }
          size_t r = std::uniform_int_distribution<size_t>(0, n - 1)(rng);
          if (op == 7) {
            d.remove_row(array_ptr, r);
            total_edits++;
            REQUIRE(observe(d) == observe(Draft(s.model, d.data(), {kToday})));
            continue;
          }
          if (op == 6 && n > 1) {
            d.move_row(array_ptr, r, (r + 1) % n);
            total_edits++;
            REQUIRE(observe(d) == observe(Draft(s.model, d.data(), {kToday})));
            continue;
          }
          pattern = with_row(pattern, *mf.row_depth, r);
        }
        location = path_pointer(pattern);
        const json* example_value = find_at(s.example, pattern);
        try {
          if (op == 5)
            d.clear(location);
          else
            d.set(location, random_value(rng, *mf.field, example_value ? *example_value : json()));
        } catch (const Error& e) {
          // Refused edits (computed fields, places that cannot hold a value) must leave the draft as it was:
          // checked below like every other step.
          CHECK((e.code() == ErrorCode::FillReadOnly || e.code() == ErrorCode::FillBadLocation));
        }
        total_edits++;
        json incremental = observe(d);
        json full = observe(Draft(s.model, d.data(), {kToday}));
        if (incremental != full) {
          MESSAGE("after editing " << location << " (step " << step << ")");
          MESSAGE("incremental: " << incremental.dump());
          MESSAGE("full:        " << full.dump());
        }
        REQUIRE(incremental == full);
      }
    }
  }
  CHECK(total_edits >= 1000);
}
