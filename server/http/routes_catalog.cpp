// The catalog (事项目录), form definitions by version, service guides (办事指南) and blank-form downloads (表格下载).
// Everything here is public: no sign-in is needed to browse.

#include <fstream>
#include <sstream>

#include "core/catalog/catalog.hpp"
#include "server/app/server_context.hpp"
#include "server/http/routes.hpp"

namespace wb::server {
namespace {

bool etag_matches(const Request& req, const std::string& etag) {
  std::string inm = req.header("If-None-Match");
  if (inm.empty()) return false;
  if (inm == "*") return true;
  std::stringstream list(inm);
  std::string tag;
  while (std::getline(list, tag, ',')) {
    auto b = tag.find_first_not_of(' ');
    auto e = tag.find_last_not_of(' ');
    if (b == std::string::npos) continue;
    tag = tag.substr(b, e - b + 1);
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    if (tag == etag) return true;
  }
  return false;
}

int parse_int(const std::optional<std::string>& text, const char* name, int min, int max) {
  try {
    size_t used = 0;
    int v = std::stoi(*text, &used);
    if (used != text->size() || v < min || v > max) throw std::out_of_range(name);
    return v;
  } catch (const std::exception&) {
    throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", std::string(name) + " must be an integer from " +
                                                                    std::to_string(min) + " to " + std::to_string(max)}});
  }
}

ReadyFormPtr find_latest(ServerContext& ctx, const std::string& item) {
  auto ready = ctx.forms.latest(item);
  if (!ready) throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "service item " + item}, {"what_zh", "事项“" + item + "”"}});
  return ready;
}

nlohmann::json downloads_json(const form::FormDefinition& f) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : f.downloads)
    out.push_back({{"fileName", d.file_name}, {"title", d.title.to_json()}, {"mediaType", d.media_type},
                   {"size", d.size}, {"sha256", d.sha256},
                   {"url", "/v1/forms/" + f.id + "/downloads/" + d.file_name}});
  return out;
}

}  // namespace

void install_catalog_routes(Router& r, ServerContext& ctx) {
  r.get("/v1/catalog", [&ctx](Request& req, httplib::Response& res) {
    auto seq = ctx.forms.catalog_seq();
    std::string etag = "\"catalog-" + std::to_string(seq) + "\"";
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "no-cache");  // cacheable, but revalidated every time
    if (etag_matches(req, etag)) {
      res.status = 304;
      return;
    }
    catalog::Filter filter;
    if (auto a = req.query("audience")) {
      if (*a == "citizen") filter.audience = form::Audience::Citizen;
      else if (*a == "enterprise") filter.audience = form::Audience::Enterprise;
      else throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", "audience must be citizen or enterprise"}});
    }
    if (auto d = req.query("department")) filter.department = *d;
    if (auto v = req.query("visits")) filter.visits = parse_int(v, "visits", 0, 2);
    if (auto q = req.query("q")) filter.query = *q;
    std::int64_t since = 0;
    if (auto s = req.query("since")) since = parse_int(s, "since", 0, 1 << 30);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& ready : ctx.forms.latest_all()) {
      if (ready->published.seq <= since || !catalog::matches(*ready->form, filter)) continue;
      auto item = catalog::summary_json(*ready->form);
      item["sha256"] = ready->published.sha256;
      items.push_back(std::move(item));
    }
    send_json(res, 200, {{"version", seq}, {"since", since}, {"items", items}});
  });

  r.get("/v1/forms/{itemId}", [&ctx](Request& req, httplib::Response& res) {
    auto latest = find_latest(ctx, req.param("itemId"));
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& p : ctx.forms.versions(latest->published.item_id)) {
      nlohmann::json v = {{"version", p.version}, {"sha256", p.sha256}, {"publishedAt", p.published_at}};
      if (p.superseded_at) {
        v["supersededAt"] = *p.superseded_at;
        v["acceptedUntil"] = *p.superseded_at + ctx.forms.grace_ms();
      }
      versions.push_back(v);
    }
    send_json(res, 200, {{"id", latest->published.item_id}, {"latest", latest->published.version}, {"versions", versions}});
  });

  r.get("/v1/forms/{itemId}/versions/{version}", [&ctx](Request& req, httplib::Response& res) {
    int version = parse_int(req.param("version"), "version", 1, 1 << 30);
    auto ready = ctx.forms.get(req.param("itemId"), version);
    if (!ready)
      throw ApiError(404, ErrorCode::ProtoUnknownForm, {{"item", req.param("itemId")}, {"version", std::to_string(version)}});
    std::string etag = "\"" + ready->published.sha256 + "\"";
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");  // a published version never changes
    if (etag_matches(req, etag)) {
      res.status = 304;
      return;
    }
    res.status = 200;
    res.set_content(ready->published.definition, "application/json; charset=utf-8");
  });

  r.get("/v1/forms/{itemId}/guide", [&ctx](Request& req, httplib::Response& res) {
    auto ready = find_latest(ctx, req.param("itemId"));
    const auto& f = *ready->form;
    auto body = catalog::summary_json(f);
    body["guide"] = f.source.value("guide", nlohmann::json::object());
    body["downloads"] = downloads_json(f);
    res.set_header("ETag", "\"" + ready->published.sha256 + "\"");
    send_json(res, 200, body);
    res.set_header("Cache-Control", "no-cache");
  });

  r.get("/v1/forms/{itemId}/downloads/{fileName}", [&ctx](Request& req, httplib::Response& res) {
    auto ready = find_latest(ctx, req.param("itemId"));
    // Only files the form lists are served: the name is matched, never used as a path on its own.
    for (const auto& d : ready->form->downloads) {
      if (d.file_name != req.param("fileName")) continue;
      std::ifstream in(ctx.config.catalog_dir / "downloads" / d.file_name, std::ios::binary);
      if (!in) break;
      std::stringstream bytes;
      bytes << in.rdbuf();
      res.status = 200;
      res.set_header("Cache-Control", "public, max-age=86400");
      res.set_header("Content-Disposition", "attachment; filename=\"" + d.file_name + "\"");
      res.set_content(bytes.str(), d.media_type.c_str());
      return;
    }
    throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "download " + req.param("fileName")}, {"what_zh", "下载文件"}});
  });
}

}  // namespace wb::server
