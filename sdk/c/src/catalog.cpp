// The catalog from the profile's form cache (filled by sync, or by wb_catalog_import for a first start offline).

#include "core/catalog/catalog.hpp"
#include "core/form/form_loader.hpp"
#include "sdk/c/src/internal.hpp"

namespace wb::sdk {
namespace {

using nlohmann::json;

Lang lang_of(const wb_profile* p) { return p ? p->core->lang() : Lang::ZhCN; }

// The newest cached version of every item (definitions that no longer load are left out). mu held.
catalog::Catalog cached_catalog(ProfileCore& p) {
  catalog::Catalog c;
  for (const auto& definition : p.store->cached_catalog()) {
    auto loaded = form::load_form(definition);
    if (loaded.ok()) c.add(loaded.form);
  }
  return c;
}

catalog::Filter filter_from(const wb_catalog_filter* f) {
  catalog::Filter out;
  if (!f) return out;
  check_struct(f->struct_size, offsetof(wb_catalog_filter, query) + sizeof f->query, "wb_catalog_filter");
  if (f->audience && *f->audience) {
    std::string a = f->audience;
    if (a == "citizen") out.audience = form::Audience::Citizen;
    else if (a == "enterprise") out.audience = form::Audience::Enterprise;
    else invalid_argument("audience must be citizen or enterprise");
  }
  if (f->department && *f->department) out.department = f->department;
  if (f->visits >= 0) {
    if (f->visits > 2) invalid_argument("visits must be 0, 1, 2 or -1");
    out.visits = f->visits;
  }
  if (f->query) out.query = f->query;
  return out;
}

}  // namespace
}  // namespace wb::sdk

using namespace wb;
using namespace wb::sdk;
using nlohmann::json;

extern "C" {

char* wb_catalog_list(wb_profile* profile, const wb_catalog_filter* filter, wb_error* error) {
  return guard<char*>(error, lang_of(profile), nullptr, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    auto f = filter_from(filter);
    Op op(p);
    json out = json::array();
    for (const auto& form : cached_catalog(p).list(f)) out.push_back(catalog::summary_json(*form));
    return dup_string(out.dump());
  });
}

char* wb_catalog_guide(wb_profile* profile, const char* item_id, wb_error* error) {
  return guard<char*>(error, lang_of(profile), nullptr, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    if (!item_id) invalid_argument("item_id is NULL");
    Op op(p);
    auto model = p.model(item_id, std::nullopt);
    const auto& f = model->form();
    json out = catalog::summary_json(f);
    out["guide"] = f.source.value("guide", json::object());
    out["downloads"] = f.source.value("downloads", json::array());
    return dup_string(out.dump());
  });
}

char* wb_catalog_form(wb_profile* profile, const char* item_id, int version, wb_error* error) {
  return guard<char*>(error, lang_of(profile), nullptr, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    if (!item_id) invalid_argument("item_id is NULL");
    Op op(p);
    auto definition = p.store->cached_form(item_id, version > 0 ? std::optional<int>(version) : std::nullopt);
    if (!definition)
      throw Error(ErrorCode::StoreNoForm, {{"item", item_id}, {"version", version > 0 ? std::to_string(version) : "?"}});
    return dup_string(definition->dump());
  });
}

bool wb_catalog_import(wb_profile* profile, const char* definition_json, wb_error* error) {
  return guard(error, lang_of(profile), false, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    if (!definition_json) invalid_argument("definition_json is NULL");
    auto loaded = form::load_form_text(definition_json);
    if (!loaded.ok()) throw Error(loaded.diagnostics.front());
    // A form that loads but cannot be filled (a rule that does not compile) is refused too.
    std::vector<Diagnostic> errors;
    if (!session::FormModel::build(loaded.form, &errors))
      throw Error(errors.empty() ? Diagnostic{ErrorCode::Internal, "", {{"detail", "form model"}}} : errors.front());
    Op op(p);
    p.store->cache_form(loaded.form->source);
    return true;
  });
}

}  // extern "C"
