#pragma once
// Everything the desktop app shows and does, without any drawing: the profiles and the current one, the screen,
// the catalog and the chosen item's guide, the draft being filled, the drafts list, the outbox and a case's status
// history, and the background sync. The ImGui code (examples/desktop/ui) only draws this model and calls it;
// tests/desktop drives it directly.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/environment.hpp"
#include "core/session/form_model.hpp"
#include "core/store/profile_store.hpp"
#include "examples/desktop/model/catalog_view.hpp"
#include "examples/desktop/model/form_view.hpp"
#include "examples/desktop/model/glyph_set.hpp"
#include "examples/desktop/model/profiles.hpp"
#include "examples/desktop/model/queue_view.hpp"
#include "examples/desktop/model/sync_status.hpp"
#include "examples/desktop/model/sync_worker.hpp"

namespace wb::desktop {

enum class Screen { Catalog, Form, Drafts, Queue };

class AppModel {
 public:
  struct Options {
    std::filesystem::path data_dir;     // the station's data: DATA/profiles/...
    std::filesystem::path catalog_dir;  // form definitions shipped with the app
    Lang lang = Lang::ZhCN;
    std::string server;                 // proposed at sign-in when a profile remembers none
    bool background_sync = true;        // false: no sync thread (tests of the model alone)
    sync::EngineOptions engine;
  };
  AppModel(Options options, Environment env);
  ~AppModel();

  Lang lang() const { return options_.lang; }
  void set_lang(Lang lang);
  GlyphSet& glyphs() { return glyphs_; }
  size_t catalog_failures() const { return catalog_failures_; }

  // ---- profiles
  const std::vector<ProfileInfo>& profiles() const { return profiles_; }
  const ProfileInfo* profile() const { return profile_ ? &*profile_ : nullptr; }
  // Creates a profile and switches to it; returns why not ("" when done).
  std::string create_profile(const std::string& name, form::Audience kind);
  std::string select_profile(const std::string& id);

  // ---- screens
  Screen screen() const { return screen_; }
  void show(Screen s);

  // ---- catalog and guide
  CatalogView& catalog() { return catalog_; }
  const std::string& selected_item() const { return selected_item_; }
  void select_item(const std::string& id);
  const std::vector<GuideBlock>& guide() const { return guide_; }

  // ---- drafts and the form
  const std::vector<store::DraftRecord>& drafts() const { return drafts_; }
  std::string start_draft();  // of the selected item; opens the form
  std::string open_draft(const std::string& id);
  void delete_draft(std::string id);  // by value: the id may be the open form's, which this closes
  FormView* form() { return form_.get(); }
  void close_form();  // back to the catalog; the draft stays
  // Submits the open form: on success the form closes, the outbox shows, and the sync is told.
  SubmitOutcome submit();

  // ---- outbox and status history
  const std::vector<QueueRow>& queue() const { return queue_; }
  std::optional<std::int64_t> selected_outbox() const { return selected_outbox_; }
  void select_outbox(std::int64_t id);
  const std::vector<HistoryRow>& history() const { return history_; }
  void requeue(std::int64_t id);

  // ---- sync
  SyncSnapshot sync() const;
  StatusBar status() const { return status_bar(sync(), lang()); }
  std::string server_hint();  // the profile's server, else the default
  void login(const std::string& server, const std::string& account, const std::string& password);
  void logout();
  void sync_now();

  // ---- messages for the person (after submit, refused edits, ...)
  struct Notice {
    std::string text;
    bool error = false;
    std::vector<std::string> details;
  };
  const Notice& notice() const { return notice_; }
  void set_notice(std::string text, bool error, std::vector<std::string> details = {});
  void clear_notice() { notice_ = {}; }

  // Once per frame: picks up what the sync thread (or another program) changed in the store.
  void tick();

  store::ProfileStore* store() { return store_.get(); }

 private:
  session::ModelPtr model_for(const std::string& item, std::optional<int> version);
  void reload_catalog();
  void reload_drafts();
  void reload_queue();
  void reload_history();
  void feed_glyphs(const nlohmann::json& j);
  std::optional<logic::Date> today() const;

  Options options_;
  Environment env_;
  ProfileDirectory directory_;
  catalog::Catalog folder_catalog_;
  size_t catalog_failures_ = 0;
  GlyphSet glyphs_;

  std::vector<ProfileInfo> profiles_;
  std::optional<ProfileInfo> profile_;
  std::unique_ptr<store::ProfileStore> store_;
  std::unique_ptr<SyncWorker> worker_;
  std::map<std::string, session::ModelPtr> models_;  // "item@version"

  Screen screen_ = Screen::Catalog;
  CatalogView catalog_;
  std::string selected_item_;
  std::vector<GuideBlock> guide_;
  std::vector<store::DraftRecord> drafts_;
  std::unique_ptr<FormView> form_;
  std::uint64_t form_revision_fed_ = 0;
  std::vector<QueueRow> queue_;
  std::optional<std::int64_t> selected_outbox_;
  std::vector<HistoryRow> history_;
  Notice notice_;

  std::int64_t event_seq_ = 0;
  std::uint64_t sync_generation_ = 0;
  std::int64_t next_poll_at_ = 0;
};

}  // namespace wb::desktop
