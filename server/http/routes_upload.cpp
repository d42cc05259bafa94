// Resumable attachment uploads (材料上传): POST creates, GET/HEAD tells the offset, PATCH appends bytes.

#include <memory>

#include "server/app/server_context.hpp"
#include "server/cases/upload_service.hpp"
#include "server/http/routes.hpp"

namespace wb::server {
namespace {

void offset_headers(httplib::Response& res, const UploadRecord& u) {
  res.set_header("Upload-Offset", std::to_string(u.offset));
  res.set_header("Upload-Length", std::to_string(u.size));
}

std::int64_t upload_offset_header(const Request& req) {
  std::string text = req.header("Upload-Offset");
  bool digits = !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits)
    throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", "the Upload-Offset header must be a byte offset"}});
  return std::stoll(text);
}

}  // namespace

void install_upload_routes(Router& r, ServerContext& ctx) {
  auto service = std::make_shared<UploadService>(ctx);

  r.post("/v1/uploads", [&ctx, service](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    auto created = service->create(account, req.json_body(ctx.config.max_json_bytes));
    res.set_header("Location", "/v1/uploads/" + created.upload.id);
    offset_headers(res, created.upload);
    send_json(res, created.existing ? 200 : 201,
              {{"uploadId", created.upload.id}, {"offset", created.upload.offset},
               {"complete", created.upload.complete}});
  });

  r.get("/v1/uploads/{uploadId}", [&ctx, service](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    auto u = service->get(account, req.param("uploadId"));
    offset_headers(res, u);
    send_json(res, 200, upload_json(u));
  });
  r.head_too("/v1/uploads/{uploadId}");

  r.patch("/v1/uploads/{uploadId}", [&ctx, service](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    const std::string& id = req.param("uploadId");
    service->get(account, id);  // 404 before anything else is said about it
    if (req.header("Content-Type").rfind("application/offset+octet-stream", 0) != 0)
      throw ApiError(415, ErrorCode::ProtoUnsupportedMedia, {{"expected", "application/offset+octet-stream"}});
    std::int64_t offset = upload_offset_header(req);
    try {
      std::int64_t now_at = service->append(account, id, offset, req.http.body);
      res.status = 204;
      res.set_header("Upload-Offset", std::to_string(now_at));
    } catch (const ApiError& e) {
      // Every refusal tells where the upload stands, so the client resumes from there.
      if (e.extra().contains("offset")) res.set_header("Upload-Offset", e.extra()["offset"].dump());
      throw;
    }
  });
}

}  // namespace wb::server
