// The applicant's cases (我的办件): the list, one case with its timeline, the changes feed and result documents.
// Only the account that submitted a case sees it; any other account is told it does not exist (404).

#include <algorithm>
#include <cctype>
#include <limits>

#include "server/app/server_context.hpp"
#include "server/cases/case_json.hpp"
#include "server/http/routes.hpp"

namespace wb::server {
namespace {

using nlohmann::json;

std::int64_t query_int(const Request& req, const char* name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) {
  auto text = req.query(name);
  if (!text) return fallback;
  bool digits = !text->empty() && text->size() <= 18 && text->find_first_not_of("0123456789") == std::string::npos;
  std::int64_t v = digits ? std::stoll(*text) : -1;
  if (!digits || v < min || v > max)
    throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", std::string(name) + " must be an integer from " +
                                                                    std::to_string(min) + " to " + std::to_string(max)}});
  return v;
}

[[noreturn]] void case_not_found(const std::string& id) {
  throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "case " + id}, {"what_zh", "该办件"}});
}

CaseRecord own_case(ServerContext& ctx, const Account& account, const std::string& id) {
  auto c = ctx.storage->cases().get_case(id);
  if (!c || c->account_id != account.id) case_not_found(id);
  return std::move(*c);
}

// The page cursor of the case list: "<submittedAt>.<caseId>" of the last case shown (opaque to clients).
std::string page_cursor(const CaseRecord& c) { return std::to_string(c.submitted_at) + "." + c.id; }

CaseStore::CasePosition parse_page_cursor(const std::string& text) {
  auto dot = text.find('.');
  std::string at = text.substr(0, dot);
  bool ok = dot != std::string::npos && dot > 0 && dot <= 18 && dot + 1 < text.size() &&
            at.find_first_not_of("0123456789") == std::string::npos;
  if (!ok) throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", "cursor is not one this server gave"}});
  return {std::stoll(at), text.substr(dot + 1)};
}

// A result document exists only once a result was published (the case, or a department, reached
// result_available; publishing appends a "result" event).
bool has_results(const CaseRecord& c, const std::vector<CaseEvent>& events) {
  if (c.state == CaseState::ResultAvailable) return true;
  if (std::any_of(c.departments.begin(), c.departments.end(),
                  [](const DepartmentStatus& d) { return d.state == CaseState::ResultAvailable; }))
    return true;
  return std::any_of(events.begin(), events.end(), [](const CaseEvent& e) { return e.kind == "result"; });
}

// RFC 6266 / 8187: a UTF-8 file name for Content-Disposition.
std::string content_disposition(const std::string& name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char ch : name) {
    if (std::isalnum(ch) || std::string_view("-._~").find(static_cast<char>(ch)) != std::string_view::npos) {
      encoded += static_cast<char>(ch);
    } else {
      encoded += '%';
      encoded += kHex[ch >> 4];
      encoded += kHex[ch & 15];
    }
  }
  return "attachment; filename*=UTF-8''" + encoded;
}

}  // namespace

void install_case_routes(Router& r, ServerContext& ctx) {
  r.get("/v1/cases", [&ctx](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    int limit = static_cast<int>(query_int(req, "limit", 20, 1, 100));
    std::optional<CaseStore::CasePosition> after;
    if (auto cursor = req.query("cursor"); cursor && !cursor->empty()) after = parse_page_cursor(*cursor);
    auto page = ctx.storage->cases().cases_page(account.id, after, limit + 1);
    bool more = static_cast<int>(page.size()) > limit;
    if (more) page.pop_back();
    json cases = json::array();
    for (const auto& c : page) {
      auto ready = ctx.forms.get(c.item_id, c.form_version);
      cases.push_back(case_summary_json(c, ready ? ready->form.get() : nullptr));
    }
    json next = more ? json(page_cursor(page.back())) : json(nullptr);
    send_json(res, 200, {{"cases", cases}, {"nextCursor", next}});
  });

  r.get("/v1/cases/{caseId}", [&ctx](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    CaseRecord c = own_case(ctx, account, req.param("caseId"));
    auto ready = ctx.forms.get(c.item_id, c.form_version);
    auto body = case_summary_json(c, ready ? ready->form.get() : nullptr);
    body["data"] = c.data;
    body["attachments"] = c.attachments;
    auto timeline = ctx.storage->cases().timeline(c.id);
    json events = json::array();
    for (const auto& e : timeline) events.push_back(case_event_json(e));
    body["events"] = events;
    json results = json::array();
    if (has_results(c, timeline))
      for (const auto& d : ctx.storage->cases().results(c.id)) results.push_back(result_document_json(d));
    body["results"] = results;
    send_json(res, 200, body);
  });

  r.get("/v1/changes", [&ctx](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    std::int64_t cursor = query_int(req, "cursor", 0, 0, std::numeric_limits<std::int64_t>::max() / 2);
    int limit = static_cast<int>(query_int(req, "limit", 100, 1, 500));
    auto events = ctx.storage->cases().events_since(account.id, cursor, limit + 1);
    bool more = static_cast<int>(events.size()) > limit;
    if (more) events.pop_back();
    json list = json::array();
    for (const auto& e : events) list.push_back(case_event_json(e));
    send_json(res, 200, {{"events", list}, {"cursor", events.empty() ? cursor : events.back().seq}, {"more", more}});
  });

  r.get("/v1/cases/{caseId}/results/{resultId}", [&ctx](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    CaseRecord c = own_case(ctx, account, req.param("caseId"));
    const std::string& result_id = req.param("resultId");
    auto docs = ctx.storage->cases().results(c.id);
    auto doc = std::find_if(docs.begin(), docs.end(), [&](const auto& d) { return d.id == result_id; });
    auto bytes = doc == docs.end() ? std::nullopt : ctx.storage->cases().result_bytes(c.id, result_id);
    if (!bytes)
      throw ApiError(404, ErrorCode::ProtoNotFound,
                     {{"what", "result document " + result_id}, {"what_zh", "该结果文书"}});
    res.status = 200;
    res.set_header("Content-Disposition", content_disposition(doc->name));
    res.set_header("ETag", "\"" + doc->sha256 + "\"");
    res.set_content(*bytes, doc->media_type.c_str());
  });
}

}  // namespace wb::server
