#pragma once
// A form definition made ready for filling: its schema split into validation units, its rules compiled and put
// in dependency order. Immutable and shared by every draft of that form version (and by the server).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/form/form_definition.hpp"
#include "core/logic/logic.hpp"
#include "core/session/data_paths.hpp"
#include "core/session/validation_plan.hpp"

namespace wb::session {

struct ModelRule {
  const form::Rule* rule = nullptr;
  std::optional<logic::CompiledRule> compiled;  // always set in a built model
  std::vector<Path> reads;     // patterns ("*" for rows)
  bool reads_everything = false;
  std::vector<Path> writes;    // compute: the target's location; visible: every location the target hides
  bool row_scoped = false;
  Path row_array;              // row-scoped rules: the repeat group's array
};

struct ModelField {
  const form::Field* field = nullptr;
  Path pattern;                // data location; "*" at row_depth for fields of a repeat group
  std::optional<size_t> row_depth;
  bool schema_required = false;        // the schema lists it in its parent's "required"
  std::vector<size_t> visible_rules;   // rules that can hide it (on the field, its section or its page)
  std::vector<size_t> required_rules;
  std::vector<size_t> assert_rules;
  std::optional<size_t> compute_rule;
};

class FormModel {
 public:
  // Null with diagnostics when the form cannot be filled (a rule or schema that does not compile, a cycle
  // between visibility and computed values).
  static std::shared_ptr<const FormModel> build(form::FormPtr form, std::vector<Diagnostic>* errors = nullptr);

  const form::FormDefinition& form() const { return *form_; }
  const form::FormPtr& form_ptr() const { return form_; }
  const ValidationPlan& plan() const { return *plan_; }
  const std::vector<ModelRule>& rules() const { return rules_; }
  const std::vector<size_t>& order() const { return order_; }  // compute/visible first, in dependency order
  const std::vector<ModelField>& fields() const { return fields_; }
  // The objects the schema requires on the way to a field outside repeat groups ("/husband" for "/husband/name"
  // when the root requires "husband"), parents first. A draft starts with them as {}: a required section's fields
  // then get errors of their own instead of one "required" on the section, and the verdict is unchanged (the
  // object was required anyway; an optional section stays absent until something in it is filled in).
  const std::vector<Path>& required_containers() const { return required_containers_; }
  // The field bound at or above a concrete data location (the deepest one), with the row it is in.
  const ModelField* field_at(const Path& location, std::optional<size_t>* row = nullptr) const;
  const ModelField* field_by_id(std::string_view id) const;

 private:
  form::FormPtr form_;
  std::optional<ValidationPlan> plan_;
  std::vector<ModelRule> rules_;
  std::vector<size_t> order_;
  std::vector<ModelField> fields_;
  std::vector<Path> required_containers_;
};

using ModelPtr = std::shared_ptr<const FormModel>;

}  // namespace wb::session
