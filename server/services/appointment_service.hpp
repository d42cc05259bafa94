#pragma once
// Appointments (预约) for in-person visits: caseworkers open slots per service item and location with a capacity;
// an applicant first holds a place (for kHoldMs on the server's clock), then books it with the hold. Free places
// are counted from bookings and live holds whenever they are needed, so an abandoned hold frees its place by
// itself when it expires, and the store's one transaction per call keeps a slot from ever being overbooked.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/storage/identity_store.hpp"
#include "server/storage/service_store.hpp"

namespace wb::server {

struct ServerContext;

struct NewSlot {
  std::string item_id;
  std::string location;
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  std::int64_t capacity = 0;

  // {"itemId", "location", "startsAt", "endsAt", "capacity"}; 400 protocol.bad_request when a field is missing.
  static NewSlot from_json(const nlohmann::json& body);
};

struct BookingResult {
  Appointment appointment;
  bool repeated = false;  // the hold had been booked before: this is that booking
};

class AppointmentService {
 public:
  static constexpr std::int64_t kHoldMs = 10 * 60 * 1000;
  static constexpr std::int64_t kMaxCapacity = 1000;
  static constexpr size_t kMaxLocation = 200;

  explicit AppointmentService(ServerContext& ctx) : ctx_(ctx) {}

  // Refuses an unknown item (404), a bad location (protocol.text_length), a slot ending before it starts
  // (protocol.slot_times_invalid), one starting in the past (protocol.slot_in_past) and a capacity outside
  // 1..kMaxCapacity (protocol.slot_capacity_invalid). `created_by` is "" for seeded slots.
  AppointmentSlot create_slot(const NewSlot& slot, const std::string& created_by);
  std::vector<AppointmentSlot> slots(const SlotFilter& filter);

  // 201-worthy hold, or: 404 unknown slot, 409 slot_started / slot_full / appointment_already_held (with the live
  // hold in the error body) / appointment_already_booked.
  AppointmentHold hold(const Account& applicant, const std::string& slot_id);
  // 404 for a hold that is not the applicant's; 410 hold_expired; 409 slot_started.
  BookingResult book(const Account& applicant, const std::string& hold_id);
  std::vector<Appointment> mine(const Account& applicant);
  Appointment get(const Account& applicant, const std::string& appointment_id);
  // 404 when not the applicant's; 409 appointment_started once the slot has begun. Cancelling twice is fine.
  void cancel(const Account& applicant, const std::string& appointment_id);

 private:
  ServerContext& ctx_;
};

nlohmann::json slot_json(const AppointmentSlot& s);
nlohmann::json hold_json(const AppointmentHold& h);
nlohmann::json appointment_json(const Appointment& a);

}  // namespace wb::server
