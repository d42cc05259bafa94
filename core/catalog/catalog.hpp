#pragma once
// The catalog of service items: a set of loaded form definitions (the newest version of each item), filtered the
// way the portal and the CLI browse it: by audience, department, visit class and free text.

#include <optional>
#include <string>
#include <vector>

#include "core/form/form_definition.hpp"

namespace wb::catalog {

struct Filter {
  std::optional<form::Audience> audience;  // citizen matches "citizen" and "both" items
  std::optional<std::string> department;   // a department id, or a substring of its zh-CN/en name
  std::optional<int> visits;               // 0, 1 or 2
  std::string query;                       // matched against title, summary, topics, keywords (case-insensitive)
};

class Catalog {
 public:
  // Keeps the highest version of each item id; later duplicates of the same (id, version) are ignored.
  void add(form::FormPtr form);

  const std::vector<form::FormPtr>& items() const { return items_; }  // sorted by id
  form::FormPtr find(std::string_view id) const;
  std::vector<form::FormPtr> list(const Filter& filter) const;

 private:
  std::vector<form::FormPtr> items_;
};

bool matches(const form::FormDefinition& f, const Filter& filter);

// One catalog entry as the CLI prints it and protocol v1 sends it (docs/protocol.md, "CatalogItem").
nlohmann::json summary_json(const form::FormDefinition& f);

}  // namespace wb::catalog
