#include "core/store/submit.hpp"

#include <map>

#include "core/common/json_pointer.hpp"

namespace wb::store {
namespace {

using nlohmann::json;

bool is_attachment(const json& j) {
  return j.is_object() && j.contains("sha256") && j["sha256"].is_string() && j["sha256"].get_ref<const std::string&>().size() == 64 &&
         j.contains("name") && j.contains("size") && j.contains("mediaType");
}

void collect(const json& j, json& out) {
  if (is_attachment(j)) {
    for (const auto& a : out)
      if (a["sha256"] == j["sha256"]) return;
    out.push_back({{"sha256", j["sha256"]}, {"name", j["name"]}, {"size", j["size"]}, {"mediaType", j["mediaType"]}});
    return;
  }
  if (j.is_object() || j.is_array())
    for (const auto& v : j) collect(v, out);
}

// Every attachment under a file field's data path (rows appear as "*"), recorded as sha256 → material id.
void materials_at(const json& node, const std::vector<std::string>& tokens, size_t at, const std::string& material,
                  std::map<std::string, std::string>& out) {
  if (at == tokens.size()) {
    if (is_attachment(node)) out.emplace(node["sha256"].get<std::string>(), material);
    if (node.is_array())
      for (const auto& v : node)
        if (is_attachment(v)) out.emplace(v["sha256"].get<std::string>(), material);
    return;
  }
  if (tokens[at] == "*") {
    if (node.is_array())
      for (const auto& v : node) materials_at(v, tokens, at + 1, material, out);
    return;
  }
  if (node.is_object() && node.contains(tokens[at])) materials_at(node[tokens[at]], tokens, at + 1, material, out);
}

}  // namespace

json attachment_manifest(const json& payload, const form::FormDefinition* form) {
  json out = json::array();
  collect(payload, out);
  if (!form) return out;
  std::map<std::string, std::string> material_of;
  for (const auto* field : form->all_fields()) {
    if (field->widget != form::Widget::File || field->material.empty()) continue;
    if (auto tokens = split_pointer(field->data_path)) materials_at(payload, *tokens, 0, field->material, material_of);
  }
  for (auto& a : out)
    if (auto m = material_of.find(a["sha256"].get<std::string>()); m != material_of.end()) a["material"] = m->second;
  return out;
}

SubmitResult submit_draft(ProfileStore& store, const std::string& draft_id, const session::ModelPtr& model,
                          std::optional<logic::Date> today) {
  auto record = store.draft(draft_id);
  if (!record) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", draft_id}});
  session::Draft draft(model, record->data, {today});
  SubmitResult result;
  result.errors = draft.errors();
  json manifest = attachment_manifest(draft.submission(), &model->form());
  for (const auto& a : manifest) {
    if (!store.attachment_info(a["sha256"].get<std::string>())) {
      session::FieldError e;
      e.code = ErrorCode::NotFound;
      e.keyword = "attachment";
      std::string name = a["name"].is_string() ? a["name"].get<std::string>() : "?";
      e.text = LocalizedText{render_template(error_template(ErrorCode::NotFound, Lang::ZhCN), {{"what", name}}),
                             render_template(error_template(ErrorCode::NotFound, Lang::En), {{"what", name}})};
      result.errors.push_back(std::move(e));
    }
  }
  if (!result.errors.empty()) return result;
  result.item = store.enqueue(draft_id, draft.submission(), manifest);
  return result;
}

}  // namespace wb::store
