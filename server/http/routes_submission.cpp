// Idempotent submissions (申请提交): POST /v1/submissions with an Idempotency-Key header, and
// POST /v1/submissions/batch: many at once, each with its own key, answered one by one and committed together.

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

  r.post("/v1/submissions/batch", [&ctx, service](Request& req, httplib::Response& res) {
    Account account = ctx.require_applicant(req);
    auto entries = BatchEntry::list_from_json(req.json_body(ctx.config.max_batch_json_bytes), ctx.config.max_batch_items);
    auto outcomes = service->submit_batch(account, entries, req.lang);
    // One result per entry, in order: the status and body the single route would have answered.
    nlohmann::json results = nlohmann::json::array();
    for (size_t i = 0; i < entries.size(); ++i) {
      nlohmann::json one;
      const auto& o = outcomes[i];
      if (o.result) {
        one = {{"status", o.result->replayed ? 200 : 201}, {"receipt", o.result->receipt.to_json()}};
        if (o.result->replayed) one["replayed"] = true;
      } else {
        one = error_body(o.error->diagnostic(), req.lang, o.error->extra());
        one["status"] = o.error->status();
      }
      if (entries[i].key.is_string()) one["idempotencyKey"] = entries[i].key;
      results.push_back(std::move(one));
    }
    send_json(res, 200, {{"results", results}});
  });
}

}  // namespace wb::server
