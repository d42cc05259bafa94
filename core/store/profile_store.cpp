#include "core/store/profile_store.hpp"

#include <algorithm>
#include <set>

#include "core/common/errors.hpp"
#include "core/common/sha256.hpp"
#include "core/store/schema.hpp"

namespace wb::store {
namespace {

using nlohmann::json;

constexpr std::int64_t kChunkSize = 256 * 1024;
constexpr std::int64_t kMinDraftKeepMs = 60LL * 24 * 3600 * 1000;  // drafts are kept at least 60 days

std::string human_size(std::int64_t bytes) {
  if (bytes >= (1 << 20)) return std::to_string(bytes / (1 << 20)) + "." + std::to_string(bytes % (1 << 20) * 10 / (1 << 20)) + " MB";
  if (bytes >= 1024) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " B";
}

json parse_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

LocalizedText text_from_json(const std::string& s) {
  json j = parse_or_null(s);
  LocalizedText t;
  if (j.is_object()) {
    t.zh = j.value("zh-CN", "");
    t.en = j.value("en", "");
  }
  return t;
}

OutboxState state_from_name(const std::string& s) {
  if (s == "sending") return OutboxState::Sending;
  if (s == "accepted") return OutboxState::Accepted;
  if (s == "needs_attention") return OutboxState::NeedsAttention;
  return OutboxState::Queued;
}

// Runs `body` in one transaction, then tells listeners about the events it recorded.
template <typename Body>
auto in_transaction(Database& db, std::vector<Event>& pending, Body body) {
  pending.clear();
  Transaction tx(db);
  if constexpr (std::is_void_v<decltype(body())>) {
    body();
    tx.commit();
  } else {
    auto result = body();
    tx.commit();
    return result;
  }
}

}  // namespace

json AttachmentRef::to_json() const {
  return {{"sha256", sha256}, {"name", name}, {"size", size}, {"mediaType", media_type}};
}

std::string_view outbox_state_name(OutboxState s) {
  switch (s) {
    case OutboxState::Queued: return "queued";
    case OutboxState::Sending: return "sending";
    case OutboxState::Accepted: return "accepted";
    case OutboxState::NeedsAttention: return "needs_attention";
  }
  return "queued";
}

std::unique_ptr<ProfileStore> ProfileStore::open(const std::string& path, Environment env, OpenOptions options) {
  if (!env.clock || !env.random) throw Error(ErrorCode::InvalidArgument, {{"detail", "a profile needs a clock and a random source"}});
  Database db = Database::open(path, options.create, options.vfs);
  db.exec("PRAGMA busy_timeout = 5000");
  prepare_schema(db);  // refuses foreign, damaged and newer files before any write
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA synchronous = FULL");
  auto check = db.prepare("PRAGMA quick_check");
  if (!check.step() || check.column_text(0) != "ok") throw Error(ErrorCode::StoreCorrupt, {{"path", path}});
  return std::unique_ptr<ProfileStore>(new ProfileStore(std::move(db), env));
}

void ProfileStore::synchronous(bool full) {
  if (synchronous_ == (full ? 1 : 0)) return;
  db_.exec(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  synchronous_ = full ? 1 : 0;
}

std::int64_t ProfileStore::add_event(const std::string& kind, const std::string& subject) {
  auto& st = db_.cached("INSERT INTO events (at, kind, subject) VALUES (?, ?, ?)");
  std::int64_t at = now();
  st.bind(1, at).bind(2, kind).bind(3, subject).run();
  std::int64_t seq = db_.last_insert_rowid();
  pending_.push_back(Event{seq, at, kind, subject});
  return seq;
}

void ProfileStore::notify(const std::vector<Event>& events) {
  auto listeners = listeners_;  // a listener may unsubscribe while being called
  for (const auto& e : events)
    for (const auto& [token, fn] : listeners) fn(e);
}

int ProfileStore::subscribe(std::function<void(const Event&)> listener) {
  int token = next_listener_++;
  listeners_[token] = std::move(listener);
  return token;
}

void ProfileStore::unsubscribe(int token) { listeners_.erase(token); }

std::vector<Event> ProfileStore::events_since(std::int64_t seq, int limit) {
  auto st = db_.prepare("SELECT seq, at, kind, subject FROM events WHERE seq > ? ORDER BY seq LIMIT ?");
  st.bind(1, seq).bind(2, limit);
  std::vector<Event> out;
  while (st.step()) out.push_back(Event{st.column_int(0), st.column_int(1), st.column_text(2), st.column_text(3)});
  return out;
}

void ProfileStore::set_meta(const std::string& key, const std::string& value) {
  synchronous(true);
  in_transaction(db_, pending_, [&] {
    db_.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, key).bind(2, value).run();
  });
}

std::optional<std::string> ProfileStore::meta(const std::string& key) {
  auto st = db_.prepare("SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

// ---- catalog cache -------------------------------------------------------------------------------------------------

void ProfileStore::cache_form(const json& definition, const std::string& etag) {
  std::string item = definition.value("id", "");
  int version = definition.value("version", 0);
  synchronous(false);
  in_transaction(db_, pending_, [&] {
    db_.prepare("INSERT INTO form_cache (item_id, version, definition, etag, fetched_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (item_id, version) DO UPDATE SET definition = excluded.definition, etag = excluded.etag, "
                "fetched_at = excluded.fetched_at")
        .bind(1, item).bind(2, version).bind(3, definition.dump()).bind(4, etag).bind(5, now()).run();
    add_event("form.cached", item);
  });
  notify(pending_);
}

std::optional<json> ProfileStore::cached_form(const std::string& item_id, std::optional<int> version) {
  auto st = version ? db_.prepare("SELECT definition FROM form_cache WHERE item_id = ? AND version = ?")
                    : db_.prepare("SELECT definition FROM form_cache WHERE item_id = ? ORDER BY version DESC LIMIT 1");
  st.bind(1, item_id);
  if (version) st.bind(2, *version);
  if (!st.step()) return std::nullopt;
  return parse_or_null(st.column_text(0));
}

std::vector<json> ProfileStore::cached_catalog() {
  auto st = db_.prepare(
      "SELECT definition FROM form_cache f WHERE version = (SELECT max(version) FROM form_cache g "
      "WHERE g.item_id = f.item_id) ORDER BY item_id");
  std::vector<json> out;
  while (st.step()) {
    auto j = parse_or_null(st.column_text(0));
    if (!j.is_null()) out.push_back(std::move(j));
  }
  return out;
}

std::vector<std::pair<std::string, int>> ProfileStore::cached_form_versions() {
  auto st = db_.prepare("SELECT item_id, version FROM form_cache ORDER BY item_id, version");
  std::vector<std::pair<std::string, int>> out;
  while (st.step()) out.emplace_back(st.column_text(0), static_cast<int>(st.column_int(1)));
  return out;
}

// ---- drafts ----------------------------------------------------------------------------------------------------------

std::string ProfileStore::create_draft(const form::FormDefinition& form, const json& data) {
  std::string id = uuid_v4(*env_.random);
  synchronous(false);
  in_transaction(db_, pending_, [&] {
    std::int64_t t = now();
    db_.prepare("INSERT INTO drafts (id, item_id, form_version, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, id).bind(2, form.id).bind(3, form.version).bind(4, form.title.to_json().dump()).bind(5, data.dump())
        .bind(6, t).bind(7, t).run();
    add_event("draft.saved", id);
  });
  notify(pending_);
  return id;
}

void ProfileStore::save_draft(const std::string& id, const json& data, double completeness, int error_count) {
  synchronous(false);
  in_transaction(db_, pending_, [&] {
    db_.cached("UPDATE drafts SET data = ?, completeness = ?, error_count = ?, updated_at = ?, revision = revision + 1 WHERE id = ?")
        .bind(1, data.dump()).bind(2, completeness).bind(3, error_count).bind(4, now()).bind(5, id).run();
    if (db_.changes() == 0) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", id}});
    add_event("draft.saved", id);
  });
  notify(pending_);
}

void ProfileStore::move_draft_to_version(const std::string& id, int version, const json& data, const json& report) {
  synchronous(false);
  in_transaction(db_, pending_, [&] {
    db_.prepare("UPDATE drafts SET form_version = ?, data = ?, updated_at = ?, revision = revision + 1 WHERE id = ?")
        .bind(1, version).bind(2, data.dump()).bind(3, now()).bind(4, id).run();
    if (db_.changes() == 0) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", id}});
    db_.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, "draft.migration." + id).bind(2, report.dump()).run();
    add_event("draft.migrated", id);
  });
  notify(pending_);
}

std::optional<json> ProfileStore::draft_migration_report(const std::string& id) {
  auto text = meta("draft.migration." + id);
  if (!text || text->empty()) return std::nullopt;
  return parse_or_null(*text);
}

namespace {

// Drafts are read with or without their data (a list of 10,000 drafts must not parse 10,000 documents).
std::string draft_columns(bool with_data) {
  return std::string("SELECT id, item_id, form_version, title, completeness, error_count, created_at, updated_at, revision") +
         (with_data ? ", data" : "") + " FROM drafts ";
}

DraftRecord read_draft_row(Statement& st, bool with_data) {
  DraftRecord d;
  d.id = st.column_text(0);
  d.item_id = st.column_text(1);
  d.form_version = static_cast<int>(st.column_int(2));
  d.title = text_from_json(st.column_text(3));
  d.completeness = st.column_double(4);
  d.error_count = static_cast<int>(st.column_int(5));
  d.created_at = st.column_int(6);
  d.updated_at = st.column_int(7);
  d.revision = st.column_int(8);
  if (with_data) d.data = parse_or_null(st.column_text(9));
  return d;
}

}  // namespace

std::optional<DraftRecord> ProfileStore::draft(const std::string& id) {
  auto st = db_.prepare(draft_columns(true) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_draft_row(st, true);
}

std::vector<DraftRecord> ProfileStore::drafts() {
  auto st = db_.prepare(draft_columns(false) + "ORDER BY updated_at DESC, id");
  std::vector<DraftRecord> out;
  while (st.step()) out.push_back(read_draft_row(st, false));
  return out;
}

void ProfileStore::delete_draft(const std::string& id) {
  synchronous(true);
  in_transaction(db_, pending_, [&] {
    db_.prepare("DELETE FROM drafts WHERE id = ?").bind(1, id).run();
    if (db_.changes() == 0) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", id}});
    add_event("draft.deleted", id);
  });
  notify(pending_);
}

int ProfileStore::purge_drafts(std::int64_t cutoff_ms) {
  if (now() - cutoff_ms < kMinDraftKeepMs)
    throw Error(ErrorCode::InvalidArgument, {{"detail", "drafts are kept at least 60 days"}});
  synchronous(true);
  int removed = in_transaction(db_, pending_, [&] {
    auto ids = db_.prepare("SELECT id FROM drafts WHERE updated_at < ?");
    ids.bind(1, cutoff_ms);
    std::vector<std::string> gone;
    while (ids.step()) gone.push_back(ids.column_text(0));
    for (const auto& id : gone) {
      db_.prepare("DELETE FROM drafts WHERE id = ?").bind(1, id).run();
      add_event("draft.deleted", id);
    }
    return static_cast<int>(gone.size());
  });
  notify(pending_);
  return removed;
}

// ---- attachments -------------------------------------------------------------------------------------------------------

AttachmentRef ProfileStore::put_attachment(const std::string& draft_id, const std::string& pointer, std::string_view bytes,
                                           const std::string& name, const std::string& media_type,
                                           const form::Material* material) {
  auto size = static_cast<std::int64_t>(bytes.size());
  if (material) {
    if (size > material->max_size_bytes)
      throw Error(ErrorCode::StoreFileTooLarge, {{"name", name}, {"size", human_size(size)}, {"limit", human_size(material->max_size_bytes)}});
    if (std::find(material->accepted_types.begin(), material->accepted_types.end(), media_type) == material->accepted_types.end()) {
      std::string accepted;
      for (const auto& t : material->accepted_types) accepted += (accepted.empty() ? "" : ", ") + t;
      throw Error(ErrorCode::StoreFileType, {{"name", name}, {"type", media_type}, {"accepted", accepted}});
    }
  }
  AttachmentRef ref{sha256_hex(bytes), name, size, media_type};
  synchronous(true);
  in_transaction(db_, pending_, [&] {
    auto exists = db_.prepare("SELECT 1 FROM drafts WHERE id = ?");
    exists.bind(1, draft_id);
    if (!exists.step()) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", draft_id}});
    auto have = db_.prepare("SELECT 1 FROM attachments WHERE sha256 = ?");
    have.bind(1, ref.sha256);
    if (!have.step()) {
      db_.prepare("INSERT INTO attachments (sha256, size, media_type, chunk_size, created_at) VALUES (?, ?, ?, ?, ?)")
          .bind(1, ref.sha256).bind(2, size).bind(3, media_type).bind(4, kChunkSize).bind(5, now()).run();
      auto chunk = db_.prepare("INSERT INTO attachment_chunks (sha256, idx, bytes) VALUES (?, ?, ?)");
      for (std::int64_t off = 0, idx = 0; off < size || (size == 0 && idx == 0); off += kChunkSize, ++idx) {
        chunk.bind(1, ref.sha256).bind(2, idx).bind_blob(3, bytes.substr(static_cast<size_t>(off), static_cast<size_t>(kChunkSize)));
        chunk.run();
        chunk.reset();
      }
    }
    db_.prepare("INSERT OR REPLACE INTO draft_attachments (draft_id, pointer, sha256, name) VALUES (?, ?, ?, ?)")
        .bind(1, draft_id).bind(2, pointer).bind(3, ref.sha256).bind(4, name).run();
    add_event("draft.saved", draft_id);
  });
  notify(pending_);
  return ref;
}

std::optional<std::string> ProfileStore::attachment_bytes(const std::string& sha256) {
  auto info = attachment_info(sha256);
  if (!info) return std::nullopt;
  auto st = db_.prepare("SELECT bytes FROM attachment_chunks WHERE sha256 = ? ORDER BY idx");
  st.bind(1, sha256);
  std::string out;
  out.reserve(static_cast<size_t>(info->size));
  while (st.step()) out += st.column_blob(0);
  if (static_cast<std::int64_t>(out.size()) != info->size || sha256_hex(out) != sha256)
    throw Error(ErrorCode::StoreCorrupt, {{"path", db_.path()}});
  return out;
}

std::optional<std::string> ProfileStore::attachment_range(const std::string& sha256, std::int64_t offset,
                                                         std::int64_t length) {
  auto info = db_.prepare("SELECT size, chunk_size FROM attachments WHERE sha256 = ?");
  info.bind(1, sha256);
  if (!info.step()) return std::nullopt;
  std::int64_t size = info.column_int(0), chunk = info.column_int(1);
  if (offset < 0 || length < 0 || offset > size) throw Error(ErrorCode::InvalidArgument, {{"detail", "range outside the attachment"}});
  length = std::min(length, size - offset);
  std::string out;
  out.reserve(static_cast<size_t>(length));
  auto st = db_.prepare("SELECT idx, bytes FROM attachment_chunks WHERE sha256 = ? AND idx >= ? AND idx <= ? ORDER BY idx");
  st.bind(1, sha256).bind(2, offset / chunk).bind(3, length ? (offset + length - 1) / chunk : offset / chunk);
  while (st.step()) {
    std::int64_t start = st.column_int(0) * chunk;
    std::string bytes = st.column_blob(1);
    std::int64_t from = std::max(offset, start), to = std::min(offset + length, start + static_cast<std::int64_t>(bytes.size()));
    if (to > from) out.append(bytes, static_cast<size_t>(from - start), static_cast<size_t>(to - from));
  }
  if (static_cast<std::int64_t>(out.size()) != length) throw Error(ErrorCode::StoreCorrupt, {{"path", db_.path()}});
  return out;
}

std::optional<AttachmentRef> ProfileStore::attachment_info(const std::string& sha256) {
  auto st = db_.prepare("SELECT size, media_type FROM attachments WHERE sha256 = ?");
  st.bind(1, sha256);
  if (!st.step()) return std::nullopt;
  return AttachmentRef{sha256, "", st.column_int(0), st.column_text(1)};
}

// ---- outbox -------------------------------------------------------------------------------------------------------------

OutboxItem ProfileStore::read_outbox_row(Statement& st, bool with_payload) {
  OutboxItem it;
  it.id = st.column_int(0);
  it.idempotency_key = st.column_text(1);
  it.item_id = st.column_text(2);
  it.form_version = static_cast<int>(st.column_int(3));
  it.title = text_from_json(st.column_text(4));
  it.state = state_from_name(st.column_text(5));
  it.attention = st.column_text(6);
  it.attempts = static_cast<int>(st.column_int(7));
  it.next_attempt_at = st.column_int(8);
  it.last_error = parse_or_null(st.column_text(9));
  it.receipt = parse_or_null(st.column_text(10));
  it.created_at = st.column_int(11);
  it.updated_at = st.column_int(12);
  it.manifest = parse_or_null(st.column_text(13));
  if (with_payload) it.payload = parse_or_null(st.column_text(14));
  return it;
}

namespace {
constexpr const char* kOutboxColumns =
    "SELECT id, idempotency_key, item_id, form_version, title, state, coalesce(attention, ''), attempts, next_attempt_at, "
    "coalesce(last_error, ''), coalesce(receipt, ''), created_at, updated_at, manifest, payload FROM outbox ";
}

OutboxItem ProfileStore::enqueue(const std::string& draft_id, const json& payload, const json& manifest) {
  OutboxItem item;
  item.idempotency_key = uuid_v4(*env_.random);
  item.payload = payload;
  item.manifest = manifest;
  synchronous(true);
  in_transaction(db_, pending_, [&] {
    auto& d = db_.cached("SELECT item_id, form_version, title FROM drafts WHERE id = ?");
    d.bind(1, draft_id);
    if (!d.step()) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", draft_id}});
    item.item_id = d.column_text(0);
    item.form_version = static_cast<int>(d.column_int(1));
    std::string title = d.column_text(2);
    d.reset();  // a cached read left on its row would keep this connection's snapshot open after the commit
    item.title = text_from_json(title);
    item.created_at = item.updated_at = item.next_attempt_at = now();
    db_.cached("INSERT INTO outbox (idempotency_key, draft_id, item_id, form_version, title, payload, manifest, state, "
               "next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)")
        .bind(1, item.idempotency_key).bind(2, draft_id).bind(3, item.item_id).bind(4, item.form_version).bind(5, title)
        .bind(6, payload.dump()).bind(7, manifest.dump()).bind(8, item.created_at).bind(9, item.created_at)
        .bind(10, item.created_at).run();
    item.id = db_.last_insert_rowid();
    auto& link = db_.cached("INSERT OR IGNORE INTO outbox_attachments (outbox_id, sha256) VALUES (?, ?)");
    for (const auto& a : manifest) {
      link.bind(1, item.id).bind(2, a.value("sha256", "")).run();
      link.reset();
    }
    db_.cached("DELETE FROM drafts WHERE id = ?").bind(1, draft_id).run();
    add_event("draft.deleted", draft_id);
    add_event("outbox.queued", std::to_string(item.id));
  });
  notify(pending_);
  return item;
}

std::vector<OutboxItem> ProfileStore::outbox(bool with_payload) {
  auto st = db_.prepare(std::string(kOutboxColumns) + "ORDER BY id");
  std::vector<OutboxItem> out;
  while (st.step()) out.push_back(read_outbox_row(st, with_payload));
  return out;
}

std::optional<OutboxItem> ProfileStore::outbox_item(std::int64_t id) {
  auto st = db_.prepare(std::string(kOutboxColumns) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_outbox_row(st, true);
}

std::vector<OutboxItem> ProfileStore::due_items(std::int64_t now_ms, int limit) {
  std::int64_t from = pending_from();
  auto st = db_.prepare(std::string(kOutboxColumns) +
                        "WHERE id >= ? AND state IN ('queued', 'sending') AND next_attempt_at <= ? ORDER BY id LIMIT ?");
  st.bind(1, from).bind(2, now_ms).bind(3, limit);
  std::vector<OutboxItem> out;
  while (st.step()) out.push_back(read_outbox_row(st, true));
  return out;
}

std::vector<OutboxItem> ProfileStore::due_items_after(std::int64_t after_id, std::int64_t now_ms, int limit) {
  std::int64_t from = std::max(pending_from(), after_id + 1);
  auto st = db_.prepare(std::string(kOutboxColumns) +
                        "WHERE id >= ? AND state IN ('queued', 'sending') AND next_attempt_at <= ? ORDER BY id LIMIT ?");
  st.bind(1, from).bind(2, now_ms).bind(3, limit);
  std::vector<OutboxItem> out;
  while (st.step()) out.push_back(read_outbox_row(st, true));
  return out;
}

ProfileStore::OutboxSummary ProfileStore::outbox_summary() {
  auto st = db_.prepare(
      "SELECT state, coalesce(attention, '') = 'superseded', count(*), min(next_attempt_at) FROM outbox "
      "GROUP BY 1, 2");
  OutboxSummary s;
  while (st.step()) {
    auto state = state_from_name(st.column_text(0));
    int n = static_cast<int>(st.column_int(2));
    switch (state) {
      case OutboxState::Queued:
      case OutboxState::Sending:
        s.queued += n;
        if (!s.next_attempt_at || st.column_int(3) < *s.next_attempt_at) s.next_attempt_at = st.column_int(3);
        break;
      case OutboxState::NeedsAttention:
        if (st.column_int(1) == 0) s.needs_attention += n;
        break;
      case OutboxState::Accepted: s.accepted += n; break;
    }
  }
  return s;
}

std::vector<std::pair<std::int64_t, std::string>> ProfileStore::outbox_ids_by_case(const std::vector<std::string>& case_ids) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  if (case_ids.empty()) return out;
  auto& st = db_.cached("SELECT id, case_id FROM outbox WHERE case_id = ? AND state = 'accepted'");
  for (const auto& case_id : case_ids) {  // each a lookup in the case index
    st.bind(1, case_id);
    while (st.step()) out.emplace_back(st.column_int(0), st.column_text(1));
    st.reset();
  }
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> ProfileStore::accepted_without_status(const std::string& kind) {
  // The entries' details are JSON written by this code; SQL narrows them by text, C++ decides by parsing (the
  // browser's SQLite has no JSON functions).
  std::set<std::int64_t> have;
  {
    auto s = db_.prepare("SELECT outbox_id, detail FROM case_status WHERE detail IS NOT NULL AND instr(detail, ?) > 0");
    s.bind(1, json(kind).dump());
    while (s.step()) {
      auto detail = json::parse(s.column_text(1), nullptr, false);
      if (detail.is_object() && detail.contains("kind") && detail["kind"] == kind) have.insert(s.column_int(0));
    }
  }
  auto st = db_.prepare("SELECT id, coalesce(case_id, '') FROM outbox WHERE state = 'accepted' AND receipt IS NOT NULL ORDER BY id");
  std::vector<std::pair<std::int64_t, std::string>> out;
  while (st.step())
    if (!have.count(st.column_int(0))) out.emplace_back(st.column_int(0), st.column_text(1));
  return out;
}

std::int64_t ProfileStore::pending_from() {
  auto& st = db_.cached("SELECT value FROM meta WHERE key = 'outbox.pending_from'");
  std::int64_t mark = 0;
  if (st.step()) {
    std::string text = st.column_text(0);
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (end && *end == '\0' && v > 0) mark = v;  // anything else: from the start (always correct, only slower)
  }
  st.reset();
  return mark;
}

void ProfileStore::set_pending_from_in_tx(std::int64_t mark) {
  db_.cached("INSERT INTO meta (key, value) VALUES ('outbox.pending_from', ?) "
             "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, std::to_string(mark)).run();
}

void ProfileStore::advance_pending_from_in_tx() {
  std::int64_t mark = pending_from();
  auto& first = db_.cached("SELECT id FROM outbox WHERE id >= ? AND state IN ('queued', 'sending') ORDER BY id LIMIT 1");
  first.bind(1, mark);
  std::optional<std::int64_t> next;
  if (first.step()) next = first.column_int(0);
  first.reset();
  if (!next) {  // nothing left to send: past the newest item (new items get larger ids: rows are never deleted)
    auto& last = db_.cached("SELECT coalesce(max(id), 0) + 1 FROM outbox");
    last.step();
    next = last.column_int(0);
    last.reset();
  }
  if (*next != mark) set_pending_from_in_tx(*next);
}

void ProfileStore::sending_in_tx(std::int64_t id) {
  db_.cached("UPDATE outbox SET state = 'sending', updated_at = ? WHERE id = ? AND state IN ('queued', 'sending')")
      .bind(1, now()).bind(2, id).run();
  if (db_.changes() == 0) throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(id)}});
  add_event("outbox.changed", std::to_string(id));
}

void ProfileStore::retry_in_tx(std::int64_t id, const json& error, std::int64_t retry_after_ms, std::int64_t base_ms,
                               std::optional<int> backoff_step) {
  auto& cur = db_.cached("SELECT attempts FROM outbox WHERE id = ? AND state IN ('queued', 'sending')");
  cur.bind(1, id);
  if (!cur.step()) {
    cur.reset();
    throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(id)}});
  }
  int attempts = static_cast<int>(cur.column_int(0)) + 1;
  cur.reset();
  std::int64_t next = now() + backoff_delay_ms(backoff_step.value_or(attempts - 1), *env_.random, retry_after_ms, base_ms);
  db_.cached("UPDATE outbox SET state = 'queued', attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?")
      .bind(1, attempts).bind(2, next).bind(3, error.dump()).bind(4, now()).bind(5, id).run();
  add_event("outbox.changed", std::to_string(id));
}

void ProfileStore::accepted_in_tx(std::int64_t id, const json& receipt) {
  auto& st = db_.cached("UPDATE outbox SET state = 'accepted', receipt = ?, case_id = ?, attention = NULL, updated_at = ?, "
                        "attempts = attempts + 1 WHERE id = ? AND state != 'accepted'");
  st.bind(1, receipt.dump());
  if (receipt.is_object() && receipt.contains("caseId") && receipt["caseId"].is_string())
    st.bind(2, receipt["caseId"].get<std::string>());
  else
    st.bind_null(2);
  st.bind(3, now()).bind(4, id).run();
  if (db_.changes() == 0) throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(id)}});
  advance_pending_from_in_tx();
  add_event("outbox.changed", std::to_string(id));
}

void ProfileStore::attention_in_tx(std::int64_t id, const std::string& reason, const json& error) {
  db_.cached("UPDATE outbox SET state = 'needs_attention', attention = ?, last_error = ?, updated_at = ? "
             "WHERE id = ? AND state != 'accepted'")
      .bind(1, reason).bind(2, error.dump()).bind(3, now()).bind(4, id).run();
  if (db_.changes() == 0) throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(id)}});
  advance_pending_from_in_tx();
  add_event("outbox.changed", std::to_string(id));
}

void ProfileStore::mark_sending(std::int64_t id) { mark_sending(std::vector<std::int64_t>{id}); }

void ProfileStore::mark_sending(const std::vector<std::int64_t>& ids) {
  // Without waiting for the disk: "sending" only tells a status bar what is under way. Lost to a power cut, the items
  // are "queued" again, which the engine treats alike; WAL keeps the commits in order, and the next durable commit
  // (the receipts) makes this one durable too.
  synchronous(false);
  in_transaction(db_, pending_, [&] {
    for (auto id : ids) sending_in_tx(id);
  });
  notify(pending_);
}

void ProfileStore::mark_retry(std::int64_t id, const json& error, std::int64_t retry_after_ms, std::int64_t base_ms,
                              std::optional<int> backoff_step) {
  synchronous(true);
  in_transaction(db_, pending_, [&] { retry_in_tx(id, error, retry_after_ms, base_ms, backoff_step); });
  notify(pending_);
}

void ProfileStore::mark_accepted(std::int64_t id, const json& receipt) {
  synchronous(true);
  in_transaction(db_, pending_, [&] { accepted_in_tx(id, receipt); });
  notify(pending_);
}

void ProfileStore::mark_needs_attention(std::int64_t id, const std::string& reason, const json& error) {
  synchronous(true);
  in_transaction(db_, pending_, [&] { attention_in_tx(id, reason, error); });
  notify(pending_);
}

void ProfileStore::record_outcomes(const std::vector<Outcome>& outcomes) {
  synchronous(true);
  in_transaction(db_, pending_, [&] {
    for (const auto& o : outcomes) {
      switch (o.kind) {
        case Outcome::Kind::Accepted: accepted_in_tx(o.id, o.value); break;
        case Outcome::Kind::NeedsAttention: attention_in_tx(o.id, o.reason, o.value); break;
        case Outcome::Kind::Retry: retry_in_tx(o.id, o.value, o.retry_after_ms, o.base_ms, std::nullopt); break;
      }
    }
  });
  notify(pending_);
}

void ProfileStore::requeue(std::int64_t id) {
  synchronous(true);
  in_transaction(db_, pending_, [&] {
    db_.prepare("UPDATE outbox SET state = 'queued', attention = NULL, next_attempt_at = ?, updated_at = ? "
                "WHERE id = ? AND state = 'needs_attention'")
        .bind(1, now()).bind(2, now()).bind(3, id).run();
    if (db_.changes() == 0) throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(id)}});
    if (id < pending_from()) set_pending_from_in_tx(id);  // back below the mark: reading must start at it again
    add_event("outbox.changed", std::to_string(id));
  });
  notify(pending_);
}

int ProfileStore::retry_network_failures_now() {
  synchronous(true);
  return in_transaction(db_, pending_, [&] {
    // last_error is {"error": {"code": "network", ...}} for a failure without an answer (core/sync).
    db_.prepare("UPDATE outbox SET next_attempt_at = ? WHERE state IN ('queued', 'sending') AND next_attempt_at > ? "
                "AND last_error LIKE '%\"code\":\"network\"%'")
        .bind(1, now()).bind(2, now()).run();
    return db_.changes();
  });
}

std::string ProfileStore::supersede_with_draft(std::int64_t id, const form::FormDefinition& form, const json& data,
                                               const json& report) {
  std::string draft = uuid_v4(*env_.random);
  synchronous(true);
  in_transaction(db_, pending_, [&] {
    std::int64_t t = now();
    db_.prepare("UPDATE outbox SET attention = 'superseded', last_error = ?, updated_at = ? WHERE id = ? AND state = 'needs_attention'")
        .bind(1, json{{"draft", draft}}.dump()).bind(2, t).bind(3, id).run();
    if (db_.changes() == 0) throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(id)}});
    db_.prepare("INSERT INTO drafts (id, item_id, form_version, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, draft).bind(2, form.id).bind(3, form.version).bind(4, form.title.to_json().dump()).bind(5, data.dump())
        .bind(6, t).bind(7, t).run();
    db_.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, "draft.migration." + draft).bind(2, report.dump()).run();
    add_event("outbox.changed", std::to_string(id));
    add_event("draft.saved", draft);
  });
  notify(pending_);
  return draft;
}

// ---- case status ------------------------------------------------------------------------------------------------------

void ProfileStore::add_status(std::int64_t outbox_id, const std::string& status, const std::string& department,
                              const json& detail, std::int64_t at_ms) {
  synchronous(false);
  in_transaction(db_, pending_, [&] {
    auto next = db_.prepare("SELECT coalesce(max(seq), 0) + 1 FROM case_status WHERE outbox_id = ?");
    next.bind(1, outbox_id);
    next.step();
    db_.prepare("INSERT INTO case_status (outbox_id, seq, at, status, department, detail) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, outbox_id).bind(2, next.column_int(0)).bind(3, at_ms).bind(4, status).bind(5, department)
        .bind(6, detail.dump()).run();
    add_event("status.added", std::to_string(outbox_id));
  });
  notify(pending_);
}

void ProfileStore::record_server_statuses(const std::vector<ServerStatus>& entries, const std::string& cursor_key,
                                          std::optional<std::int64_t> cursor) {
  synchronous(false);
  in_transaction(db_, pending_, [&] {
    for (const auto& e : entries) {
      auto seen = db_.prepare("SELECT 1 FROM case_status WHERE server_seq = ?");
      seen.bind(1, e.server_seq);
      if (seen.step()) continue;
      auto next = db_.prepare("SELECT coalesce(max(seq), 0) + 1 FROM case_status WHERE outbox_id = ?");
      next.bind(1, e.outbox_id);
      next.step();
      db_.prepare("INSERT INTO case_status (outbox_id, seq, at, status, department, detail, server_seq) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)")
          .bind(1, e.outbox_id).bind(2, next.column_int(0)).bind(3, e.at_ms).bind(4, e.status).bind(5, e.department)
          .bind(6, e.detail.dump()).bind(7, e.server_seq).run();
      add_event("status.added", std::to_string(e.outbox_id));
    }
    if (cursor)
      db_.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").bind(1, cursor_key).bind(2, std::to_string(*cursor)).run();
  });
  notify(pending_);
}

std::vector<StatusEntry> ProfileStore::status_history(std::int64_t outbox_id) {
  auto st = db_.prepare("SELECT seq, at, status, coalesce(department, ''), coalesce(detail, '') FROM case_status "
                        "WHERE outbox_id = ? ORDER BY seq");
  st.bind(1, outbox_id);
  std::vector<StatusEntry> out;
  while (st.step())
    out.push_back(StatusEntry{st.column_int(0), st.column_int(1), st.column_text(2), st.column_text(3), parse_or_null(st.column_text(4))});
  return out;
}

}  // namespace wb::store
