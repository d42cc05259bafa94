#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/form/form_loader.hpp"
#include "core/store/profile_store.hpp"
#include "core/store/schema.hpp"
#include "core/store/submit.hpp"
#include "tests/support/fake_env.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using namespace wb;
using namespace wb::store;
namespace fs = std::filesystem;

namespace {

std::string temp_db(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("wangban-store-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  fs::remove(p);
  fs::remove(p.string() + "-wal");
  fs::remove(p.string() + "-shm");
  return p.string();
}

std::string bytes_of(const std::string& path) { return test::read_file(path); }

form::FormPtr sample_form(const std::string& id) {
  auto r = form::load_form_text(test::read_file(test::source_dir() + "/examples/catalog/" + id + ".json"));
  REQUIRE(r.ok());
  return r.form;
}

ErrorCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::Ok;
}

}  // namespace

TEST_CASE("a new profile is created at the latest schema with Wangban's application id, WAL and full sync") {
  test::FakeEnv fe;
  std::string path = temp_db("new.db");
  auto store = ProfileStore::open(path, fe.env());
  CHECK(schema_version(store->database()) == latest_schema_version());
  auto app = store->database().prepare("PRAGMA application_id");
  app.step();
  CHECK(app.column_int(0) == kApplicationId);
  auto mode = store->database().prepare("PRAGMA journal_mode");
  mode.step();
  CHECK(mode.column_text(0) == "wal");
  store.reset();
  CHECK(ProfileStore::open(path, fe.env(), {false, ""}) != nullptr);  // reopens without creating
}

TEST_CASE("foreign, newer and damaged files are refused and never written") {
  test::FakeEnv fe;
  std::string text = temp_db("notes.txt");
  { std::ofstream(text) << "这不是数据库 — just some text that is long enough to look like a header..............................................."; }
  std::string before = bytes_of(text);
  CHECK(code_of([&] { ProfileStore::open(text, fe.env()); }) == ErrorCode::StoreForeign);
  CHECK(bytes_of(text) == before);

  std::string other = temp_db("other-app.db");
  {
    auto db = Database::open(other, true);
    db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
  }
  before = bytes_of(other);
  CHECK(code_of([&] { ProfileStore::open(other, fe.env()); }) == ErrorCode::StoreForeign);
  CHECK(bytes_of(other) == before);

  std::string newer = temp_db("newer.db");
  ProfileStore::open(newer, fe.env()).reset();
  {
    auto db = Database::open(newer, false);
    db.exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 5));
  }
  before = bytes_of(newer);
  CHECK(code_of([&] { ProfileStore::open(newer, fe.env()); }) == ErrorCode::StoreTooNew);
  CHECK(bytes_of(newer) == before);

  std::string damaged = temp_db("damaged.db");
  {
    auto store = ProfileStore::open(damaged, fe.env());
    auto f = sample_form("low-rent-housing");
    for (int i = 0; i < 50; ++i) store->create_draft(*f, {{"note", std::string(2000, 'x')}});
    store->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 3);
    std::string garbage(4096, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  before = bytes_of(damaged);
  auto code = code_of([&] {
    auto s = ProfileStore::open(damaged, fe.env());
    s->drafts();
  });
  CHECK((code == ErrorCode::StoreCorrupt || code == ErrorCode::StoreForeign));
  CHECK(bytes_of(damaged) == before);

  CHECK(code_of([&] { ProfileStore::open(temp_db("missing.db"), fe.env(), {false, ""}); }) == ErrorCode::StoreIo);
}

TEST_CASE("the database migrates from every earlier schema version to the latest, keeping data") {
  test::FakeEnv fe;
  for (int v = 0; v < latest_schema_version(); ++v) {
    CAPTURE(v);
    std::string path = temp_db("migrate-" + std::to_string(v) + ".db");
    {
      auto db = Database::open(path, true);
      prepare_schema(db, v);
      CHECK(schema_version(db) == v);
    }
    auto store = ProfileStore::open(path, fe.env());
    CHECK(schema_version(store->database()) == latest_schema_version());
    auto id = store->create_draft(*sample_form("low-rent-housing"));
    CHECK(store->draft(id).has_value());
  }
}

TEST_CASE("migration 4 reads the case id of items accepted before it from their receipts") {
  test::FakeEnv fe;
  std::string path = temp_db("migrate-case-ids.db");
  {
    auto db = Database::open(path, true);
    prepare_schema(db, 3);
    db.exec("INSERT INTO outbox (idempotency_key, item_id, form_version, title, payload, manifest, state, next_attempt_at, "
            "created_at, updated_at, receipt) VALUES "
            "('k1', 'i', 1, '\"t\"', '{}', '[]', 'accepted', 0, 0, 0, '{\"caseId\":\"C-old\",\"acceptanceNumber\":\"A1\"}'), "
            "('k2', 'i', 1, '\"t\"', '{}', '[]', 'accepted', 0, 0, 0, 'not json'), "
            "('k3', 'i', 1, '\"t\"', '{}', '[]', 'queued', 0, 0, 0, NULL)");
  }
  auto store = ProfileStore::open(path, fe.env());
  auto by_case = store->outbox_ids_by_case({"C-old"});
  REQUIRE(by_case.size() == 1);
  CHECK(by_case[0].first == 1);
  auto waiting = store->accepted_without_status("submitted");
  REQUIRE(waiting.size() == 2);  // both accepted items; the one with an unreadable receipt has no case id
  CHECK(waiting[0] == std::make_pair(std::int64_t{1}, std::string("C-old")));
  CHECK(waiting[1] == std::make_pair(std::int64_t{2}, std::string()));
}

TEST_CASE("drafts: create, autosave, list newest first, delete; each change is an event") {
  test::FakeEnv fe;
  auto store = ProfileStore::open(temp_db("drafts.db"), fe.env());
  std::vector<Event> seen;
  int token = store->subscribe([&](const Event& e) { seen.push_back(e); });
  auto form = sample_form("low-rent-housing");
  std::string a = store->create_draft(*form);
  fe.clock.advance(1000);
  std::string b = store->create_draft(*form, {{"support", "flat"}});
  CHECK(a.size() == 36);
  CHECK(a[14] == '4');
  fe.clock.advance(1000);
  store->save_draft(a, {{"support", "subsidy"}}, 0.5, 3);
  auto list = store->drafts();
  REQUIRE(list.size() == 2);
  CHECK(list[0].id == a);  // changed last
  CHECK(list[0].title.zh == "廉租住房保障申请");
  CHECK(list[0].completeness == 0.5);
  CHECK(list[0].error_count == 3);
  CHECK(store->draft(a)->data["support"] == "subsidy");
  CHECK(store->draft(a)->revision == 1);
  store->delete_draft(b);
  CHECK_FALSE(store->draft(b).has_value());
  CHECK(code_of([&] { store->delete_draft(b); }) == ErrorCode::StoreNoSuchDraft);
  CHECK(code_of([&] { store->save_draft("nope", json::object(), 0, 0); }) == ErrorCode::StoreNoSuchDraft);
  REQUIRE(seen.size() == 4);
  CHECK(seen[0].kind == "draft.saved");
  CHECK(seen[3].kind == "draft.deleted");
  CHECK(seen[3].subject == b);
  CHECK(store->events_since(0).size() == 4);
  CHECK(store->events_since(seen[1].seq).size() == 2);
  store->unsubscribe(token);
  store->create_draft(*form);
  CHECK(seen.size() == 4);
}

TEST_CASE("drafts are kept at least 60 days") {
  test::FakeEnv fe;
  auto store = ProfileStore::open(temp_db("purge.db"), fe.env());
  auto form = sample_form("low-rent-housing");
  std::string old = store->create_draft(*form);
  fe.clock.advance(61LL * 24 * 3600 * 1000);
  std::string fresh = store->create_draft(*form);
  CHECK(code_of([&] { store->purge_drafts(fe.clock.now_ms() - 30LL * 24 * 3600 * 1000); }) == ErrorCode::InvalidArgument);
  CHECK(store->purge_drafts(fe.clock.now_ms() - 60LL * 24 * 3600 * 1000) == 1);
  CHECK_FALSE(store->draft(old).has_value());
  CHECK(store->draft(fresh).has_value());
}

TEST_CASE("attachments: 20 MB files round-trip by SHA-256, stored once, limits enforced") {
  test::FakeEnv fe;
  auto store = ProfileStore::open(temp_db("attach.db"), fe.env());
  auto form = sample_form("low-rent-housing");
  std::string d = store->create_draft(*form);
  std::string big(20 * 1024 * 1024, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 2654435761u) >> 13);
  const form::Material* income = form->guide.find_material("incomeProof");
  REQUIRE(income);
  auto ref = store->put_attachment(d, "/attachments/incomeProof", big, "收入证明.pdf", "application/pdf", income);
  CHECK(ref.size == static_cast<std::int64_t>(big.size()));
  CHECK(*store->attachment_bytes(ref.sha256) == big);
  auto again = store->put_attachment(d, "/attachments/incomeProof", big, "副本.pdf", "application/pdf", income);
  CHECK(again.sha256 == ref.sha256);
  auto count = store->database().prepare("SELECT count(*) FROM attachments");
  count.step();
  CHECK(count.column_int(0) == 1);

  const form::Material* id_card = form->guide.find_material("idCard");  // 5 MB, images and PDF
  CHECK(code_of([&] { store->put_attachment(d, "/attachments/idCard", big, "id.pdf", "application/pdf", id_card); }) ==
        ErrorCode::StoreFileTooLarge);
  CHECK(code_of([&] { store->put_attachment(d, "/attachments/idCard", "GIF89a", "id.gif", "image/gif", id_card); }) ==
        ErrorCode::StoreFileType);
  CHECK(code_of([&] { store->put_attachment("nope", "/x", "abc", "a.pdf", "application/pdf", nullptr); }) ==
        ErrorCode::StoreNoSuchDraft);
  auto empty = store->put_attachment(d, "/attachments/leaseContract", "", "empty.pdf", "application/pdf", nullptr);
  CHECK(*store->attachment_bytes(empty.sha256) == "");
}

TEST_CASE("submit validates with the session, queues durably with a fresh idempotency key, and removes the draft") {
  test::FakeEnv fe;
  auto store = ProfileStore::open(temp_db("submit.db"), fe.env());
  auto form = sample_form("low-rent-housing");
  auto model = session::FormModel::build(form);
  REQUIRE(model);
  std::string d = store->create_draft(*form);
  auto refused = submit_draft(*store, d, model, logic::Date{2026, 11, 26});
  CHECK_FALSE(refused.item.has_value());
  CHECK(refused.errors.size() >= 3);
  CHECK(store->outbox().empty());
  CHECK(store->draft(d).has_value());

  json example = json::parse(test::read_file(test::source_dir() + "/examples/catalog/low-rent-housing.example.json"));
  store->save_draft(d, example, 1.0, 0);
  auto missing = submit_draft(*store, d, model, logic::Date{2026, 11, 26});
  CHECK_FALSE(missing.item.has_value());  // its attachments are not on this device
  // Store the files the example names (their hashes are placeholders: store bytes, then point the data at them).
  json data = example;
  for (const char* key : {"idCard", "hukou"}) {
    auto ref = store->put_attachment(d, std::string("/attachments/") + key, std::string("file ") + key, std::string(key) + ".pdf",
                                     "application/pdf", form->guide.find_material(key));
    data["attachments"][key] = ref.to_json();
  }
  auto proof = store->put_attachment(d, "/attachments/incomeProof", "income", "income.pdf", "application/pdf", nullptr);
  data["attachments"]["incomeProof"] = json::array({proof.to_json()});
  if (data["attachments"].contains("leaseContract")) {
    auto lease = store->put_attachment(d, "/attachments/leaseContract", "lease", "lease.pdf", "application/pdf", nullptr);
    data["attachments"]["leaseContract"] = lease.to_json();
  }
  store->save_draft(d, data, 1.0, 0);
  auto ok = submit_draft(*store, d, model, logic::Date{2026, 11, 26});
  for (const auto& e : ok.errors) MESSAGE(e.location << ": " << e.text.en);
  REQUIRE(ok.item.has_value());
  CHECK(ok.item->state == OutboxState::Queued);
  CHECK(ok.item->idempotency_key.size() == 36);
  CHECK(ok.item->item_id == "low-rent-housing");
  CHECK(ok.item->form_version == 1);
  CHECK(ok.item->payload == data);
  CHECK(ok.item->manifest.size() >= 3);
  for (const auto& a : ok.item->manifest) {  // each file names the material of the field it was found under
    CAPTURE(a.dump());
    if (a["name"] == "lease.pdf") CHECK(a["material"] == "leaseContract");
    if (a["name"] == "income.pdf") CHECK(a["material"] == "incomeProof");  // inside a list of files
    CHECK(a.contains("material"));
  }
  CHECK_FALSE(store->draft(d).has_value());
  auto all = store->outbox();
  REQUIRE(all.size() == 1);
  CHECK(all[0].id == ok.item->id);
}

TEST_CASE("outbox bookkeeping: retries with full jitter and Retry-After, accepted, needs attention, never dropped") {
  test::FakeEnv fe;
  auto store = ProfileStore::open(temp_db("outbox.db"), fe.env());
  auto form = sample_form("low-rent-housing");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    std::string d = store->create_draft(*form);
    ids.push_back(store->enqueue(d, {{"n", i}}, json::array()).id);
  }
  std::int64_t t0 = fe.clock.now_ms();
  CHECK(store->due_items(t0).size() == 3);
  store->mark_sending(ids[0]);
  store->mark_retry(ids[0], {{"network", "timeout"}});
  auto it = *store->outbox_item(ids[0]);
  CHECK(it.state == OutboxState::Queued);
  CHECK(it.attempts == 1);
  CHECK(it.next_attempt_at >= t0);
  CHECK(it.next_attempt_at <= t0 + 1000);
  for (int k = 0; k < 20; ++k) store->mark_retry(ids[0], {{"network", "timeout"}});
  it = *store->outbox_item(ids[0]);
  CHECK(it.attempts == 21);
  CHECK(it.next_attempt_at <= t0 + 15 * 60 * 1000);  // capped at 15 minutes
  store->mark_retry(ids[0], {{"status", 429}}, 3'600'000);
  CHECK(store->outbox_item(ids[0])->next_attempt_at >= t0 + 3'600'000);  // Retry-After honoured
  CHECK(store->due_items(t0).size() == 2);

  store->mark_accepted(ids[1], {{"caseId", "C1"}, {"acceptanceNumber", "SL2026-0001"}});
  CHECK(store->outbox_item(ids[1])->receipt["acceptanceNumber"] == "SL2026-0001");
  CHECK(code_of([&] { store->mark_needs_attention(ids[1], "rejected", json::object()); }) == ErrorCode::StoreNoSuchItem);

  store->mark_needs_attention(ids[2], "sign_in", {{"status", 401}});
  CHECK(store->outbox_item(ids[2])->state == OutboxState::NeedsAttention);
  CHECK(store->outbox_item(ids[2])->attention == "sign_in");
  CHECK(store->due_items(t0 + 10'000'000).size() == 1);  // only the retried one
  store->requeue(ids[2]);
  CHECK(store->outbox_item(ids[2])->state == OutboxState::Queued);

  store->add_status(ids[1], "accepted", "housingBureau", {{"note", "受理"}}, t0);
  store->add_status(ids[1], "in_review", "civilAffairs", json::object(), t0 + 5);
  auto history = store->status_history(ids[1]);
  REQUIRE(history.size() == 2);
  CHECK(history[1].status == "in_review");
  CHECK(history[1].seq == 2);
  CHECK(store->outbox().size() == 3);  // nothing ever disappears
}

TEST_CASE("due items skip the sent history, and an item sent back to the queue below it is found again") {
  test::FakeEnv fe;
  std::string path = temp_db("outbox-mark.db");
  auto store = ProfileStore::open(path, fe.env());
  auto form = sample_form("low-rent-housing");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(store->enqueue(store->create_draft(*form), {{"n", i}}, json::array()).id);
  auto due_ids = [&](ProfileStore& s) {
    std::vector<std::int64_t> out;
    for (const auto& item : s.due_items(fe.clock.now_ms() + 1'000'000, 100)) out.push_back(item.id);
    return out;
  };
  store->mark_needs_attention(ids[0], "rejected", {{"code", "x"}});
  store->mark_accepted(ids[1], {{"caseId", "C1"}});
  CHECK(due_ids(*store) == std::vector<std::int64_t>{ids[2], ids[3], ids[4]});
  store->mark_accepted(ids[3], {{"caseId", "C3"}});  // out of order: the mark cannot pass ids[2]
  CHECK(due_ids(*store) == std::vector<std::int64_t>{ids[2], ids[4]});
  store->mark_accepted(ids[2], {{"caseId", "C2"}});
  store->mark_accepted(ids[4], {{"caseId", "C4"}});
  CHECK(due_ids(*store).empty());
  auto later = store->enqueue(store->create_draft(*form), {{"n", 5}}, json::array()).id;
  CHECK(due_ids(*store) == std::vector<std::int64_t>{later});
  store->requeue(ids[0]);  // the rejected first item, fixed and sent back
  CHECK(due_ids(*store) == std::vector<std::int64_t>{ids[0], later});
  CHECK(store->due_items_after(ids[0], fe.clock.now_ms() + 1'000'000, 10).size() == 1);
  store.reset();
  auto reopened = ProfileStore::open(path, fe.env());  // the mark is in the file, not in memory
  CHECK(due_ids(*reopened) == std::vector<std::int64_t>{ids[0], later});
  // A damaged mark only costs speed: reading starts from the beginning.
  reopened->set_meta("outbox.pending_from", "garbage");
  CHECK(due_ids(*reopened) == std::vector<std::int64_t>{ids[0], later});
}

TEST_CASE("outbox batches: many items marked and their outcomes recorded in one transaction, all or nothing") {
  test::FakeEnv fe;
  auto store = ProfileStore::open(temp_db("outbox-batch.db"), fe.env());
  auto form = sample_form("low-rent-housing");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(store->enqueue(store->create_draft(*form), {{"n", i}}, json::array()).id);
  std::vector<Event> seen;
  store->subscribe([&](const Event& e) { seen.push_back(e); });
  store->mark_sending(ids);
  for (auto id : ids) CHECK(store->outbox_item(id)->state == OutboxState::Sending);
  CHECK(seen.size() == 4);

  using Outcome = ProfileStore::Outcome;
  // One of them is not in the outbox: nothing of the batch is recorded.
  std::vector<Outcome> bad = {{ids[0], Outcome::Kind::Accepted, {{"caseId", "C0"}}, "", 0, 1000},
                              {ids[3] + 100, Outcome::Kind::Accepted, {{"caseId", "C9"}}, "", 0, 1000}};
  CHECK(code_of([&] { store->record_outcomes(bad); }) == ErrorCode::StoreNoSuchItem);
  CHECK(store->outbox_item(ids[0])->state == OutboxState::Sending);
  CHECK(store->outbox_item(ids[0])->receipt.is_null());

  seen.clear();
  std::int64_t t0 = fe.clock.now_ms();
  store->record_outcomes({{ids[0], Outcome::Kind::Accepted, {{"caseId", "C0"}}, "", 0, 1000},
                          {ids[1], Outcome::Kind::NeedsAttention, {{"status", 422}}, "rejected", 0, 1000},
                          {ids[2], Outcome::Kind::Retry, {{"status", 409}}, "", 5000, 1000},
                          {ids[3], Outcome::Kind::Accepted, {{"caseId", "C3"}}, "", 0, 1000}});
  CHECK(seen.size() == 4);  // told after the one commit
  CHECK(store->outbox_item(ids[0])->receipt["caseId"] == "C0");
  CHECK(store->outbox_item(ids[3])->state == OutboxState::Accepted);
  CHECK(store->outbox_item(ids[1])->attention == "rejected");
  auto retried = *store->outbox_item(ids[2]);
  CHECK(retried.state == OutboxState::Queued);
  CHECK(retried.next_attempt_at >= t0 + 5000);
  auto summary = store->outbox_summary();
  CHECK(summary.accepted == 2);
  CHECK(summary.needs_attention == 1);
  CHECK(summary.queued == 1);
  CHECK(summary.next_attempt_at == retried.next_attempt_at);
  // The accepted ones by case id (the changes feed names cases), and the next items after a given one.
  auto by_case = store->outbox_ids_by_case({"C3", "C0", "nobody"});
  CHECK(by_case.size() == 2);
  CHECK(store->due_items_after(ids[0], t0 + 1'000'000, 10).size() == 1);
  CHECK(store->due_items_after(ids[2], t0 + 1'000'000, 10).empty());
  CHECK(store->accepted_without_status("submitted").size() == 2);
}

TEST_CASE("two profiles are separate files and never see each other's data") {
  test::FakeEnv fe;
  auto a = ProfileStore::open(temp_db("profile-a.db"), fe.env());
  auto b = ProfileStore::open(temp_db("profile-b.db"), fe.env());
  a->create_draft(*sample_form("low-rent-housing"));
  CHECK(a->drafts().size() == 1);
  CHECK(b->drafts().empty());
}

TEST_CASE("attachment ranges read only what is asked, across chunk boundaries") {
  test::FakeEnv fe;
  auto store = ProfileStore::open(temp_db("ranges.db"), fe.env());
  auto form = sample_form("low-rent-housing");
  auto draft = store->create_draft(*form);
  std::string bytes(600 * 1024, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 7919) % 251);
  auto ref = store->put_attachment(draft, "/x", bytes, "big.pdf", "application/pdf", nullptr);
  for (auto [off, len] : std::vector<std::pair<std::int64_t, std::int64_t>>{
           {0, 10}, {262140, 10}, {262144, 262144}, {100, 500000}, {614390, 100}, {614400, 5}, {0, 614400}})
    CHECK(*store->attachment_range(ref.sha256, off, len) == bytes.substr(static_cast<size_t>(off), static_cast<size_t>(len)));
  CHECK_FALSE(store->attachment_range(std::string(64, '0'), 0, 1).has_value());
  CHECK(code_of([&] { store->attachment_range(ref.sha256, 614401, 1); }) == ErrorCode::InvalidArgument);
}

TEST_CASE("server statuses are recorded once each, with the feed cursor in the same transaction") {
  test::FakeEnv fe;
  auto store = ProfileStore::open(temp_db("server-status.db"), fe.env());
  auto form = sample_form("low-rent-housing");
  auto draft = store->create_draft(*form);
  auto item = store->enqueue(draft, {{"a", 1}}, nlohmann::json::array());
  std::vector<ProfileStore::ServerStatus> batch = {
      {item.id, 11, "submitted", "", {{"kind", "submitted"}}, 1000},
      {item.id, 12, "accepted", "civilAffairs", {{"kind", "status"}}, 2000}};
  store->record_server_statuses(batch, "cursor", 12);
  store->record_server_statuses(batch, "cursor", 12);  // delivered again after a crash: nothing new
  auto history = store->status_history(item.id);
  REQUIRE(history.size() == 2);
  CHECK(history[1].status == "accepted");
  CHECK(history[1].department == "civilAffairs");
  CHECK(*store->meta("cursor") == "12");
  store->record_server_statuses({{item.id, 13, "in_review", "civilAffairs", nlohmann::json::object(), 3000}}, "cursor", std::nullopt);
  CHECK(store->status_history(item.id).size() == 3);
  CHECK(*store->meta("cursor") == "12");  // entries fetched outside the feed leave the cursor alone
}

TEST_CASE("the catalog cache lists the newest version of each item, by item id") {
  test::FakeEnv fe;
  auto s = ProfileStore::open(temp_db("catalog-cache.db"), fe.env());
  CHECK(s->cached_catalog().empty());
  json v1 = sample_form("low-rent-housing")->source;
  json v2 = v1;
  v2["version"] = v1["version"].get<int>() + 1;
  s->cache_form(v2);
  s->cache_form(v1);
  s->cache_form(sample_form("disability-certificate")->source);
  auto all = s->cached_catalog();
  REQUIRE(all.size() == 2);
  CHECK(all[0]["id"] == "disability-certificate");
  CHECK(all[1]["id"] == "low-rent-housing");
  CHECK(all[1]["version"] == v2["version"]);
}

TEST_CASE("after queueing an item, a connection still sees what another connection commits (no snapshot left open)") {
  test::FakeEnv fe;
  std::string path = temp_db("two-connections.db");
  auto ui = ProfileStore::open(path, fe.env());
  auto sync = ProfileStore::open(path, fe.env());
  auto form = sample_form("marriage-certificate-reissue");
  auto draft = ui->create_draft(*form);
  auto item = ui->enqueue(draft, {{"reason", "lost"}}, json::array());
  sync->mark_accepted(item.id, {{"caseId", "c-1"}, {"acceptanceNumber", "WB1"}});
  sync->set_meta("sync.server", "http://127.0.0.1:1");
  CHECK(ui->outbox_item(item.id)->state == OutboxState::Accepted);
  CHECK(ui->meta("sync.server") == "http://127.0.0.1:1");
}

TEST_CASE("the catalog cache lists every cached item and version, for an offline catalog") {
  test::FakeEnv fe;
  auto store = ProfileStore::open(temp_db("form-cache.db"), fe.env());
  CHECK(store->cached_form_versions().empty());
  auto housing = sample_form("low-rent-housing")->source;
  store->cache_form(housing);
  json newer = housing;
  newer["version"] = housing["version"].get<int>() + 1;
  store->cache_form(newer);
  store->cache_form(sample_form("marriage-certificate-reissue")->source);
  store->cache_form(housing);  // a repeat changes nothing
  auto versions = store->cached_form_versions();
  REQUIRE(versions.size() == 3);
  CHECK(versions[0] == std::make_pair(std::string("low-rent-housing"), housing["version"].get<int>()));
  CHECK(versions[1] == std::make_pair(std::string("low-rent-housing"), housing["version"].get<int>() + 1));
  CHECK(versions[2].first == "marriage-certificate-reissue");
}
