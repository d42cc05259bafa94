#include "core/store/submit.hpp"

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

}  // namespace

json attachment_manifest(const json& payload) {
  json out = json::array();
  collect(payload, out);
  return out;
}

SubmitResult submit_draft(ProfileStore& store, const std::string& draft_id, const session::ModelPtr& model,
                          std::optional<logic::Date> today) {
  auto record = store.draft(draft_id);
  if (!record) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", draft_id}});
  session::Draft draft(model, record->data, {today});
  SubmitResult result;
  result.errors = draft.errors();
  json manifest = attachment_manifest(draft.submission());
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
