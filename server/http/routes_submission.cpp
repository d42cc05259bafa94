// Idempotent submissions (申请提交): POST /v1/submissions with an Idempotency-Key header.

#include <memory>

#include "server/app/server_context.hpp"
#include "server/cases/submission_service.hpp"
#include "server/http/routes.hpp"

namespace wb::server {

void install_submission_routes(Router& r, ServerContext& ctx) {
  auto service = std::make_shared<SubmissionService>(ctx);

  r.post("/v1/submissions", [&ctx, service](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    std::string key = req.header("Idempotency-Key");
    SubmissionService::check_key(key);
    auto request = SubmissionRequest::from_json(req.json_body(ctx.config.max_json_bytes));
    auto result = service->submit(account, key, request, req.lang);
    if (result.replayed) res.set_header("Idempotent-Replayed", "true");
    res.set_header("Location", "/v1/cases/" + result.receipt.case_id);
    send_json(res, result.replayed ? 200 : 201, {{"receipt", result.receipt.to_json()}});
  });
}

}  // namespace wb::server
