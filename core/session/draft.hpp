#pragma once
// A live draft: one person's answers to one form, with everything a client shows derived from them — which
// fields are visible and required now, computed values, and each field's errors (JSON Schema and rules
// together). Each edit re-evaluates only what depends on the edited location; the result is always identical to
// a full re-evaluation (tests/core/session proves it over random edit sequences).
//
// Semantics (docs/form-format.md): rules read the *effective* data, in which hidden fields have no value; the
// submission is that effective data. So a hidden answer never counts, is never submitted, and the server, which
// evaluates the same rules on the submission, reaches the same verdict.

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/localized_text.hpp"
#include "core/logic/logic.hpp"
#include "core/session/form_model.hpp"
#include "core/validate/validator.hpp"

namespace wb::session {

struct FieldError {
  ErrorCode code = ErrorCode::Ok;
  std::string keyword;  // "required", "format", "assert", ...
  LocalizedText text;   // what to show (the form's per-field override when it has one)
  std::string location; // JSON Pointer of the value the error is about
  const std::string& message(Lang lang) const { return text.get(lang); }
};

struct FieldState {
  const form::Field* field = nullptr;
  std::string location;            // concrete JSON Pointer ("/household/2/income")
  std::optional<size_t> row;       // the row, for fields of a repeat group
  bool visible = true;
  bool required = false;           // by the schema or by a required rule, now
  bool read_only = false;
  nlohmann::json value;            // null when empty
  std::vector<FieldError> errors;  // empty while hidden
};

struct SectionState {
  const form::Section* section = nullptr;
  bool visible = true;
  size_t rows = 0;                 // repeat groups
  std::optional<int> min_rows, max_rows;
  std::vector<FieldError> errors;  // row limits
};

struct DraftView {
  std::vector<FieldState> fields;    // layout order; repeat groups expanded row by row
  std::vector<SectionState> sections;
  std::vector<FieldError> form_errors;  // errors not at any field (shown in the summary)
  size_t error_count = 0;
  size_t required_total = 0, required_filled = 0;  // visible required fields
  bool complete() const { return error_count == 0; }
  double completeness() const { return required_total ? double(required_filled) / double(required_total) : 1.0; }
};

// What changed in a draft's view since the previous call to Draft::view_changes(): applied to the view that call
// described (apply_changes), it gives exactly the current view(). An edit costs in proportion to what it changed,
// not to the size of the form.
struct ViewChanges {
  bool full = false;                    // `fields` and `sections` list everything, in layout order (the first call,
                                        // after a re-evaluation, or when rows were added, removed or moved)
  std::vector<FieldState> fields;       // otherwise: the field states that differ, in layout order
  std::vector<SectionState> sections;   // the section states that differ
  std::vector<FieldError> form_errors;  // always all of them (a short list)
  size_t error_count = 0;
  size_t required_total = 0, required_filled = 0;
  bool complete() const { return error_count == 0; }
  double completeness() const { return required_total ? double(required_filled) / double(required_total) : 1.0; }
};

// Brings `view` (what the previous view_changes() described) up to date.
void apply_changes(DraftView& view, const ViewChanges& changes);

class Draft {
 public:
  struct Options {
    std::optional<logic::Date> today;  // for `today` and `age` in rules (the core has no clock)
  };

  explicit Draft(ModelPtr model, nlohmann::json data = nlohmann::json::object(), Options options = {});

  const FormModel& model() const { return *model_; }
  const ModelPtr& model_ptr() const { return model_; }
  const nlohmann::json& data() const { return raw_; }        // everything entered, hidden answers included
  const nlohmann::json& submission() const { return effective_; }  // what is submitted: hidden answers removed

  // Edits. Throw wb::Error (fill.bad_location, fill.read_only) and change nothing when refused.
  void set(std::string_view pointer, nlohmann::json value);
  void clear(std::string_view pointer);
  size_t add_row(std::string_view array_pointer, nlohmann::json row = nlohmann::json::object());
  void remove_row(std::string_view array_pointer, size_t index);
  void move_row(std::string_view array_pointer, size_t from, size_t to);
  void set_today(logic::Date today);

  // Re-evaluates everything from scratch (what every edit is equivalent to).
  void reevaluate_all();

  DraftView view() const;
  // The view's changes since the previous call (see ViewChanges); the first call lists everything. Between calls
  // the draft remembers the view it described, and which locations and validation units edits touched.
  ViewChanges view_changes();
  // Locations whose value, visibility or errors may have changed in the last edit (for UIs to refresh).
  const std::vector<std::string>& last_changes() const { return last_changes_; }
  // All current errors at visible locations, in location order (the draft is complete when there are none).
  std::vector<FieldError> errors() const;

 private:
  using Results = std::map<size_t, nlohmann::json>;  // row (kNoRow for rules outside repeat groups) → result
  static constexpr size_t kNoRow = static_cast<size_t>(-1);

  void process(std::vector<Path> dirty);
  void evaluate_rules(std::vector<Path>& dirty);
  void revalidate(const std::vector<Path>& dirty);
  void validate_node(size_t node, const Path& location, const std::vector<Path>& dirty, bool whole);
  void erase_cached_within(const Path& location);
  void touch_unit(const std::string& key);  // a unit's errors are about to change (for view_changes)

  // view_changes(): the view last described, and how to recompute parts of it.
  struct SectionRules {
    std::vector<size_t> hiding, asserts, limits;  // rule indexes, in rule order
  };
  struct ViewCache {
    DraftView view;
    std::vector<size_t> offset;            // per model field: its first state in view.fields
    std::vector<size_t> instances;         // per model field: how many states (rows, or 1)
    std::vector<size_t> owner;             // per state: its model field
    std::vector<unsigned char> counted;    // per state: 1 = a visible required field, 2 = and filled
    size_t field_errors = 0;
    std::set<std::string> unplaced_units;  // units holding an error no field is bound at or above
    std::map<std::string, size_t> homes;   // such an error's location → the section showing it (or none)
  };
  struct ViewIndex {                       // immutable per model, built on the first view_changes()
    std::map<std::string, std::vector<size_t>> by_head;  // first token of a field's pattern → model fields
    std::vector<size_t> rootless;          // fields whose pattern is empty (bound to the whole application)
    std::vector<SectionRules> sections;    // per section, in layout order
  };
  std::vector<SectionRules> section_rules() const;
  void build_sections(std::vector<SectionState>& out, const std::vector<SectionRules>& rules) const;
  void place_unplaced(std::vector<SectionState>& sections, std::vector<FieldError>& form_errors,
                      const std::vector<const validate::ValidationError*>& unplaced,
                      std::map<std::string, size_t>* homes) const;
  FieldState field_state(const ModelField& mf, const Path& location, std::optional<size_t> row,
                         const std::vector<Path>& regions,
                         const std::vector<const validate::ValidationError*>& errors, unsigned char* counted) const;
  DraftView compute_view(std::vector<unsigned char>* counted) const;
  // The deepest field bound at or above a concrete location (as FormModel::field_at), through the index.
  const ModelField* locate(const Path& location, std::optional<size_t>* row) const;
  ViewChanges rebuild_view_cache();
  void index_view();

  bool is_hidden(const Path& location) const;
  std::vector<Path> hidden_regions() const;
  void refresh_effective(const Path& location);
  std::vector<Path> expand(const Path& pattern) const;  // "*" → every existing row
  size_t row_count(const Path& array) const;
  bool truthy_result(size_t rule, size_t row) const;
  Path checked_location(std::string_view pointer) const;

  ModelPtr model_;
  Options options_;
  nlohmann::json raw_;
  nlohmann::json effective_;
  nlohmann::json null_;                    // what $row reads when a row has no value
  std::vector<Results> results_;           // per rule
  std::map<std::pair<size_t, size_t>, Diagnostic> rule_failures_;  // (rule, row) that could not be evaluated
  std::map<std::string, std::vector<validate::ValidationError>> unit_errors_;  // unit location → its errors
  std::vector<std::string> last_changes_;

  std::shared_ptr<const ViewIndex> view_index_;
  std::optional<ViewCache> cache_;
  bool pending_all_ = false;           // since the cached view: a re-evaluation of everything
  std::vector<Path> pending_dirty_;    // since the cached view: locations edits touched (patterns allowed)
  std::set<std::string> pending_units_;  // since the cached view: units whose errors were replaced or dropped
  std::vector<std::string> pending_error_locations_;  // ... and where their previous errors were
};

}  // namespace wb::session
