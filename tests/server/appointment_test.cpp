// Appointments (预约): slots per item and location, holds that expire on the server's clock, bookings,
// cancellations, capacity under concurrent requests, the demo slots, and authorisation.

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>

#include "server/app/seeding.hpp"
#include "server/cases/work_calendar.hpp"
#include "tests/server/test_server.hpp"

using namespace wb;
using wb::test::TestServer;

namespace {

// Not one of the items with seeded demo slots, so listings hold only this test's slots.
const std::string kItem = "food-business-licence";
constexpr std::int64_t kMinute = 60'000, kHour = 60 * kMinute;

nlohmann::json slot_body(TestServer& s, int capacity, std::int64_t starts_in = 24 * kHour) {
  std::int64_t start = s.clock().now_ms() + starts_in;
  return {{"itemId", kItem}, {"location", "市民中心二楼 12 号窗口"}, {"startsAt", start}, {"endsAt", start + kHour},
          {"capacity", capacity}};
}

std::string new_slot(TestServer& s, const std::string& worker, int capacity, std::int64_t starts_in = 24 * kHour) {
  auto r = s.post("/v1/admin/appointment-slots", slot_body(s, capacity, starts_in), worker);
  REQUIRE(r.status == 201);
  return r.body["slotId"];
}

int remaining(TestServer& s, const std::string& slot_id) {
  auto r = s.get("/v1/appointment-slots?itemId=" + kItem);
  for (const auto& slot : r.body["slots"])
    if (slot["slotId"] == slot_id) return slot["remaining"];
  return -1;
}

test::HttpResult hold(TestServer& s, const std::string& token, const std::string& slot_id) {
  return s.post("/v1/appointments/holds", {{"slotId", slot_id}}, token);
}

test::HttpResult book(TestServer& s, const std::string& token, const std::string& hold_id) {
  return s.post("/v1/appointments", {{"holdId", hold_id}}, token);
}

}  // namespace

TEST_CASE("appointments: a caseworker opens a slot; the public lists it with its remaining places") {
  TestServer s;
  auto worker = s.login_demo("caseworker");
  auto body = slot_body(s, 3);
  auto created = s.post("/v1/admin/appointment-slots", body, worker);
  REQUIRE(created.status == 201);
  CHECK(created.body["slotId"].get<std::string>().rfind("slot_", 0) == 0);
  CHECK(created.body["itemId"] == kItem);
  CHECK(created.body["location"] == "市民中心二楼 12 号窗口");
  CHECK(created.body["startsAt"] == body["startsAt"]);
  CHECK(created.body["endsAt"] == body["endsAt"]);
  CHECK(created.body["capacity"] == 3);
  CHECK(created.body["remaining"] == 3);
  std::string later = new_slot(s, worker, 2, 48 * kHour);

  auto all = s.get("/v1/appointment-slots?itemId=" + kItem);
  REQUIRE(all.status == 200);
  REQUIRE(all.body["slots"].size() == 2);
  CHECK(all.body["slots"][0]["slotId"] == created.body["slotId"]);  // by start time
  CHECK(all.body["slots"][1]["slotId"] == later);
  std::int64_t start = body["startsAt"];
  auto window = s.get("/v1/appointment-slots?itemId=" + kItem + "&from=" + std::to_string(start + 1) +
                      "&to=" + std::to_string(start + 48 * kHour));
  REQUIRE(window.body["slots"].size() == 1);
  CHECK(window.body["slots"][0]["slotId"] == later);
  CHECK(s.get("/v1/appointment-slots?itemId=" + kItem + "&to=" + std::to_string(start)).body["slots"].empty());
  CHECK(s.get("/v1/appointment-slots?from=yesterday").error_code() == "protocol.bad_request");

  // Slots that have started drop out of the default listing (from = now).
  s.clock().advance(24 * kHour);
  REQUIRE(s.get("/v1/appointment-slots?itemId=" + kItem).body["slots"].size() == 1);
}

TEST_CASE("appointments: invalid slots get precise errors") {
  TestServer s;
  auto worker = s.login_demo("caseworker");
  auto post = [&](const nlohmann::json& b) { return s.post("/v1/admin/appointment-slots", b, worker); };
  auto b = slot_body(s, 3);

  auto unknown = b;
  unknown["itemId"] = "no-such-item";
  CHECK(post(unknown).status == 404);
  auto zero = b;
  zero["capacity"] = 0;
  auto zero_r = post(zero);
  CHECK(zero_r.status == 400);
  CHECK(zero_r.error_code() == "protocol.slot_capacity_invalid");
  CHECK(zero_r.body["error"]["pointer"] == "/capacity");
  auto huge = b;
  huge["capacity"] = 1001;
  CHECK(post(huge).error_code() == "protocol.slot_capacity_invalid");
  auto backwards = b;
  backwards["endsAt"] = b["startsAt"];
  CHECK(post(backwards).error_code() == "protocol.slot_times_invalid");
  auto past = b;
  past["startsAt"] = s.clock().now_ms() - kHour;
  past["endsAt"] = s.clock().now_ms() + kHour;
  CHECK(post(past).error_code() == "protocol.slot_in_past");
  auto nowhere = b;
  nowhere["location"] = "  ";
  auto nowhere_r = post(nowhere);
  CHECK(nowhere_r.error_code() == "protocol.text_length");
  CHECK(nowhere_r.body["error"]["pointer"] == "/location");
  auto text_time = b;
  text_time["startsAt"] = "tomorrow";
  CHECK(post(text_time).error_code() == "protocol.bad_request");
  auto fractional = b;
  fractional["capacity"] = 2.5;
  CHECK(post(fractional).error_code() == "protocol.bad_request");
  auto no_location = b;
  no_location.erase("location");
  CHECK(post(no_location).error_code() == "protocol.bad_request");
}

TEST_CASE("appointments: hold, book, list, cancel; one hold or booking per account and slot") {
  TestServer s;
  auto worker = s.login_demo("caseworker");
  auto citizen = s.login_demo("citizen");
  std::string slot = new_slot(s, worker, 2);

  auto h = hold(s, citizen, slot);
  REQUIRE(h.status == 201);
  std::string hold_id = h.body["holdId"];
  CHECK(h.body["slotId"] == slot);
  CHECK(h.body["expiresAt"] == s.clock().now_ms() + 10 * kMinute);
  CHECK(remaining(s, slot) == 1);

  auto again = hold(s, citizen, slot);
  CHECK(again.status == 409);
  CHECK(again.error_code() == "protocol.appointment_already_held");
  CHECK(again.body["hold"]["holdId"] == hold_id);  // the live hold, to go on with
  CHECK(remaining(s, slot) == 1);

  s.clock().advance(5 * kMinute);
  auto booked = book(s, citizen, hold_id);
  REQUIRE(booked.status == 201);
  std::string appointment = booked.body["appointmentId"];
  CHECK(appointment.rfind("apt_", 0) == 0);
  CHECK(booked.body["state"] == "booked");
  CHECK(booked.body["bookedAt"] == s.clock().now_ms());
  CHECK(booked.body["slot"]["slotId"] == slot);
  CHECK(booked.body["slot"]["location"] == "市民中心二楼 12 号窗口");
  CHECK(remaining(s, slot) == 1);  // the hold became the booking: still one place taken

  // Repeating the booking request is harmless: the same booking comes back.
  auto repeat = book(s, citizen, hold_id);
  CHECK(repeat.status == 200);
  CHECK(repeat.body["appointmentId"] == appointment);
  auto booked_again = hold(s, citizen, slot);
  CHECK(booked_again.status == 409);
  CHECK(booked_again.error_code() == "protocol.appointment_already_booked");

  // Long after the hold's ten minutes, the booking stands.
  s.clock().advance(30 * kMinute);
  citizen = s.login_demo("citizen");  // access tokens last 15 minutes
  CHECK(remaining(s, slot) == 1);
  auto mine = s.get("/v1/appointments", citizen);
  REQUIRE(mine.status == 200);
  REQUIRE(mine.body["appointments"].size() == 1);
  CHECK(mine.body["appointments"][0]["appointmentId"] == appointment);
  auto one = s.get("/v1/appointments/" + appointment, citizen);
  CHECK(one.status == 200);
  CHECK(one.body["slot"]["remaining"] == 1);

  auto cancelled = s.del("/v1/appointments/" + appointment, citizen);
  CHECK(cancelled.status == 204);
  CHECK(remaining(s, slot) == 2);  // the place is free again at once
  auto after = s.get("/v1/appointments/" + appointment, citizen);
  CHECK(after.body["state"] == "cancelled");
  CHECK(after.body["cancelledAt"] == s.clock().now_ms());
  CHECK(s.del("/v1/appointments/" + appointment, citizen).status == 204);  // cancelling twice is fine
  CHECK(remaining(s, slot) == 2);

  // After cancelling, the same person may book that slot again.
  auto rehold = hold(s, citizen, slot);
  REQUIRE(rehold.status == 201);
  CHECK(book(s, citizen, rehold.body["holdId"]).status == 201);
  CHECK(s.get("/v1/appointments", citizen).body["appointments"].size() == 2);
}

TEST_CASE("appointments: a full slot refuses holds; an expired hold frees its place without any job") {
  TestServer s;
  auto worker = s.login_demo("caseworker");
  auto a = s.login_demo("citizen");
  auto b = s.new_citizen(51);
  std::string slot = new_slot(s, worker, 1);

  auto first = hold(s, a, slot);
  REQUIRE(first.status == 201);
  CHECK(remaining(s, slot) == 0);
  auto full = hold(s, b, slot);
  CHECK(full.status == 409);
  CHECK(full.error_code() == "protocol.slot_full");
  CHECK(full.body["error"]["messages"]["zh-CN"] == "该时段已约满，请选择其他时段");

  s.clock().advance(10 * kMinute - 1);  // one millisecond before the hold expires
  CHECK(remaining(s, slot) == 0);
  CHECK(hold(s, b, slot).error_code() == "protocol.slot_full");
  s.clock().advance(1);  // expired: the place counts as free when read
  CHECK(remaining(s, slot) == 1);

  auto late = book(s, a, first.body["holdId"]);
  CHECK(late.status == 410);
  CHECK(late.error_code() == "protocol.hold_expired");
  CHECK(late.body["error"]["messages"]["en"] == "The hold expired after 10 minutes; please choose a time slot again");

  auto second = hold(s, b, slot);
  REQUIRE(second.status == 201);
  CHECK(book(s, b, second.body["holdId"]).status == 201);
  CHECK(remaining(s, slot) == 0);
  CHECK(hold(s, a, slot).error_code() == "protocol.slot_full");
}

TEST_CASE("appointments: nothing can be held, booked or cancelled once the slot has started") {
  TestServer s;
  auto worker = s.login_demo("caseworker");
  auto citizen = s.login_demo("citizen");
  std::string soon = new_slot(s, worker, 5, 5 * kMinute);

  auto h = hold(s, citizen, soon);
  REQUIRE(h.status == 201);
  s.clock().advance(5 * kMinute);  // the hold is still live, but the slot has begun
  auto late = book(s, citizen, h.body["holdId"]);
  CHECK(late.status == 409);
  CHECK(late.error_code() == "protocol.slot_started");
  CHECK(hold(s, s.new_citizen(61), soon).error_code() == "protocol.slot_started");

  std::string later = new_slot(s, worker, 5, 2 * kHour);
  auto booked = book(s, citizen, hold(s, citizen, later).body["holdId"]);
  REQUIRE(booked.status == 201);
  s.clock().advance(2 * kHour);
  citizen = s.login_demo("citizen");
  auto too_late = s.del("/v1/appointments/" + booked.body["appointmentId"].get<std::string>(), citizen);
  CHECK(too_late.status == 409);
  CHECK(too_late.error_code() == "protocol.appointment_started");
  CHECK(s.get("/v1/appointments/" + booked.body["appointmentId"].get<std::string>(), citizen).body["state"] == "booked");
}

TEST_CASE("appointments: bad hold and booking requests") {
  TestServer s;
  auto citizen = s.login_demo("citizen");
  auto no_slot = hold(s, citizen, "slot_nope");
  CHECK(no_slot.status == 404);
  CHECK(no_slot.error_code() == "protocol.not_found");
  CHECK(s.post("/v1/appointments/holds", nlohmann::json::object(), citizen).error_code() == "protocol.bad_request");
  CHECK(s.post("/v1/appointments/holds", {{"slotId", 7}}, citizen).error_code() == "protocol.bad_request");
  CHECK(book(s, citizen, "hold_nope").status == 404);
  CHECK(s.post("/v1/appointments", nlohmann::json::object(), citizen).error_code() == "protocol.bad_request");
  CHECK(s.del("/v1/appointments/apt_nope", citizen).status == 404);
  CHECK(s.get("/v1/appointments/apt_nope", citizen).status == 404);
}

TEST_CASE("appointments: capacity holds when many applicants race for the last places") {
  TestServer s;
  auto worker = s.login_demo("caseworker");
  constexpr int kRacers = 10;
  std::vector<std::string> tokens;
  for (int i = 0; i < kRacers; ++i) tokens.push_back(s.new_citizen(100 + i));

  // Three places, one already booked: two are left for ten concurrent applicants.
  std::string slot = new_slot(s, worker, 3);
  auto first = s.login_demo("citizen");
  REQUIRE(book(s, first, hold(s, first, slot).body["holdId"]).status == 201);

  std::atomic<int> ready{0}, won{0}, full{0}, other{0};
  std::vector<std::string> holds(kRacers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRacers; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kRacers) std::this_thread::yield();
      auto r = hold(s, tokens[static_cast<size_t>(i)], slot);
      if (r.status == 201) {
        ++won;
        holds[static_cast<size_t>(i)] = r.body["holdId"];
      } else if (r.status == 409 && r.error_code() == "protocol.slot_full") {
        ++full;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(won.load() == 2);
  CHECK(full.load() == kRacers - 2);
  CHECK(other.load() == 0);
  CHECK(remaining(s, slot) == 0);

  // The winners book concurrently too; the slot ends exactly full.
  threads.clear();
  std::atomic<int> booked{0};
  for (int i = 0; i < kRacers; ++i) {
    if (holds[static_cast<size_t>(i)].empty()) continue;
    threads.emplace_back([&, i] {
      if (book(s, tokens[static_cast<size_t>(i)], holds[static_cast<size_t>(i)]).status == 201) ++booked;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(booked.load() == 2);
  s.clock().advance(11 * kMinute);
  CHECK(remaining(s, slot) == 0);
  CHECK(hold(s, s.new_citizen(200), slot).error_code() == "protocol.slot_full");
}

TEST_CASE("appointments: every route is authorised") {
  TestServer s;
  auto worker = s.login_demo("caseworker");
  auto citizen = s.login_demo("citizen");
  auto other = s.new_citizen(71);
  std::string slot = new_slot(s, worker, 3);
  auto h = hold(s, citizen, slot);
  std::string hold_id = h.body["holdId"];

  // Another applicant cannot use the hold, see or cancel the booking.
  CHECK(book(s, other, hold_id).status == 404);
  std::string appointment = book(s, citizen, hold_id).body["appointmentId"];
  auto theirs = s.get("/v1/appointments/" + appointment, other);
  CHECK(theirs.status == 404);
  CHECK(theirs.error_code() == "protocol.not_found");
  CHECK(s.del("/v1/appointments/" + appointment, other).status == 404);
  CHECK(s.get("/v1/appointments", other).body["appointments"].empty());
  CHECK(book(s, other, hold_id).status == 404);  // nor replay the booked hold
  CHECK(s.get("/v1/appointments/" + appointment, citizen).body["state"] == "booked");

  // Anonymous.
  CHECK(s.post("/v1/admin/appointment-slots", slot_body(s, 1)).status == 401);
  CHECK(hold(s, "", slot).status == 401);
  CHECK(book(s, "", hold_id).status == 401);
  CHECK(s.get("/v1/appointments").status == 401);
  CHECK(s.get("/v1/appointments/" + appointment).status == 401);
  CHECK(s.del("/v1/appointments/" + appointment).status == 401);
  CHECK(s.get("/v1/appointment-slots").status == 200);  // public

  // Wrong role.
  auto forbidden = s.post("/v1/admin/appointment-slots", slot_body(s, 1), citizen);
  CHECK(forbidden.status == 403);
  CHECK(forbidden.error_code() == "auth.forbidden");
  CHECK(hold(s, worker, slot).status == 403);
  CHECK(book(s, worker, hold_id).status == 403);
  CHECK(s.get("/v1/appointments", worker).status == 403);
  CHECK(s.get("/v1/appointments/" + appointment, worker).status == 403);
  CHECK(s.del("/v1/appointments/" + appointment, worker).status == 403);
}

TEST_CASE("appointments: demo slots are seeded once, on working days, for items needing a visit") {
  TestServer s;
  std::int64_t now = s.clock().now_ms();
  server::WorkCalendar calendar;
  for (const char* item : {"marriage-registration-appointment", "marriage-certificate-reissue", "disability-certificate"}) {
    auto r = s.get(std::string("/v1/appointment-slots?itemId=") + item);
    REQUIRE(r.status == 200);
    CHECK(r.body["slots"].size() == 20);
    std::set<std::string> days;
    for (const auto& slot : r.body["slots"]) {
      std::int64_t start = slot["startsAt"];
      CHECK(start > now);
      CHECK(slot["capacity"] == 10);
      CHECK(slot["remaining"] == 10);
      CHECK_FALSE(slot["location"].get<std::string>().empty());
      auto day = server::china_date(start);
      CHECK(calendar.is_working_day(day));
      days.insert(server::iso_date(day));
    }
    CHECK(days.size() == 10);
    CHECK(days.count(server::iso_date(server::china_date(now))) == 0);  // from tomorrow on
  }
  CHECK(s.get("/v1/appointment-slots?itemId=food-business-licence").body["slots"].empty());
  CHECK(server::seed_demo_slots(s.ctx()) == 0);  // never twice
  CHECK(s.get("/v1/appointment-slots?itemId=marriage-registration-appointment").body["slots"].size() == 20);
}
