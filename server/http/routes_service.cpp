// Consultations (在线咨询), appointments (预约) and satisfaction ratings (好差评). Applicants see only their own
// consultations, appointments and ratings (anything else is 404); caseworkers work under /v1/admin; the public
// sees the open slots and each item's published FAQ, which never says who asked.

#include <memory>

#include "server/app/server_context.hpp"
#include "server/http/routes.hpp"
#include "server/services/appointment_service.hpp"
#include "server/services/body_fields.hpp"
#include "server/services/consultation_service.hpp"
#include "server/services/rating_service.hpp"

namespace wb::server {
namespace {

constexpr size_t kMaxBody = 64 * 1024;
constexpr std::int64_t kMaxInstant = 253402300799999;  // 9999-12-31T23:59:59.999Z

template <typename T, typename F>
nlohmann::json json_list(const std::vector<T>& items, F&& view) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : items) out.push_back(view(item));
  return out;
}

std::optional<std::int64_t> instant_query(const Request& req, const char* name) {
  auto text = req.query(name);
  if (!text) return std::nullopt;
  return parse_integer(*text, name, 0, kMaxInstant);
}

void install_consultation_routes(Router& r, ServerContext& ctx) {
  auto svc = std::make_shared<ConsultationService>(ctx);

  r.post("/v1/consultations", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    auto body = req.json_body(kMaxBody);
    object_body(body);
    auto c = svc->ask(account, string_field(body, "itemId"), string_field(body, "question"));
    send_json(res, 201, consultation_json(c, ConsultationView::Asker));
  });

  r.get("/v1/consultations", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    auto list = json_list(svc->mine(account), [](const Consultation& c) {
      return consultation_json(c, ConsultationView::Asker);
    });
    send_json(res, 200, {{"consultations", list}});
  });

  r.get("/v1/consultations/{consultationId}", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    send_json(res, 200, consultation_json(svc->get(account, req.param("consultationId")), ConsultationView::Asker));
  });

  r.get("/v1/admin/consultations", [&ctx, svc](Request& req, httplib::Response& res) {
    ctx.require_caseworker(req);
    ConsultationFilter filter;
    if (auto answered = req.query("answered")) {
      if (*answered != "true" && *answered != "false")
        throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", "answered must be true or false"}});
      filter.answered = *answered == "true";
    }
    if (auto item = req.query("itemId"); item && !item->empty()) filter.item_id = *item;
    if (auto limit = req.query("limit")) filter.limit = static_cast<int>(parse_integer(*limit, "limit", 1, 500));
    auto list = json_list(svc->find(filter), [](const Consultation& c) {
      return consultation_json(c, ConsultationView::Caseworker);
    });
    send_json(res, 200, {{"consultations", list}});
  });

  r.post("/v1/admin/consultations/{consultationId}/answer", [&ctx, svc](Request& req, httplib::Response& res) {
    auto caseworker = ctx.require_caseworker(req);
    auto body = req.json_body(kMaxBody);
    object_body(body);
    auto c = svc->answer(caseworker, req.param("consultationId"), string_field(body, "answer"),
                         optional_bool_field(body, "publish").value_or(false));
    send_json(res, 200, consultation_json(c, ConsultationView::Caseworker));
  });

  r.get("/v1/forms/{itemId}/consultations", [svc](Request& req, httplib::Response& res) {
    auto list = json_list(svc->faq(req.param("itemId")), [](const Consultation& c) {
      return consultation_json(c, ConsultationView::Public);
    });
    send_json(res, 200, {{"itemId", req.param("itemId")}, {"consultations", list}});
  });
}

void install_appointment_routes(Router& r, ServerContext& ctx) {
  auto svc = std::make_shared<AppointmentService>(ctx);

  r.post("/v1/admin/appointment-slots", [&ctx, svc](Request& req, httplib::Response& res) {
    auto caseworker = ctx.require_caseworker(req);
    auto slot = svc->create_slot(NewSlot::from_json(req.json_body(kMaxBody)), caseworker.id);
    send_json(res, 201, slot_json(slot));
  });

  r.get("/v1/appointment-slots", [&ctx, svc](Request& req, httplib::Response& res) {
    SlotFilter filter;
    if (auto item = req.query("itemId"); item && !item->empty()) filter.item_id = *item;
    // By default the slots not yet started (a slot starting this very millisecond can no longer be held).
    filter.from = instant_query(req, "from").value_or(ctx.env.clock->now_ms() + 1);
    filter.to = instant_query(req, "to");
    send_json(res, 200, {{"slots", json_list(svc->slots(filter), slot_json)}});
  });

  r.post("/v1/appointments/holds", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    auto body = req.json_body(kMaxBody);
    object_body(body);
    send_json(res, 201, hold_json(svc->hold(account, string_field(body, "slotId"))));
  });

  r.post("/v1/appointments", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    auto body = req.json_body(kMaxBody);
    object_body(body);
    auto booking = svc->book(account, string_field(body, "holdId"));
    send_json(res, booking.repeated ? 200 : 201, appointment_json(booking.appointment));
  });

  r.get("/v1/appointments", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    send_json(res, 200, {{"appointments", json_list(svc->mine(account), appointment_json)}});
  });

  r.get("/v1/appointments/{appointmentId}", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    send_json(res, 200, appointment_json(svc->get(account, req.param("appointmentId"))));
  });

  r.del("/v1/appointments/{appointmentId}", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    svc->cancel(account, req.param("appointmentId"));
    res.status = 204;
  });
}

void install_rating_routes(Router& r, ServerContext& ctx) {
  auto svc = std::make_shared<RatingService>(ctx);

  r.post("/v1/cases/{caseId}/rating", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    auto body = req.json_body(kMaxBody);
    object_body(body);
    auto level = body.contains("level") ? body["level"] : nlohmann::json();
    auto rating = svc->rate(account, req.param("caseId"), level, optional_string_field(body, "comment"));
    send_json(res, 201, rating_json(rating));
  });

  r.get("/v1/cases/{caseId}/rating", [&ctx, svc](Request& req, httplib::Response& res) {
    auto account = ctx.require_applicant(req);
    send_json(res, 200, rating_json(svc->get(account, req.param("caseId"))));
  });

  r.get("/v1/admin/ratings/summary", [&ctx, svc](Request& req, httplib::Response& res) {
    ctx.require_caseworker(req);
    send_json(res, 200, svc->summary());
  });
}

}  // namespace

void install_service_routes(Router& r, ServerContext& ctx) {
  install_consultation_routes(r, ctx);
  install_appointment_routes(r, ctx);
  install_rating_routes(r, ctx);
}

}  // namespace wb::server
