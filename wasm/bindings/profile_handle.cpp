#include "wasm/bindings/profile_handle.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <new>

#include "core/form/form_loader.hpp"
#include "core/session/draft.hpp"
#include "core/session/migration.hpp"
#include "core/store/submit.hpp"
#include "wasm/bindings/json_views.hpp"

namespace wb::wasm {

using emscripten::val;
using nlohmann::json;

namespace {

constexpr const char* kVfsName = "wangban-blocks";

json parse_argument(const std::string& text, const char* what) {
  if (text.empty()) return nullptr;
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw Error(ErrorCode::InvalidArgument, {{"detail", std::string(what) + " is not JSON"}});
  return j;
}

std::int64_t int_of(const json& j, const char* key, std::int64_t fallback) {
  return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<std::int64_t>() : fallback;
}

bool bool_of(const json& j, const char* key, bool fallback) {
  return j.is_object() && j.contains(key) && j[key].is_boolean() ? j[key].get<bool>() : fallback;
}

}  // namespace

json error_envelope(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const Error& err) {
    return {{"error", error_json(err.diagnostic())}};
  } catch (const std::bad_alloc&) {
    return {{"error", error_json(Diagnostic{ErrorCode::Internal, "", {{"detail", "out of memory"}}})}};
  } catch (const json::exception& err) {
    return {{"error", error_json(Diagnostic{ErrorCode::InvalidArgument, "", {{"detail", err.what()}}})}};
  } catch (const std::exception& err) {
    return {{"error", error_json(Diagnostic{ErrorCode::Internal, "", {{"detail", err.what()}}})}};
  } catch (...) {
    return {{"error", error_json(Diagnostic{ErrorCode::Internal, "", {{"detail", "unknown exception"}}})}};
  }
}

ProfileHandle::ProfileHandle(std::string file) : file_(std::move(file)) {}

ProfileHandle::~ProfileHandle() { close(); }

std::string ProfileHandle::open(const std::string& options_json) {
  return envelope([&]() -> json {
    json options = parse_argument(options_json, "options");
    json engine = options.is_object() ? options.value("engine", json::object()) : json::object();
    engine_options_.catalog_interval_ms = int_of(engine, "catalogIntervalMs", engine_options_.catalog_interval_ms);
    engine_options_.status_interval_ms = int_of(engine, "statusIntervalMs", engine_options_.status_interval_ms);
    engine_options_.retry_base_ms = int_of(engine, "retryBaseMs", engine_options_.retry_base_ms);
    engine_options_.upload_chunk_bytes = int_of(engine, "uploadChunkBytes", engine_options_.upload_chunk_bytes);
    engine_options_.pull_catalog = bool_of(engine, "pullCatalog", engine_options_.pull_catalog);
    engine_options_.pull_status = bool_of(engine, "pullStatus", engine_options_.pull_status);
    tokens_.load_durable(options.is_object() ? options.value("tokens", "") : "");
    close_store();
    open_store();
    return {{"generation", generation_}};
  });
}

void ProfileHandle::open_store() {
  BlockVfs::install(kVfsName);
  Environment env{&clock_, &random_};
  store_ = store::ProfileStore::open(file_, env, {true, kVfsName});
  listener_ = store_->subscribe([this](const store::Event& e) {
    events_.push_back(e);
    if (e.kind == "form.cached") catalog_.reset();
  });
  engine_ = std::make_unique<sync::Engine>(*store_, tokens_, env, engine_options_);
}

void ProfileHandle::close_store() {
  engine_.reset();
  if (store_) store_->unsubscribe(listener_);
  store_.reset();
  catalog_.reset();
}

void ProfileHandle::close() { close_store(); }

store::ProfileStore& ProfileHandle::store() {
  if (!store_) throw Error(ErrorCode::InvalidArgument, {{"detail", "the profile is closed"}});
  return *store_;
}

// ---- persistence

bool ProfileHandle::dirty() const { return BlockVfs::install(kVfsName).dirty(file_) || tokens_.dirty(); }

val ProfileHandle::begin_flush() {
  try {
    return take_flush();
  } catch (...) {
    val out = val::object();
    out.set("error", error_envelope(std::current_exception()).dump());
    return out;
  }
}

val ProfileHandle::take_flush() {
  auto& vfs = BlockVfs::install(kVfsName);
  if (flushing_) throw std::logic_error("a flush is in progress");
  // The image is consistent only between transactions: every call of this binding commits before it returns.
  if (store_ && !sqlite3_get_autocommit(store_->database().raw())) throw std::logic_error("a transaction is open");
  if (!dirty()) return val::null();
  const auto& s = vfs.begin_flush(file_);
  flushing_ = true;
  val out = val::object();
  out.set("size", static_cast<double>(s.size));
  out.set("storedBlocks", s.stored_blocks);
  out.set("blockSize", static_cast<double>(BlockVfs::kBlockSize));
  // Copies: the views into the wasm heap would not survive its growth.
  val u32 = val::global("Uint32Array");
  val u8 = val::global("Uint8Array");
  out.set("indexes", u32.new_(emscripten::typed_memory_view(s.indexes.size(), s.indexes.data())));
  out.set("bytes", u8.new_(emscripten::typed_memory_view(s.bytes.size(), reinterpret_cast<const std::uint8_t*>(s.bytes.data()))));
  if (tokens_.dirty()) out.set("tokens", tokens_.take_for_flush());
  return out;
}

std::string ProfileHandle::end_flush(bool ok) {
  return envelope([&]() -> json {
    if (!flushing_) throw std::logic_error("no flush in progress");
    flushing_ = false;
    auto& vfs = BlockVfs::install(kVfsName);
    if (ok) {
      vfs.end_flush(file_, true);
      tokens_.end_flush(true);
      return nullptr;
    }
    // Storage refused the changes: forget them everywhere (SQLite's page cache too, by reopening), so what the
    // person sees is what is stored.
    close_store();
    vfs.end_flush(file_, false);
    tokens_.end_flush(false);
    events_.clear();
    ++generation_;
    open_store();
    return {{"generation", generation_}};
  });
}

// ---- catalog

form::FormPtr ProfileHandle::form_for(const std::string& item_id, std::optional<int> version) {
  if (version) {
    auto it = forms_.find({item_id, *version});
    if (it != forms_.end()) return it->second;
  }
  auto definition = store().cached_form(item_id, version);
  if (!definition)
    throw Error(ErrorCode::StoreNoForm, {{"item", item_id}, {"version", version ? std::to_string(*version) : "?"}});
  int v = definition->value("version", 0);
  auto it = forms_.find({item_id, v});
  if (it != forms_.end()) return it->second;
  auto loaded = form::load_form(*definition);
  if (!loaded.ok()) throw Error(loaded.diagnostics.front());
  forms_[{item_id, v}] = loaded.form;
  return loaded.form;
}

session::ModelPtr ProfileHandle::model_for(const std::string& item_id, std::optional<int> version) {
  auto form = form_for(item_id, version);
  auto key = std::make_pair(form->id, form->version);
  auto it = models_.find(key);
  if (it != models_.end()) return it->second;
  std::vector<Diagnostic> errors;
  auto model = session::FormModel::build(form, &errors);
  if (!model) throw Error(errors.empty() ? Diagnostic{ErrorCode::Internal, "", {{"detail", "form model"}}} : errors.front());
  models_[key] = model;
  return model;
}

catalog::Catalog& ProfileHandle::catalog_index() {
  if (catalog_) return *catalog_;
  catalog::Catalog c;
  auto versions = store().cached_form_versions();
  for (size_t i = 0; i < versions.size(); ++i) {
    bool newest = i + 1 == versions.size() || versions[i + 1].first != versions[i].first;
    if (!newest) continue;
    try {
      c.add(form_for(versions[i].first, versions[i].second));
    } catch (const Error&) {
      // A cached definition this version of the code cannot load is left out of the catalog (never fatal).
    }
  }
  catalog_ = std::move(c);
  return *catalog_;
}

std::string ProfileHandle::catalog(const std::string& filter_json) {
  return envelope([&]() -> json {
    json f = parse_argument(filter_json, "filter");
    catalog::Filter filter;
    if (f.is_object()) {
      std::string audience = f.value("audience", "");
      if (audience == "citizen") filter.audience = form::Audience::Citizen;
      else if (audience == "enterprise") filter.audience = form::Audience::Enterprise;
      else if (!audience.empty())
        throw Error(ErrorCode::InvalidArgument, {{"detail", "audience must be citizen or enterprise"}});
      if (f.contains("department") && f["department"].is_string()) filter.department = f["department"].get<std::string>();
      if (f.contains("visits") && f["visits"].is_number_integer()) filter.visits = f["visits"].get<int>();
      filter.query = f.value("q", "");
    }
    json items = json::array();
    for (const auto& form : catalog_index().list(filter)) items.push_back(catalog::summary_json(*form));
    return items;
  });
}

std::string ProfileHandle::guide(const std::string& item_id) {
  return envelope([&]() -> json { return guide_json(*form_for(item_id, std::nullopt)); });
}

std::string ProfileHandle::form(const std::string& item_id, int version) {
  return envelope([&]() -> json {
    auto f = form_for(item_id, version > 0 ? std::optional<int>(version) : std::nullopt);
    return {{"definition", f->source}, {"layout", layout_json(*f)}};
  });
}

std::string ProfileHandle::cache_form(const std::string& definition_json) {
  return envelope([&]() -> json {
    json definition = parse_argument(definition_json, "definition");
    auto loaded = form::load_form(definition);
    if (!loaded.ok()) throw Error(loaded.diagnostics.front());
    store().cache_form(definition);
    return {{"itemId", loaded.form->id}, {"version", loaded.form->version}};
  });
}

// ---- drafts, outbox, status

std::string ProfileHandle::drafts() {
  return envelope([&]() -> json {
    json out = json::array();
    for (const auto& d : store().drafts()) out.push_back(draft_record_json(d, false));
    return out;
  });
}

std::string ProfileHandle::create_draft(const std::string& item_id, const std::string& data_json) {
  return envelope([&]() -> json {
    json data = parse_argument(data_json, "data");
    if (!data.is_object()) data = json::object();
    auto model = model_for(item_id, std::nullopt);
    session::Draft draft(model, data, {china_today(clock_)});
    auto view = draft.view();
    std::string id = store().create_draft(model->form(), draft.data());
    store().save_draft(id, draft.data(), view.completeness(), static_cast<int>(view.error_count));
    return draft_record_json(*store().draft(id), false);
  });
}

std::string ProfileHandle::delete_draft(const std::string& id) {
  return envelope([&]() -> json {
    store().delete_draft(id);
    return nullptr;
  });
}

std::string ProfileHandle::submit(const std::string& draft_id) {
  return envelope([&]() -> json {
    auto record = store().draft(draft_id);
    if (!record) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", draft_id}});
    auto model = model_for(record->item_id, record->form_version);
    auto result = store::submit_draft(store(), draft_id, model, china_today(clock_));
    if (result.item) return {{"queued", outbox_item_json(*result.item, false)}};
    json errors = json::array();
    for (const auto& e : result.errors) errors.push_back(field_error_json(e));
    return {{"errors", errors}};
  });
}

std::string ProfileHandle::outbox(bool with_payload) {
  return envelope([&]() -> json {
    json out = json::array();
    for (const auto& item : store().outbox(with_payload)) out.push_back(outbox_item_json(item, with_payload));
    return out;
  });
}

std::string ProfileHandle::outbox_item(double id) {
  return envelope([&]() -> json {
    auto item = store().outbox_item(static_cast<std::int64_t>(id));
    if (!item) throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(static_cast<std::int64_t>(id))}});
    return outbox_item_json(*item, true);
  });
}

std::string ProfileHandle::status_history(double outbox_id) {
  return envelope([&]() -> json {
    json out = json::array();
    for (const auto& e : store().status_history(static_cast<std::int64_t>(outbox_id))) out.push_back(status_entry_json(e));
    return out;
  });
}

std::string ProfileHandle::requeue(double id) {
  return envelope([&]() -> json {
    store().requeue(static_cast<std::int64_t>(id));
    return nullptr;
  });
}

std::string ProfileHandle::migrate_outbox_item(double id_number) {
  return envelope([&]() -> json {
    auto id = static_cast<std::int64_t>(id_number);
    auto item = store().outbox_item(id);
    if (!item) throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(id)}});
    if (item->state != store::OutboxState::NeedsAttention || item->attention != "version")
      throw Error(ErrorCode::InvalidArgument, {{"detail", "only items whose form version was retired can be migrated"}});
    auto from = model_for(item->item_id, item->form_version);
    auto to = model_for(item->item_id, std::nullopt);
    if (to->form().version <= item->form_version)
      throw Error(ErrorCode::StoreNoForm, {{"item", item->item_id}, {"version", std::to_string(item->form_version + 1) + "+"}});
    auto report = session::migrate_draft(from, to, item->payload, {china_today(clock_)});
    json summary = {{"from", item->form_version}, {"to", to->form().version}, {"dropped", report.dropped},
                    {"newlyRequired", report.newly_required}};
    auto draft = store().supersede_with_draft(id, to->form(), report.data, summary);
    return {{"draftId", draft}, {"migration", summary}};
  });
}

std::string ProfileHandle::take_events() {
  return envelope([&]() -> json {
    json out = json::array();
    for (const auto& e : events_) out.push_back(event_json(e));
    events_.clear();
    return out;
  });
}

std::string ProfileHandle::events_since(double seq, int limit) {
  return envelope([&]() -> json {
    json out = json::array();
    for (const auto& e : store().events_since(static_cast<std::int64_t>(seq), limit)) out.push_back(event_json(e));
    return out;
  });
}

std::string ProfileHandle::meta(const std::string& key) {
  return envelope([&]() -> json {
    auto v = store().meta(key);
    return v ? json(*v) : json(nullptr);
  });
}

std::string ProfileHandle::set_meta(const std::string& key, const std::string& value) {
  return envelope([&]() -> json {
    store().set_meta(key, value);
    return nullptr;
  });
}

// ---- sync engine

val ProfileHandle::poll() {
  val out = val::object();
  try {
    if (!engine_) throw Error(ErrorCode::InvalidArgument, {{"detail", "the profile is closed"}});
    auto requests = engine_->poll();
    val list = val::array();
    val u8 = val::global("Uint8Array");
    for (const auto& r : requests) {
      val req = val::object();
      req.set("id", static_cast<double>(r.id));
      req.set("method", r.method);
      req.set("path", r.path);
      val headers = val::array();
      for (const auto& [k, v] : r.headers) {
        val pair = val::array();
        pair.call<void>("push", k);
        pair.call<void>("push", v);
        headers.call<void>("push", pair);
      }
      req.set("headers", headers);
      req.set("contentType", r.content_type);
      req.set("body", u8.new_(emscripten::typed_memory_view(r.body.size(), reinterpret_cast<const std::uint8_t*>(r.body.data()))));
      list.call<void>("push", req);
    }
    out.set("requests", list);
  } catch (...) {
    out.set("error", error_envelope(std::current_exception()).dump());
  }
  return out;
}

std::string ProfileHandle::on_response(double id, int status, const std::string& headers_json, const std::string& body) {
  return envelope([&]() -> json {
    if (!engine_) throw Error(ErrorCode::InvalidArgument, {{"detail", "the profile is closed"}});
    sync::Response r;
    r.status = status;
    json headers = parse_argument(headers_json, "headers");
    if (headers.is_array())
      for (const auto& h : headers)
        if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string())
          r.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
    r.body = body;
    engine_->on_response(static_cast<std::uint64_t>(id), r);
    return nullptr;
  });
}

std::string ProfileHandle::on_failure(double id, const std::string& detail) {
  return envelope([&]() -> json {
    if (!engine_) throw Error(ErrorCode::InvalidArgument, {{"detail", "the profile is closed"}});
    engine_->on_failure(static_cast<std::uint64_t>(id), detail);
    return nullptr;
  });
}

double ProfileHandle::next_wakeup() {
  try {
    return engine_ ? static_cast<double>(std::min<std::int64_t>(engine_->next_wakeup(), std::int64_t{1} << 52)) : 0;
  } catch (...) {
    return static_cast<double>(clock_.now_ms() + 60'000);  // the store could not be read: look again in a minute
  }
}

void ProfileHandle::wake() {
  if (engine_) engine_->wake();
}

std::string ProfileHandle::sync_status() {
  return envelope([&]() -> json {
    if (!engine_) throw Error(ErrorCode::InvalidArgument, {{"detail", "the profile is closed"}});
    json out = engine_status_json(engine_->status());
    auto t = tokens_.load();
    out["account"] = t ? json{{"id", t->account_id}, {"kind", t->account_kind}, {"displayName", t->display_name}} : json(nullptr);
    out["loginPending"] = engine_->login_pending();
    return out;
  });
}

std::string ProfileHandle::begin_login(const std::string& account, const std::string& password) {
  return envelope([&]() -> json {
    if (!engine_) throw Error(ErrorCode::InvalidArgument, {{"detail", "the profile is closed"}});
    engine_->begin_login(account, password);
    return nullptr;
  });
}

std::string ProfileHandle::login_result() {
  return envelope([&]() -> json {
    if (!engine_) throw Error(ErrorCode::InvalidArgument, {{"detail", "the profile is closed"}});
    const auto& r = engine_->login_result();
    if (!r) return nullptr;
    return {{"ok", r->ok}, {"status", r->status}, {"error", r->error}};
  });
}

std::string ProfileHandle::logout() {
  return envelope([&]() -> json {
    if (!engine_) throw Error(ErrorCode::InvalidArgument, {{"detail", "the profile is closed"}});
    engine_->logout();
    return nullptr;
  });
}

std::string ProfileHandle::access_token() {
  return envelope([&]() -> json {
    auto t = tokens_.load();
    if (!t) return nullptr;
    return {{"token", t->access_token}, {"expiresAt", t->access_expires_at}};
  });
}

}  // namespace wb::wasm
