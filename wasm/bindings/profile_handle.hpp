#pragma once
// The raw binding's profile: one person's store, tokens and sync engine in the browser, over the block VFS. Every
// method returns a JSON envelope, {"ok": value} or {"error": {...}} (error_json), so no C++ exception crosses into
// JavaScript; sdk/js turns errors into WangbanError. Durability is the host's: after each call that changed
// something, sdk/js takes a flush (begin_flush) and writes it to IndexedDB before resolving the call's promise.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <emscripten/val.h>
#include <nlohmann/json.hpp>

#include "core/catalog/catalog.hpp"
#include "core/session/form_model.hpp"
#include "core/store/profile_store.hpp"
#include "core/sync/engine.hpp"
#include "wasm/platform/block_vfs.hpp"
#include "wasm/platform/browser_env.hpp"
#include "wasm/platform/token_store.hpp"

namespace wb::wasm {

// Runs `f` and wraps its result (or the error it threw) in the envelope.
template <typename F>
std::string envelope(F&& f);

class ProfileHandle {
 public:
  // `file`: the database's name in the block VFS, already loaded by the host (BlockVfs::load_block/set_loaded_size).
  explicit ProfileHandle(std::string file);
  ~ProfileHandle();

  // {"tokens": "<stored tokens JSON or empty>", "engine": {catalogIntervalMs, statusIntervalMs, retryBaseMs,
  //  uploadChunkBytes, pullCatalog, pullStatus}}
  std::string open(const std::string& options_json);
  void close();

  // ---- persistence (the host's side)
  bool dirty() const;
  emscripten::val begin_flush();  // null when nothing changed, else the blocks (or {error})
  std::string end_flush(bool ok);  // ok=false: back to the durable state (the connection is reopened)
  int generation() const { return generation_; }

  // ---- catalog (offline, from the profile's cache of definitions)
  std::string catalog(const std::string& filter_json);
  std::string guide(const std::string& item_id);
  std::string form(const std::string& item_id, int version);  // version 0: the newest cached
  std::string cache_form(const std::string& definition_json);

  // ---- drafts, outbox, status
  std::string drafts();
  std::string create_draft(const std::string& item_id, const std::string& data_json);
  std::string delete_draft(const std::string& id);
  std::string submit(const std::string& draft_id);
  std::string outbox(bool with_payload);
  std::string outbox_item(double id);
  std::string status_history(double outbox_id);
  std::string requeue(double id);
  std::string migrate_outbox_item(double id);  // an item whose form version was retired → a draft on the newest
  std::string take_events();                   // store events since the last call
  std::string events_since(double seq, int limit);
  std::string meta(const std::string& key);
  std::string set_meta(const std::string& key, const std::string& value);

  // ---- sync engine
  emscripten::val poll();
  std::string on_response(double id, int status, const std::string& headers_json, const std::string& body);
  std::string on_failure(double id, const std::string& detail);
  double next_wakeup();
  void wake();
  std::string sync_status();
  std::string begin_login(const std::string& account, const std::string& password);
  std::string login_result();
  std::string logout();
  std::string access_token();  // {"token", "expiresAt"} or null: for the plain authenticated calls

  // ---- used by DraftHandle
  store::ProfileStore& store();
  session::ModelPtr model_for(const std::string& item_id, std::optional<int> version);
  const Clock& clock() const { return clock_; }

 private:
  void open_store();
  void close_store();
  emscripten::val take_flush();
  form::FormPtr form_for(const std::string& item_id, std::optional<int> version);
  catalog::Catalog& catalog_index();

  std::string file_;
  BrowserClock clock_;
  BrowserRandom random_;
  TokenStore tokens_;
  sync::EngineOptions engine_options_;
  std::unique_ptr<store::ProfileStore> store_;
  std::unique_ptr<sync::Engine> engine_;
  int listener_ = 0;
  int generation_ = 0;
  bool flushing_ = false;
  std::vector<store::Event> events_;
  std::map<std::pair<std::string, int>, form::FormPtr> forms_;
  std::map<std::pair<std::string, int>, session::ModelPtr> models_;
  std::optional<catalog::Catalog> catalog_;
};

// ---- implementation of the envelope

nlohmann::json error_envelope(const std::exception_ptr& e);

template <typename F>
std::string envelope(F&& f) {
  try {
    nlohmann::json value = f();
    return nlohmann::json{{"ok", std::move(value)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (...) {
    return error_envelope(std::current_exception()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

}  // namespace wb::wasm
