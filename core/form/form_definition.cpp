#include "core/form/form_definition.hpp"

#include <array>

namespace wb::form {
namespace {

constexpr std::array<std::pair<Widget, std::string_view>, 17> kWidgets{{
    {Widget::Text, "text"},         {Widget::Textarea, "textarea"}, {Widget::Number, "number"},
    {Widget::Money, "money"},       {Widget::Date, "date"},         {Widget::Select, "select"},
    {Widget::Radio, "radio"},       {Widget::Multiselect, "multiselect"}, {Widget::Checkbox, "checkbox"},
    {Widget::ResidentId, "resident-id"}, {Widget::Uscc, "uscc"},    {Widget::Mobile, "mobile"},
    {Widget::Postcode, "postcode"}, {Widget::Email, "email"},       {Widget::Address, "address"},
    {Widget::File, "file"},         {Widget::Static, "static"},
}};

}  // namespace

std::string_view audience_name(Audience a) {
  switch (a) {
    case Audience::Citizen: return "citizen";
    case Audience::Enterprise: return "enterprise";
    case Audience::Both: return "both";
  }
  return "citizen";
}

bool audience_includes(Audience offered, Audience wanted) {
  return offered == Audience::Both || wanted == Audience::Both || offered == wanted;
}

std::string_view widget_name(Widget w) {
  for (const auto& [widget, name] : kWidgets)
    if (widget == w) return name;
  return "text";
}

std::optional<Widget> widget_from_name(std::string_view name) {
  for (const auto& [widget, n] : kWidgets)
    if (n == name) return widget;
  return std::nullopt;
}

std::string_view rule_kind_name(RuleKind k) {
  switch (k) {
    case RuleKind::Visible: return "visible";
    case RuleKind::Required: return "required";
    case RuleKind::Compute: return "compute";
    case RuleKind::MinRows: return "minRows";
    case RuleKind::MaxRows: return "maxRows";
    case RuleKind::Assert: return "assert";
  }
  return "visible";
}

const Material* Guide::find_material(std::string_view id) const {
  for (const auto& m : materials)
    if (m.id == id) return &m;
  return nullptr;
}

const Field* FormDefinition::find_field(std::string_view field_id) const {
  for (const auto& p : pages)
    for (const auto& s : p.sections)
      for (const auto& f : s.fields)
        if (f.id == field_id) return &f;
  return nullptr;
}

const Section* FormDefinition::find_section(std::string_view section_id) const {
  for (const auto& p : pages)
    for (const auto& s : p.sections)
      if (s.id == section_id) return &s;
  return nullptr;
}

const Page* FormDefinition::find_page(std::string_view page_id) const {
  for (const auto& p : pages)
    if (p.id == page_id) return &p;
  return nullptr;
}

const Department* FormDefinition::lead_department() const {
  for (const auto& d : departments)
    if (d.role == DepartmentRole::Lead) return &d;
  return departments.empty() ? nullptr : &departments.front();
}

std::vector<const Field*> FormDefinition::all_fields() const {
  std::vector<const Field*> out;
  for (const auto& p : pages)
    for (const auto& s : p.sections)
      for (const auto& f : s.fields) out.push_back(&f);
  return out;
}

}  // namespace wb::form
