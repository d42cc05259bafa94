#pragma once
// The immutable model of one service item's form definition (docs/form-format.md). Built only by the loader
// (form_loader.hpp); every cross-reference in it has been checked.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/localized_text.hpp"

namespace wb::form {

enum class Audience { Citizen, Enterprise, Both };
std::string_view audience_name(Audience a);  // "citizen" | "enterprise" | "both"
bool audience_includes(Audience offered, Audience wanted);

enum class DepartmentRole { Lead, Parallel };

struct Department {
  std::string id;
  LocalizedText name;
  DepartmentRole role = DepartmentRole::Lead;
};

struct Material {
  std::string id;
  LocalizedText name;
  bool required = false;
  std::vector<std::string> accepted_types;  // media types
  std::int64_t max_size_bytes = 0;
  bool electronic_certificate = false;  // an electronic licence may stand in for the upload
  int copies = 1;
  LocalizedText note;
};

struct ProcedureStep {
  LocalizedText title;
  LocalizedText description;
};

struct Contact {
  std::string phone;
  std::string email;
  LocalizedText note;
};

struct TimeLimit {
  int promised_days = 0;                 // working days; drives supervision
  std::optional<int> statutory_days;     // working days
};

struct Fee {
  LocalizedText name;
  std::string amount;  // yuan, decimal string
  LocalizedText basis;
};

// The service guide's ten elements.
struct Guide {
  std::vector<LocalizedText> legal_basis;
  std::vector<LocalizedText> conditions;
  std::vector<ProcedureStep> procedure;
  std::vector<Material> materials;
  LocalizedText accepting_department;
  LocalizedText location;
  Contact contact;
  LocalizedText hours;
  TimeLimit time_limit;
  std::vector<Fee> fees;  // empty: free of charge
  LocalizedText fee_basis;

  const Material* find_material(std::string_view id) const;
};

struct Download {
  std::string file_name;
  LocalizedText title;
  std::string media_type;
  std::int64_t size = 0;
  std::string sha256;
};

enum class Widget {
  Text, Textarea, Number, Money, Date, Select, Radio, Multiselect, Checkbox,
  ResidentId, Uscc, Mobile, Postcode, Email, Address, File, Static
};
std::string_view widget_name(Widget w);
std::optional<Widget> widget_from_name(std::string_view name);

struct Option {
  nlohmann::json value;
  LocalizedText label;
};

struct Field {
  std::string id;
  std::string bind;       // as written (relative to the row inside a repeat group)
  std::string data_path;  // absolute pointer pattern; rows appear as "*" ("/household/*/name")
  Widget widget = Widget::Text;
  LocalizedText label;
  LocalizedText help;
  LocalizedText placeholder;
  bool read_only = false;  // also true for computed fields
  std::string material;    // file widgets
  std::vector<Option> options;
  std::vector<std::pair<std::string, LocalizedText>> messages;  // keyword → override
  std::string pointer;     // where the field is defined in the document
  std::string section_id;
  std::string page_id;
};

struct Repeat {
  std::string bind;  // absolute pointer of the array
  std::optional<int> min_rows;
  std::optional<int> max_rows;
  LocalizedText add_label;
};

struct Section {
  std::string id;
  LocalizedText title;
  LocalizedText help;
  std::vector<Field> fields;
  std::optional<Repeat> repeat;
};

struct Page {
  std::string id;
  LocalizedText title;
  std::vector<Section> sections;
};

enum class RuleKind { Visible, Required, Compute, MinRows, MaxRows, Assert };
std::string_view rule_kind_name(RuleKind k);

struct Rule {
  std::string id;
  RuleKind kind = RuleKind::Visible;
  std::string target;  // field, section or page id
  nlohmann::json logic;
  LocalizedText message;
  bool row_scoped = false;          // evaluated once per row of the target's repeat group
  std::string row_array;            // absolute pointer of that repeat group's array, when row_scoped
  std::vector<std::string> reads;   // literal data paths the rule reads, as absolute pointer patterns
  std::string pointer;              // where the rule is defined in the document
};

struct FormDefinition {
  int format_version = 1;
  std::string id;
  int version = 0;
  LocalizedText title;
  LocalizedText summary;
  Audience audience = Audience::Citizen;
  int visits = 0;
  std::vector<Department> departments;
  std::vector<LocalizedText> topics;
  std::vector<std::string> keywords;
  Guide guide;
  std::vector<Download> downloads;
  nlohmann::json schema;
  std::vector<Page> pages;
  std::vector<Rule> rules;
  nlohmann::json source;  // the document as loaded (for hashing, export, and the server)

  const Field* find_field(std::string_view id) const;
  const Section* find_section(std::string_view id) const;
  const Page* find_page(std::string_view id) const;
  const Department* lead_department() const;
  std::vector<const Field*> all_fields() const;
};

using FormPtr = std::shared_ptr<const FormDefinition>;

}  // namespace wb::form
