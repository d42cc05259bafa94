// The caseworkers' side (/v1/admin/...): work lists, a case in full, moving a department's part of a case through
// the lifecycle, publishing result documents (结果文书), the applicant's materials, and the supervision report
// (督办). Caseworkers only (applicants get 403); a caseworker with departments acts only for those.

#include <charconv>

#include "core/common/environment.hpp"
#include "core/common/sha256.hpp"
#include "server/app/server_context.hpp"
#include "server/cases/case_workflow.hpp"
#include "server/cases/supervision.hpp"
#include "server/http/base64.hpp"
#include "server/http/caseworker_views.hpp"
#include "server/http/routes.hpp"
#include "server/cases/case_json.hpp"

namespace wb::server {
namespace {

using nlohmann::json;

constexpr int kDefaultPage = 50;
constexpr int kMaxPage = 200;
constexpr size_t kMaxNoteBytes = 2000;
constexpr size_t kMaxResultBytes = 5 << 20;  // a decoded result document; its base64 body stays under 7 MiB
constexpr size_t kMaxResultBody = 7 << 20;

[[noreturn]] void bad_request(const std::string& detail) {
  throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", detail}});
}

// Runs a storage call whose wb::Errors of the workflow become their HTTP status (409 / 422).
template <typename Call>
auto workflow_call(Call&& call) {
  try {
    return call();
  } catch (const Error& e) {
    if (int status = workflow_error_status(e.code())) throw ApiError(status, e.diagnostic());
    throw;
  }
}

std::string text_member(const json& body, const char* key, bool required, size_t max_bytes) {
  if (!body.contains(key)) {
    if (required) bad_request(std::string(key) + " is required");
    return "";
  }
  if (!body[key].is_string()) bad_request(std::string(key) + " must be a string");
  const auto& s = body[key].get_ref<const std::string&>();
  if (required && s.empty()) bad_request(std::string(key) + " must not be empty");
  if (s.size() > max_bytes) bad_request(std::string(key) + " is longer than " + std::to_string(max_bytes) + " bytes");
  return s;
}

// "<submittedAt>.<caseId>": opaque to clients.
std::string cursor_of(const CaseRecord& c) { return std::to_string(c.submitted_at) + "." + c.id; }

std::pair<std::int64_t, std::string> parse_cursor(const std::string& text) {
  auto dot = text.find('.');
  std::int64_t at = 0;
  if (dot == std::string::npos || dot == 0 || dot + 1 == text.size()) bad_request("cursor is not valid");
  auto [end, ec] = std::from_chars(text.data(), text.data() + dot, at);
  if (ec != std::errc() || end != text.data() + dot) bad_request("cursor is not valid");
  return {at, text.substr(dot + 1)};
}

int parse_limit(const std::optional<std::string>& text) {
  if (!text) return kDefaultPage;
  int v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < 1 || v > kMaxPage)
    bad_request("limit must be an integer from 1 to " + std::to_string(kMaxPage));
  return v;
}

// The "missing" list of a supplement request, checked against the form: [{"materialId"|"field", "reason"}] →
// the same entries with the material's or field's name added (what the applicant is shown).
json checked_missing(const json& missing, const form::FormDefinition* f) {
  if (!missing.is_array()) bad_request("missing must be an array");
  if (missing.empty()) throw ApiError(422, ErrorCode::ProtoMissingRequired);
  if (missing.size() > 100) bad_request("missing has more than 100 entries");
  json out = json::array();
  for (const auto& m : missing) {
    if (!m.is_object()) bad_request("each entry of missing must be an object");
    bool material = m.contains("materialId"), field = m.contains("field");
    if (material == field) bad_request("each entry of missing names either a materialId or a field");
    const char* key = material ? "materialId" : "field";
    std::string id = text_member(m, key, true, 200);
    if (!m.contains("reason") || !m["reason"].is_object()) bad_request("each entry of missing needs a reason object");
    const auto& reason = m["reason"];
    std::string zh = text_member(reason, "zh-CN", true, kMaxNoteBytes);
    std::string en = text_member(reason, "en", false, kMaxNoteBytes);
    json entry = {{key, id}, {"reason", LocalizedText{zh, en}.to_json()}};
    if (material) {
      const form::Material* mat = f ? f->guide.find_material(id) : nullptr;
      if (!mat) throw ApiError(422, ErrorCode::ProtoMissingUnknown, {{"what", id}});
      entry["name"] = mat->name.to_json();
    } else {
      const form::Field* fd = f ? f->find_field(id) : nullptr;
      if (!fd) throw ApiError(422, ErrorCode::ProtoMissingUnknown, {{"what", id}});
      entry["name"] = fd->label.to_json();
    }
    out.push_back(std::move(entry));
  }
  return out;
}

// A media type as "type/subtype" (RFC 6838 characters, no parameters).
bool valid_media_type(const std::string& t) {
  auto slash = t.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == t.size() || t.size() > 127) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$&-^_.+").find(c) != std::string_view::npos || (c == '/' && i == slash);
    if (!ok) return false;
  }
  return true;
}

// A file name shown to people and sent in Content-Disposition: no path, no control characters, no quotes.
bool valid_file_name(const std::string& name) {
  if (name.empty() || name.size() > 255 || name == "." || name == "..") return false;
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"') return false;
  return true;
}

// attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded (RFC 6266), for names in Chinese.
std::string content_disposition(const std::string& name) {
  std::string ascii, encoded;
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    ascii.push_back(c < 0x80 ? static_cast<char>(c) : '_');
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        std::string_view("-._~").find(static_cast<char>(c)) != std::string_view::npos) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[c >> 4]);
      encoded.push_back(kHex[c & 15]);
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::int64_t now_of(ServerContext& ctx) { return ctx.env.clock->now_ms(); }

void list_cases(ServerContext& ctx, Request& req, httplib::Response& res) {
  Account cw = ctx.require_caseworker(req);
  CaseStore::CaseQuery q;
  if (auto s = req.query("state"); s && !s->empty()) {
    q.state = parse_case_state(*s);
    if (!q.state) bad_request("state must be one of submitted, accepted, in_review, supplement_requested, approved, "
                              "rejected, result_available");
  }
  if (auto d = req.query("department"); d && !d->empty()) {
    require_department(cw, *d);
    q.department = *d;
  }
  if (auto i = req.query("itemId")) q.item_id = *i;
  if (auto o = req.query("overdue"); o && !o->empty()) {
    if (*o != "true" && *o != "false") bad_request("overdue must be true or false");
    q.overdue = *o == "true";
    q.overdue_before = iso_date(latest_working_day(now_of(ctx), ctx.calendar));
  }
  q.within_departments = cw.departments;
  if (auto c = req.query("cursor"); c && !c->empty()) q.after = parse_cursor(*c);
  int limit = parse_limit(req.query("limit"));
  q.limit = limit + 1;  // one more tells whether there is a next page
  auto found = ctx.storage->cases().find_cases(q);
  bool more = static_cast<int>(found.size()) > limit;
  if (more) found.resize(static_cast<size_t>(limit));
  json cases = json::array();
  for (const auto& c : found) cases.push_back(admin_case_summary_json(ctx, c, deadline_now(ctx, c)));
  send_json(res, 200, {{"cases", cases}, {"nextCursor", more ? json(cursor_of(found.back())) : json(nullptr)}});
}

void transition(ServerContext& ctx, Request& req, httplib::Response& res) {
  Account cw = ctx.require_caseworker(req);
  CaseRecord c = case_for_caseworker(ctx, cw, req.param("caseId"));
  json body = req.json_body(ctx.config.max_json_bytes);
  if (!body.is_object()) bad_request("the body must be a JSON object");
  std::string department = text_member(body, "department", true, 200);
  std::string to_text = text_member(body, "to", true, 64);
  auto to = parse_case_state(to_text);
  if (!to) bad_request("to must be a case state");
  require_department(cw, department);
  json detail = json::object();
  if (body.contains("note")) detail["note"] = text_member(body, "note", false, kMaxNoteBytes);
  std::string kind = "status";
  if (*to == CaseState::SupplementRequested) {
    if (!body.contains("missing")) throw ApiError(422, ErrorCode::ProtoMissingRequired);
    auto ready = ctx.forms.get(c.item_id, c.form_version);
    detail["missing"] = checked_missing(body["missing"], ready ? ready->form.get() : nullptr);
    kind = "supplement_requested";
  } else if (body.contains("missing")) {
    bad_request("missing is only for to = supplement_requested");
  }
  auto event = workflow_call(
      [&] { return ctx.storage->cases().record_transition(c.id, department, *to, kind, detail, now_of(ctx)); });
  auto updated = ctx.storage->cases().get_case(c.id);
  send_json(res, 200, {{"case", admin_case_summary_json(ctx, *updated, deadline_now(ctx, *updated))},
                       {"event", case_event_json(event)}});
}

void publish(ServerContext& ctx, Request& req, httplib::Response& res) {
  Account cw = ctx.require_caseworker(req);
  CaseRecord c = case_for_caseworker(ctx, cw, req.param("caseId"));
  json body = req.json_body(kMaxResultBody);
  if (!body.is_object()) bad_request("the body must be a JSON object");
  CaseStore::ResultDocument doc;
  doc.name = text_member(body, "name", true, 255);
  if (!valid_file_name(doc.name)) bad_request("name must be a file name (no path, quotes or control characters)");
  doc.media_type = text_member(body, "mediaType", true, 127);
  if (!valid_media_type(doc.media_type)) bad_request("mediaType must be a media type such as application/pdf");
  doc.department = text_member(body, "department", false, 200);
  if (!doc.department.empty()) {
    require_department(cw, doc.department);
  } else {
    // For every decided department of the case: the caseworker must act for all of them.
    for (const auto& d : c.departments) require_department(cw, d.department);
  }
  if (!body.contains("contentBase64") || !body["contentBase64"].is_string()) bad_request("contentBase64 is required");
  auto bytes = decode_base64(body["contentBase64"].get_ref<const std::string&>());
  if (!bytes) bad_request("contentBase64 is not valid base64");
  if (bytes->empty()) bad_request("the result document is empty");
  if (bytes->size() > kMaxResultBytes)
    throw ApiError(413, ErrorCode::ProtoResultTooLarge, {{"limit", std::to_string(kMaxResultBytes)}});
  doc.id = uuid_v4(*ctx.env.random);
  doc.case_id = c.id;
  doc.sha256 = sha256_hex(*bytes);
  doc.size = static_cast<std::int64_t>(bytes->size());
  doc.created_at = now_of(ctx);
  json detail = {{"resultId", doc.id}, {"name", doc.name}, {"mediaType", doc.media_type}, {"size", doc.size},
                 {"sha256", doc.sha256}};
  auto event = workflow_call([&] { return ctx.storage->cases().publish_result(doc, *bytes, detail); });
  auto updated = ctx.storage->cases().get_case(c.id);
  auto result = admin_result_json(doc);
  res.set_header("Location", result["url"].get<std::string>());
  send_json(res, 201, {{"result", result},
                       {"case", admin_case_summary_json(ctx, *updated, deadline_now(ctx, *updated))},
                       {"event", case_event_json(event)}});
}

void download_result(ServerContext& ctx, Request& req, httplib::Response& res) {
  Account cw = ctx.require_caseworker(req);
  CaseRecord c = case_for_caseworker(ctx, cw, req.param("caseId"));
  for (const auto& r : ctx.storage->cases().results(c.id)) {
    if (r.id != req.param("resultId")) continue;
    auto bytes = ctx.storage->cases().result_bytes(c.id, r.id);
    if (!bytes) break;
    res.status = 200;
    res.set_header("Content-Disposition", content_disposition(r.name));
    res.set_header("ETag", "\"" + r.sha256 + "\"");
    res.set_content(*bytes, r.media_type.c_str());
    return;
  }
  throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "result document"}, {"what_zh", "该结果文书"}});
}

// The applicant's material, by the hash the case's attachments list: only files of this case are served.
void download_attachment(ServerContext& ctx, Request& req, httplib::Response& res) {
  Account cw = ctx.require_caseworker(req);
  CaseRecord c = case_for_caseworker(ctx, cw, req.param("caseId"));
  const std::string& sha = req.param("sha256");
  for (const auto& a : c.attachments) {
    if (!a.is_object() || a.value("sha256", "") != sha) continue;
    auto bytes = ctx.storage->uploads().blob_bytes(c.account_id, sha);
    if (!bytes) break;
    std::string name = a.value("name", sha);
    std::string type = a.value("mediaType", "application/octet-stream");
    res.status = 200;
    res.set_header("Content-Disposition", content_disposition(valid_file_name(name) ? name : sha));
    res.set_header("ETag", "\"" + sha + "\"");
    res.set_content(*bytes, valid_media_type(type) ? type.c_str() : "application/octet-stream");
    return;
  }
  throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "attachment " + sha}, {"what_zh", "该材料"}});
}

void supervision(ServerContext& ctx, Request& req, httplib::Response& res) {
  Account cw = ctx.require_caseworker(req);
  CaseStore::CaseQuery q;
  q.within_departments = cw.departments;
  auto cases = ctx.storage->cases().find_cases(q);
  SupervisionNames names;
  for (const auto& c : cases) {
    if (names.items.count(c.item_id)) continue;
    auto ready = ctx.forms.latest(c.item_id);
    if (!ready) continue;
    names.items[c.item_id] = ready->form->title;
    for (const auto& d : ready->form->departments) names.departments.emplace(d.id, d.name);
  }
  std::int64_t now = now_of(ctx);
  auto report = supervision_report(cases, china_date(now), ctx.calendar, names, cw.departments);
  report["generatedAt"] = now;
  send_json(res, 200, report);
}

}  // namespace

void install_caseworker_routes(Router& r, ServerContext& ctx) {
  r.get("/v1/admin/cases", [&ctx](Request& req, httplib::Response& res) { list_cases(ctx, req, res); });

  r.get("/v1/admin/cases/{caseId}", [&ctx](Request& req, httplib::Response& res) {
    Account cw = ctx.require_caseworker(req);
    CaseRecord c = case_for_caseworker(ctx, cw, req.param("caseId"));
    send_json(res, 200, admin_case_detail_json(ctx, c, deadline_now(ctx, c)));
  });

  r.post("/v1/admin/cases/{caseId}/transitions",
         [&ctx](Request& req, httplib::Response& res) { transition(ctx, req, res); });
  r.post("/v1/admin/cases/{caseId}/results", [&ctx](Request& req, httplib::Response& res) { publish(ctx, req, res); });
  r.get("/v1/admin/cases/{caseId}/results/{resultId}",
        [&ctx](Request& req, httplib::Response& res) { download_result(ctx, req, res); });
  r.get("/v1/admin/cases/{caseId}/attachments/{sha256}",
        [&ctx](Request& req, httplib::Response& res) { download_attachment(ctx, req, res); });
  r.get("/v1/admin/supervision", [&ctx](Request& req, httplib::Response& res) { supervision(ctx, req, res); });
}

}  // namespace wb::server
