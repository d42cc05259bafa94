#include "server/services/appointment_service.hpp"

#include "server/app/server_context.hpp"
#include "server/identity/token_codec.hpp"
#include "server/services/body_fields.hpp"

namespace wb::server {
namespace {

[[noreturn]] void not_found(const std::string& what, const std::string& what_zh) {
  throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", what}, {"what_zh", what_zh}});
}

}  // namespace

NewSlot NewSlot::from_json(const nlohmann::json& body) {
  object_body(body);
  NewSlot s;
  s.item_id = string_field(body, "itemId");
  s.location = string_field(body, "location");
  s.starts_at = integer_field(body, "startsAt");
  s.ends_at = integer_field(body, "endsAt");
  s.capacity = integer_field(body, "capacity");
  return s;
}

AppointmentSlot AppointmentService::create_slot(const NewSlot& in, const std::string& created_by) {
  if (!ctx_.forms.latest(in.item_id))
    not_found("service item " + in.item_id, "事项“" + in.item_id + "”");
  AppointmentSlot s;
  s.location = checked_text(in.location, "location", "办理地点", 1, kMaxLocation);
  if (in.ends_at <= in.starts_at) throw ApiError(400, Diagnostic{ErrorCode::ProtoSlotTimesInvalid, "/endsAt", {}, 0, 0});
  std::int64_t now = ctx_.env.clock->now_ms();
  if (in.starts_at <= now) throw ApiError(400, Diagnostic{ErrorCode::ProtoSlotInPast, "/startsAt", {}, 0, 0});
  if (in.capacity < 1 || in.capacity > kMaxCapacity)
    throw ApiError(400, Diagnostic{ErrorCode::ProtoSlotCapacityInvalid, "/capacity",
                                   {{"max", std::to_string(kMaxCapacity)}}, 0, 0});
  s.id = new_id(*ctx_.env.random, "slot_");
  s.item_id = in.item_id;
  s.starts_at = in.starts_at;
  s.ends_at = in.ends_at;
  s.capacity = static_cast<int>(in.capacity);
  s.created_by = created_by;
  s.created_at = now;
  ctx_.storage->services().add_slot(s);
  return s;
}

std::vector<AppointmentSlot> AppointmentService::slots(const SlotFilter& filter) {
  return ctx_.storage->services().slots(filter, ctx_.env.clock->now_ms());
}

AppointmentHold AppointmentService::hold(const Account& applicant, const std::string& slot_id) {
  std::int64_t now = ctx_.env.clock->now_ms();
  AppointmentHold h{new_id(*ctx_.env.random, "hold_"), slot_id, applicant.id, now, now + kHoldMs, std::nullopt};
  auto result = ctx_.storage->services().place_hold(h, now);
  switch (result.outcome) {
    case HoldOutcome::Held: return *result.hold;
    case HoldOutcome::SlotNotFound: not_found("appointment slot " + slot_id, "该预约时段");
    case HoldOutcome::SlotStarted: throw ApiError(409, ErrorCode::ProtoSlotStarted);
    case HoldOutcome::SlotFull: throw ApiError(409, ErrorCode::ProtoSlotFull);
    case HoldOutcome::AlreadyBooked: throw ApiError(409, ErrorCode::ProtoAppointmentBooked);
    case HoldOutcome::AlreadyHeld:
      // The live hold goes back with the refusal, so a client that lost the first answer can go on booking.
      throw ApiError(409, ErrorCode::ProtoAppointmentHeld, {}, {{"hold", hold_json(*result.hold)}});
  }
  throw ApiError(500, ErrorCode::Internal, {{"detail", "unexpected hold outcome"}});
}

BookingResult AppointmentService::book(const Account& applicant, const std::string& hold_id) {
  auto result = ctx_.storage->services().book(new_id(*ctx_.env.random, "apt_"), applicant.id, hold_id,
                                              ctx_.env.clock->now_ms());
  switch (result.outcome) {
    case BookOutcome::Booked: return {*result.appointment, false};
    case BookOutcome::AlreadyBooked: return {*result.appointment, true};
    case BookOutcome::HoldNotFound: not_found("hold " + hold_id, "该暂留");
    case BookOutcome::HoldExpired:
      throw ApiError(410, ErrorCode::ProtoHoldExpired, {{"minutes", std::to_string(kHoldMs / 60000)}});
    case BookOutcome::SlotStarted: throw ApiError(409, ErrorCode::ProtoSlotStarted);
  }
  throw ApiError(500, ErrorCode::Internal, {{"detail", "unexpected booking outcome"}});
}

std::vector<Appointment> AppointmentService::mine(const Account& applicant) {
  return ctx_.storage->services().appointments_of(applicant.id, ctx_.env.clock->now_ms());
}

Appointment AppointmentService::get(const Account& applicant, const std::string& appointment_id) {
  auto a = ctx_.storage->services().appointment(appointment_id, ctx_.env.clock->now_ms());
  if (!a || a->account_id != applicant.id) not_found("appointment " + appointment_id, "该预约");
  return *a;
}

void AppointmentService::cancel(const Account& applicant, const std::string& appointment_id) {
  switch (ctx_.storage->services().cancel_appointment(appointment_id, applicant.id, ctx_.env.clock->now_ms())) {
    case CancelOutcome::Cancelled:
    case CancelOutcome::AlreadyCancelled: return;
    case CancelOutcome::NotFound: not_found("appointment " + appointment_id, "该预约");
    case CancelOutcome::Started: throw ApiError(409, ErrorCode::ProtoAppointmentStarted);
  }
}

nlohmann::json slot_json(const AppointmentSlot& s) {
  return {{"slotId", s.id}, {"itemId", s.item_id}, {"location", s.location}, {"startsAt", s.starts_at},
          {"endsAt", s.ends_at}, {"capacity", s.capacity}, {"remaining", std::max(0, s.remaining())}};
}

nlohmann::json hold_json(const AppointmentHold& h) {
  return {{"holdId", h.id}, {"slotId", h.slot_id}, {"expiresAt", h.expires_at}};
}

nlohmann::json appointment_json(const Appointment& a) {
  nlohmann::json out = {{"appointmentId", a.id},
                        {"state", a.state == AppointmentState::Booked ? "booked" : "cancelled"},
                        {"bookedAt", a.booked_at},
                        {"slot", slot_json(a.slot)}};
  if (a.cancelled_at) out["cancelledAt"] = *a.cancelled_at;
  return out;
}

}  // namespace wb::server
