#pragma once
// The catalog screen: the service items this station can offer (the catalog folder shipped with the app, plus every
// form the profile's sync pulled from the server, the newest version of each winning), filtered by audience,
// department, visit class and free text; and the service guide of the chosen item, as titled blocks of lines.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog/catalog.hpp"
#include "core/common/errors.hpp"

namespace wb::desktop {

struct CatalogFilterState {
  std::string query;
  int audience = 0;         // 0 everyone, 1 people, 2 businesses
  int visits = -1;          // -1 any, else 0/1/2
  std::string department;   // department id; "" all
};

struct GuideBlock {
  std::string title;
  std::vector<std::string> lines;
};

class CatalogView {
 public:
  // Rebuilds the item set from the folder's catalog and the profile's cached definitions (which may be newer).
  void set_sources(const catalog::Catalog& folder, const std::vector<nlohmann::json>& cached);

  CatalogFilterState filter;
  std::vector<form::FormPtr> rows() const;  // the filtered items, by title order of the catalog (item id)
  // Departments offered by any item: (id, name), sorted by id, each once.
  std::vector<std::pair<std::string, std::string>> departments(Lang lang) const;
  form::FormPtr find(const std::string& id) const { return catalog_.find(id); }
  const catalog::Catalog& catalog() const { return catalog_; }
  size_t size() const { return catalog_.items().size(); }

 private:
  catalog::Catalog catalog_;
};

std::string visits_label(int visits, Lang lang);
std::string audience_label(form::Audience audience, Lang lang);
// "1.5 MB", "300 KB", "12 B"
std::string format_size(std::int64_t bytes);
// The guide's ten elements, plus the blank forms, in reading order; empty elements are left out.
std::vector<GuideBlock> guide_blocks(const form::FormDefinition& f, Lang lang);

}  // namespace wb::desktop
