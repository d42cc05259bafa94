#pragma once
// Consultations (在线咨询), appointment slots, holds and bookings (预约), and satisfaction ratings (好差评).
// Every method is one transaction: in particular a hold is only placed when the slot's capacity, counted in the
// same transaction, still allows it, so concurrent requests can never overbook a slot.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wb::server {

// --- consultations

struct Consultation {
  std::string id;
  std::string account_id;  // the asker: never shown publicly
  std::string item_id;
  std::string question;
  std::int64_t asked_at = 0;
  std::optional<std::string> answer;
  std::optional<std::int64_t> answered_at;
  std::string answered_by;       // the caseworker's account id
  std::string answered_by_name;  // and display name at the time of answering
  bool published = false;        // shown in the item's public FAQ
};

struct ConsultationFilter {
  std::optional<bool> answered;
  std::optional<std::string> item_id;
  int limit = 100;
};

// --- appointments

struct AppointmentSlot {
  std::string id;
  std::string item_id;
  std::string location;
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  int capacity = 0;
  std::string created_by;  // caseworker account id ("" for seeded demo slots)
  std::int64_t created_at = 0;
  // Computed when read, at the `now` given: booked appointments and live (unexpired, unused) holds.
  int booked = 0;
  int held = 0;
  int remaining() const { return capacity - booked - held; }
};

struct SlotFilter {
  std::optional<std::string> item_id;
  std::int64_t from = 0;                 // starts_at >= from
  std::optional<std::int64_t> to;        // starts_at < to
  int limit = 500;
};

struct AppointmentHold {
  std::string id;
  std::string slot_id;
  std::string account_id;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;                // live while expires_at > now
  std::optional<std::string> appointment_id;  // set once the hold was turned into a booking
};

enum class AppointmentState { Booked, Cancelled };

struct Appointment {
  std::string id;
  std::string account_id;
  std::string hold_id;
  AppointmentState state = AppointmentState::Booked;
  std::int64_t booked_at = 0;
  std::optional<std::int64_t> cancelled_at;
  AppointmentSlot slot;
};

enum class HoldOutcome { Held, SlotNotFound, SlotStarted, SlotFull, AlreadyHeld, AlreadyBooked };
struct HoldResult {
  HoldOutcome outcome = HoldOutcome::Held;
  std::optional<AppointmentHold> hold;  // the new hold; for AlreadyHeld the account's live hold
};

enum class BookOutcome { Booked, AlreadyBooked, HoldNotFound, HoldExpired, SlotStarted };
struct BookResult {
  BookOutcome outcome = BookOutcome::Booked;
  std::optional<Appointment> appointment;  // Booked, and AlreadyBooked (the hold's earlier booking)
};

enum class CancelOutcome { Cancelled, AlreadyCancelled, NotFound, Started };

// --- ratings

struct CaseRating {
  std::string case_id;
  std::string account_id;
  std::string item_id;
  std::string department;  // the case's lead department
  int level = 0;           // 1 非常不满意 … 5 非常满意
  std::string comment;
  std::int64_t rated_at = 0;
};

struct RatingTally {
  std::string item_id;
  std::string department;
  std::array<int, 5> counts{};  // counts[level - 1]
};

class ServiceStore {
 public:
  virtual ~ServiceStore() = default;

  // --- consultations
  virtual void add_consultation(const Consultation& c) = 0;
  virtual std::optional<Consultation> consultation(const std::string& id) = 0;
  virtual std::vector<Consultation> consultations_of(const std::string& account_id) = 0;  // newest first
  virtual std::vector<Consultation> find_consultations(const ConsultationFilter& filter) = 0;  // oldest first
  // Answered and published ones of an item, the most recently answered first.
  virtual std::vector<Consultation> published_consultations(const std::string& item_id) = 0;
  // Sets (or replaces) the answer; nullopt when there is no such consultation.
  virtual std::optional<Consultation> answer_consultation(const std::string& id, const std::string& answer,
                                                          const std::string& by, const std::string& by_name,
                                                          bool publish, std::int64_t now) = 0;

  // --- appointments (counts of the slots read are taken at `now`)
  virtual void add_slot(const AppointmentSlot& slot) = 0;
  virtual std::optional<AppointmentSlot> slot(const std::string& id, std::int64_t now) = 0;
  virtual std::vector<AppointmentSlot> slots(const SlotFilter& filter, std::int64_t now) = 0;  // by start
  virtual std::int64_t slot_count() = 0;
  // Places a hold on a place of the slot for `hold.account_id`, unless the slot has started, has no place left,
  // or the account already has a live hold or a booking in it.
  virtual HoldResult place_hold(const AppointmentHold& hold, std::int64_t now) = 0;
  // Turns the account's live hold into a booking with id `appointment_id`.
  virtual BookResult book(const std::string& appointment_id, const std::string& account_id,
                          const std::string& hold_id, std::int64_t now) = 0;
  virtual std::optional<Appointment> appointment(const std::string& id, std::int64_t now) = 0;
  virtual std::vector<Appointment> appointments_of(const std::string& account_id, std::int64_t now) = 0;
  // Cancels the account's appointment unless its slot has started; the place is free again at once.
  virtual CancelOutcome cancel_appointment(const std::string& id, const std::string& account_id,
                                           std::int64_t now) = 0;

  // --- ratings: add_rating returns false (and changes nothing) when the case already has a rating.
  virtual bool add_rating(const CaseRating& rating) = 0;
  virtual std::optional<CaseRating> rating(const std::string& case_id) = 0;
  // One tally per (item, department) with at least one rating, ordered by item then department.
  virtual std::vector<RatingTally> rating_tallies() = 0;
};

}  // namespace wb::server
