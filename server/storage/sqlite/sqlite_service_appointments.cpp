#include "server/storage/sqlite/sqlite_repositories.hpp"

// The appointments half of SqliteServiceStore. A slot's free places are never stored: they are counted from the
// booked appointments and the live holds (unused, expires_at > now) inside the transaction that needs them, so an
// expired hold frees its place without any background job, and two requests for the last place cannot both win
// (every repository call is one transaction on the one connection).
namespace wb::server {
namespace {

constexpr const char* kSlotColumns =
    "SELECT s.id, s.item_id, s.location, s.starts_at, s.ends_at, s.capacity, s.created_by, s.created_at, "
    "(SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.state = 'booked'), "
    "(SELECT count(*) FROM appointment_holds h WHERE h.slot_id = s.id AND h.appointment_id IS NULL "
    "AND h.expires_at > ?1) FROM appointment_slots s ";

// Columns 0-9 of kSlotColumns (or of any statement with the same first ten columns, starting at `at`).
AppointmentSlot read_slot(store::Statement& st, int at = 0) {
  AppointmentSlot s;
  s.id = st.column_text(at + 0);
  s.item_id = st.column_text(at + 1);
  s.location = st.column_text(at + 2);
  s.starts_at = st.column_int(at + 3);
  s.ends_at = st.column_int(at + 4);
  s.capacity = static_cast<int>(st.column_int(at + 5));
  s.created_by = st.column_text(at + 6);
  s.created_at = st.column_int(at + 7);
  s.booked = static_cast<int>(st.column_int(at + 8));
  s.held = static_cast<int>(st.column_int(at + 9));
  return s;
}

std::optional<AppointmentSlot> slot_in(store::Database& db, const std::string& id, std::int64_t now) {
  auto st = db.prepare(std::string(kSlotColumns) + "WHERE s.id = ?2");
  st.bind(1, now).bind(2, id);
  if (!st.step()) return std::nullopt;
  return read_slot(st);
}

constexpr const char* kAppointmentColumns =
    "SELECT p.id, p.account_id, p.hold_id, p.state, p.booked_at, p.cancelled_at, "
    "s.id, s.item_id, s.location, s.starts_at, s.ends_at, s.capacity, s.created_by, s.created_at, "
    "(SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.state = 'booked'), "
    "(SELECT count(*) FROM appointment_holds h WHERE h.slot_id = s.id AND h.appointment_id IS NULL "
    "AND h.expires_at > ?1) FROM appointments p JOIN appointment_slots s ON s.id = p.slot_id ";

Appointment read_appointment(store::Statement& st) {
  Appointment a;
  a.id = st.column_text(0);
  a.account_id = st.column_text(1);
  a.hold_id = st.column_text(2);
  a.state = st.column_text(3) == "cancelled" ? AppointmentState::Cancelled : AppointmentState::Booked;
  a.booked_at = st.column_int(4);
  if (!st.column_is_null(5)) a.cancelled_at = st.column_int(5);
  a.slot = read_slot(st, 6);
  return a;
}

std::optional<Appointment> appointment_in(store::Database& db, const std::string& id, std::int64_t now) {
  auto st = db.prepare(std::string(kAppointmentColumns) + "WHERE p.id = ?2");
  st.bind(1, now).bind(2, id);
  if (!st.step()) return std::nullopt;
  return read_appointment(st);
}

}  // namespace

void SqliteServiceStore::add_slot(const AppointmentSlot& s) {
  conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    db.prepare("INSERT INTO appointment_slots (id, item_id, location, starts_at, ends_at, capacity, created_by, "
               "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, s.id).bind(2, s.item_id).bind(3, s.location).bind(4, s.starts_at).bind(5, s.ends_at)
        .bind(6, s.capacity).bind(7, s.created_by).bind(8, s.created_at).run();
    tx.commit();
  });
}

std::optional<AppointmentSlot> SqliteServiceStore::slot(const std::string& id, std::int64_t now) {
  return conn_.locked([&](store::Database& db) { return slot_in(db, id, now); });
}

std::vector<AppointmentSlot> SqliteServiceStore::slots(const SlotFilter& f, std::int64_t now) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kSlotColumns) +
                         "WHERE (?2 IS NULL OR s.item_id = ?2) AND s.starts_at >= ?3 AND (?4 IS NULL OR s.starts_at < ?4) "
                         "ORDER BY s.starts_at, s.item_id, s.id LIMIT ?5");
    st.bind(1, now);
    if (f.item_id) st.bind(2, *f.item_id); else st.bind_null(2);
    st.bind(3, f.from);
    if (f.to) st.bind(4, *f.to); else st.bind_null(4);
    st.bind(5, f.limit);
    std::vector<AppointmentSlot> out;
    while (st.step()) out.push_back(read_slot(st));
    return out;
  });
}

std::int64_t SqliteServiceStore::slot_count() {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare("SELECT count(*) FROM appointment_slots");
    st.step();
    return st.column_int(0);
  });
}

HoldResult SqliteServiceStore::place_hold(const AppointmentHold& hold, std::int64_t now) {
  return conn_.locked([&](store::Database& db) -> HoldResult {
    store::Transaction tx(db);  // BEGIN IMMEDIATE: the count below and the insert are one step for every writer
    auto slot = slot_in(db, hold.slot_id, now);
    if (!slot) return {HoldOutcome::SlotNotFound, std::nullopt};
    if (slot->starts_at <= now) return {HoldOutcome::SlotStarted, std::nullopt};
    auto booked = db.prepare("SELECT 1 FROM appointments WHERE slot_id = ?1 AND account_id = ?2 AND state = 'booked'");
    booked.bind(1, hold.slot_id).bind(2, hold.account_id);
    if (booked.step()) return {HoldOutcome::AlreadyBooked, std::nullopt};
    auto live = db.prepare("SELECT id, created_at, expires_at FROM appointment_holds WHERE slot_id = ?1 AND "
                           "account_id = ?2 AND appointment_id IS NULL AND expires_at > ?3");
    live.bind(1, hold.slot_id).bind(2, hold.account_id).bind(3, now);
    if (live.step())
      return {HoldOutcome::AlreadyHeld,
              AppointmentHold{live.column_text(0), hold.slot_id, hold.account_id, live.column_int(1), live.column_int(2),
                              std::nullopt}};
    if (slot->remaining() <= 0) return {HoldOutcome::SlotFull, std::nullopt};
    db.prepare("INSERT INTO appointment_holds (id, slot_id, account_id, created_at, expires_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, hold.id).bind(2, hold.slot_id).bind(3, hold.account_id).bind(4, hold.created_at)
        .bind(5, hold.expires_at).run();
    tx.commit();
    return {HoldOutcome::Held, hold};
  });
}

BookResult SqliteServiceStore::book(const std::string& appointment_id, const std::string& account_id,
                                    const std::string& hold_id, std::int64_t now) {
  return conn_.locked([&](store::Database& db) -> BookResult {
    store::Transaction tx(db);
    auto find = db.prepare("SELECT h.expires_at, h.appointment_id, s.starts_at, h.slot_id FROM appointment_holds h "
                           "JOIN appointment_slots s ON s.id = h.slot_id WHERE h.id = ?1 AND h.account_id = ?2");
    find.bind(1, hold_id).bind(2, account_id);
    if (!find.step()) return {BookOutcome::HoldNotFound, std::nullopt};
    std::int64_t expires_at = find.column_int(0), starts_at = find.column_int(2);
    std::string slot_id = find.column_text(3);
    // A hold already turned into a booking answers with that booking: repeating the request is harmless.
    if (!find.column_is_null(1)) return {BookOutcome::AlreadyBooked, appointment_in(db, find.column_text(1), now)};
    if (expires_at <= now) return {BookOutcome::HoldExpired, std::nullopt};
    if (starts_at <= now) return {BookOutcome::SlotStarted, std::nullopt};
    // The live hold is this account's place: turning it into a booking changes no count.
    db.prepare("INSERT INTO appointments (id, slot_id, account_id, hold_id, state, booked_at) "
               "VALUES (?1, ?2, ?3, ?4, 'booked', ?5)")
        .bind(1, appointment_id).bind(2, slot_id).bind(3, account_id).bind(4, hold_id).bind(5, now).run();
    db.prepare("UPDATE appointment_holds SET appointment_id = ?2 WHERE id = ?1").bind(1, hold_id).bind(2, appointment_id).run();
    auto booked = appointment_in(db, appointment_id, now);
    tx.commit();
    return {BookOutcome::Booked, booked};
  });
}

std::optional<Appointment> SqliteServiceStore::appointment(const std::string& id, std::int64_t now) {
  return conn_.locked([&](store::Database& db) { return appointment_in(db, id, now); });
}

std::vector<Appointment> SqliteServiceStore::appointments_of(const std::string& account_id, std::int64_t now) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kAppointmentColumns) + "WHERE p.account_id = ?2 ORDER BY s.starts_at, p.id");
    st.bind(1, now).bind(2, account_id);
    std::vector<Appointment> out;
    while (st.step()) out.push_back(read_appointment(st));
    return out;
  });
}

CancelOutcome SqliteServiceStore::cancel_appointment(const std::string& id, const std::string& account_id,
                                                     std::int64_t now) {
  return conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    auto a = appointment_in(db, id, now);
    if (!a || a->account_id != account_id) return CancelOutcome::NotFound;
    if (a->state == AppointmentState::Cancelled) return CancelOutcome::AlreadyCancelled;
    if (a->slot.starts_at <= now) return CancelOutcome::Started;
    db.prepare("UPDATE appointments SET state = 'cancelled', cancelled_at = ?2 WHERE id = ?1").bind(1, id).bind(2, now).run();
    tx.commit();
    return CancelOutcome::Cancelled;
  });
}

}  // namespace wb::server
