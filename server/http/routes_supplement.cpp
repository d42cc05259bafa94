// The applicant's supplement (补正): POST /v1/cases/{caseId}/supplements. While a department asks for a supplement,
// the applicant sends the corrected answers (a JSON merge patch over the case's data) and says what they did. The
// merged data is validated with the same core/session code as a submission; the departments that asked go back
// to review.

#include <algorithm>

#include "core/session/draft.hpp"
#include "core/store/submit.hpp"
#include "server/app/server_context.hpp"
#include "server/cases/case_workflow.hpp"
#include "server/cases/submission_service.hpp"
#include "server/http/routes.hpp"
#include "server/cases/case_json.hpp"

namespace wb::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxNoteBytes = 2000;

[[noreturn]] void bad_request(const std::string& detail) {
  throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", detail}});
}

json validation_errors(const std::vector<session::FieldError>& errors, Lang lang) {
  json out = json::array();
  for (const auto& e : errors)
    out.push_back({{"instancePath", e.location},
                   {"code", std::string(error_id(e.code))},
                   {"keyword", e.keyword},
                   {"message", e.message(lang)},
                   {"messages", {{"zh-CN", e.text.get(Lang::ZhCN)}, {"en", e.text.get(Lang::En)}}}});
  return out;
}

// The JSON Pointers a merge patch sets or removes (its leaves): what the caseworker is told changed.
void patched_paths(const json& patch, const std::string& base, json& out) {
  for (const auto& [key, value] : patch.items()) {
    std::string escaped;
    for (char ch : key) {
      if (ch == '~') escaped += "~0";
      else if (ch == '/') escaped += "~1";
      else escaped += ch;
    }
    std::string path = base + "/" + escaped;
    if (value.is_object() && !value.empty()) patched_paths(value, path, out);
    else out.push_back(path);
  }
}

}  // namespace

void install_supplement_routes(Router& r, ServerContext& ctx) {
  r.post("/v1/cases/{caseId}/supplements", [&ctx](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    auto c = ctx.storage->cases().get_case(req.param("caseId"));
    // Another account's case answers as if it did not exist.
    if (!c || c->account_id != account.id)
      throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "case " + req.param("caseId")}, {"what_zh", "该办件"}});
    json body = req.json_body(ctx.config.max_json_bytes);
    if (!body.is_object()) bad_request("the body must be a JSON object");
    json patch = json::object();
    if (body.contains("data")) {
      if (!body["data"].is_object()) bad_request("data must be a JSON object (the changed answers)");
      patch = body["data"];
    }
    // The client's manifest is informative only, as for submissions: attachments are derived from the data.
    if (body.contains("attachments") && !body["attachments"].is_array()) bad_request("attachments must be an array");
    json detail = json::object();
    if (body.contains("note")) {
      if (!body["note"].is_string()) bad_request("note must be a string");
      if (body["note"].get_ref<const std::string&>().size() > kMaxNoteBytes)
        bad_request("note is longer than " + std::to_string(kMaxNoteBytes) + " bytes");
      detail["note"] = body["note"];
    }
    if (c->state != CaseState::SupplementRequested) throw ApiError(409, ErrorCode::ProtoNotAwaitingSupplement);

    auto ready = ctx.forms.get(c->item_id, c->form_version);
    if (!ready) throw Error(ErrorCode::Internal, {{"detail", "the case's form is not published"}});
    json merged = c->data;
    merged.merge_patch(patch);
    std::int64_t now = ctx.env.clock->now_ms();
    session::Draft draft(ready->model, merged, {china_date(now)});
    auto errors = draft.errors();
    if (!errors.empty())
      throw ApiError(422, ErrorCode::ProtoValidationFailed, {{"count", std::to_string(errors.size())}},
                     {{"errors", validation_errors(errors, req.lang)}});
    const json& effective = draft.submission();
    json manifest = store::attachment_manifest(effective, ready->form.get());
    check_attachments(ctx.storage->uploads(), account.id, manifest, *ready->form, c->attachments);

    json changed = json::array();
    patched_paths(patch, "", changed);
    detail["changed"] = changed;
    CaseEvent event;
    try {
      event = ctx.storage->cases().provide_supplement(c->id, effective, manifest, detail, now);
    } catch (const Error& e) {
      if (int status = workflow_error_status(e.code())) throw ApiError(status, e.diagnostic());
      throw;
    }
    auto updated = ctx.storage->cases().get_case(c->id);
    json departments = json::array();
    for (const auto& d : updated->departments)
      departments.push_back({{"department", d.department}, {"role", d.role}, {"state", case_state_name(d.state)},
                             {"updatedAt", d.updated_at}});
    send_json(res, 200, {{"caseId", updated->id},
                         {"state", case_state_name(updated->state)},
                         {"departments", departments},
                         {"event", case_event_json(event)}});
  });
}

}  // namespace wb::server
