#include "examples/desktop/model/app_model.hpp"

#include <algorithm>

#include "core/form/form_loader.hpp"
#include "examples/desktop/model/strings.hpp"
#include "native/platform/catalog_dir.hpp"
#include "native/platform/system_env.hpp"

namespace wb::desktop {

AppModel::AppModel(Options options, Environment env)
    : options_(std::move(options)), env_(env), directory_(options_.data_dir) {
  auto loaded = native::load_catalog_dir(options_.catalog_dir);
  folder_catalog_ = std::move(loaded.catalog);
  catalog_failures_ = loaded.failures.size();
  for (const char* t : all_texts()) glyphs_.add_text(t);
  for (ErrorCode c : all_error_codes()) {
    glyphs_.add_text(error_template(c, Lang::ZhCN));
    glyphs_.add_text(error_template(c, Lang::En));
  }
  for (const auto& f : folder_catalog_.items()) feed_glyphs(f->source);
  catalog_.set_sources(folder_catalog_, {});
  profiles_ = directory_.list(env_);
  for (const auto& p : profiles_) glyphs_.add_text(p.name);
}

AppModel::~AppModel() {
  worker_.reset();  // joins the sync thread before the store it shares a file with goes
}

void AppModel::feed_glyphs(const nlohmann::json& j) {
  if (j.is_string()) glyphs_.add_text(j.get_ref<const std::string&>());
  else if (j.is_object() || j.is_array())
    for (const auto& v : j) feed_glyphs(v);
}

std::optional<logic::Date> AppModel::today() const { return native::local_today(*env_.clock); }

void AppModel::set_lang(Lang lang) {
  options_.lang = lang;
  if (!selected_item_.empty()) select_item(selected_item_);
  if (form_ && store_) {
    std::string id = form_->draft_id();
    auto model = form_->draft().model_ptr();
    form_ = std::make_unique<FormView>(*store_, id, model, today(), lang);
  }
  if (store_) {
    reload_queue();
    reload_history();
  }
}

// ---- profiles ------------------------------------------------------------------------------------------------------

std::string AppModel::create_profile(const std::string& name, form::Audience kind) {
  if (name.find_first_not_of(" \t") == std::string::npos) return text(T::ProfileNameNeeded, lang());
  try {
    auto info = directory_.create(name, kind, env_);
    profiles_ = directory_.list(env_);
    glyphs_.add_text(name);
    return select_profile(info.id);
  } catch (const Error& e) {
    return e.diagnostic().message(lang());
  } catch (const std::filesystem::filesystem_error& e) {
    return Diagnostic{ErrorCode::Unreadable, "", {{"what", options_.data_dir.string()}, {"detail", e.code().message()}}}.message(lang());
  }
}

std::string AppModel::select_profile(const std::string& id) {
  auto it = std::find_if(profiles_.begin(), profiles_.end(), [&](const auto& p) { return p.id == id; });
  if (it == profiles_.end()) return Diagnostic{ErrorCode::NotFound, "", {{"what", id}}}.message(lang());
  if (!it->problem.empty()) return it->problem;
  if (profile_ && profile_->id == id) return "";
  worker_.reset();
  form_.reset();
  store_.reset();
  models_.clear();
  selected_outbox_.reset();
  history_.clear();
  notice_ = {};
  try {
    store_ = store::ProfileStore::open(it->database().string(), env_, {.create = false, .vfs = ""});
  } catch (const Error& e) {
    profile_.reset();
    return e.diagnostic().message(lang());
  }
  profile_ = *it;
  // Drain the event log: everything before now is already reflected by the reloads below.
  event_seq_ = 0;
  for (auto batch = store_->events_since(0); !batch.empty(); batch = store_->events_since(event_seq_))
    event_seq_ = batch.back().seq;
  if (options_.background_sync) {
    worker_ = std::make_unique<SyncWorker>(
        SyncWorker::Options{it->database(), it->credentials(), options_.server, lang(), options_.engine});
  }
  sync_generation_ = 0;
  catalog_.filter = {};
  catalog_.filter.audience = it->kind == form::Audience::Enterprise ? 2 : 1;
  selected_item_.clear();
  guide_.clear();
  reload_catalog();
  reload_drafts();
  reload_queue();
  screen_ = Screen::Catalog;
  return "";
}

void AppModel::show(Screen s) {
  if (s == Screen::Form && !form_) return;
  screen_ = s;
}

// ---- catalog -------------------------------------------------------------------------------------------------------

void AppModel::reload_catalog() {
  auto cached = store_ ? store_->cached_catalog() : std::vector<nlohmann::json>{};
  for (const auto& doc : cached) feed_glyphs(doc);
  catalog_.set_sources(folder_catalog_, cached);
  if (!selected_item_.empty()) select_item(selected_item_);
}

void AppModel::select_item(const std::string& id) {
  auto f = catalog_.find(id);
  if (!f) {
    selected_item_.clear();
    guide_.clear();
    return;
  }
  selected_item_ = id;
  guide_ = guide_blocks(*f, lang());
}

// ---- drafts and the form -------------------------------------------------------------------------------------------

session::ModelPtr AppModel::model_for(const std::string& item, std::optional<int> version) {
  std::string key = item + "@" + (version ? std::to_string(*version) : "latest");
  if (auto it = models_.find(key); it != models_.end()) return it->second;
  std::optional<nlohmann::json> doc = store_->cached_form(item, version);
  if (!doc) {
    auto f = folder_catalog_.find(item);
    if (!f || (version && f->version != *version))
      throw Error(ErrorCode::StoreNoForm, {{"item", item}, {"version", version ? std::to_string(*version) : "?"}});
    store_->cache_form(f->source);  // the draft can be reopened offline even if the folder changes
    doc = f->source;
  }
  auto loaded = form::load_form(*doc);
  if (!loaded.ok()) throw Error(loaded.diagnostics.front());
  std::vector<Diagnostic> errors;
  auto model = session::FormModel::build(loaded.form, &errors);
  if (!model) throw Error(errors.front());
  models_[key] = model;
  return model;
}

std::string AppModel::start_draft() {
  if (!store_) return text(T::ChooseProfile, lang());
  auto f = catalog_.find(selected_item_);
  if (!f) return text(T::PickItem, lang());
  try {
    auto model = model_for(f->id, f->version);
    session::Draft draft(model, nlohmann::json::object(), {today()});
    std::string id = store_->create_draft(model->form(), draft.data());
    auto view = draft.view();
    store_->save_draft(id, draft.data(), view.completeness(), static_cast<int>(view.error_count));
    form_ = std::make_unique<FormView>(*store_, id, model, today(), lang());
  } catch (const Error& e) {
    return e.diagnostic().message(lang());
  }
  notice_ = {};
  screen_ = Screen::Form;
  reload_drafts();
  return "";
}

std::string AppModel::open_draft(const std::string& id) {
  if (!store_) return text(T::ChooseProfile, lang());
  try {
    auto record = store_->draft(id);
    if (!record) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", id}});
    auto model = model_for(record->item_id, record->form_version);
    form_ = std::make_unique<FormView>(*store_, id, model, today(), lang());
  } catch (const Error& e) {
    return e.diagnostic().message(lang());
  }
  notice_ = {};
  screen_ = Screen::Form;
  return "";
}

void AppModel::delete_draft(std::string id) {
  if (!store_) return;
  if (form_ && form_->draft_id() == id) close_form();
  store_->delete_draft(id);
  reload_drafts();
}

void AppModel::close_form() {
  form_.reset();
  if (screen_ == Screen::Form) screen_ = Screen::Catalog;
}

SubmitOutcome AppModel::submit() {
  if (!form_) return {};
  SubmitOutcome out = form_->submit();
  if (!out.outbox_id) {
    set_notice(text(T::NotSubmitted, lang(), {{"n", std::to_string(out.errors.size())}}), true, out.errors);
    return out;
  }
  form_.reset();
  screen_ = Screen::Queue;
  set_notice(text(T::Submitted, lang(), {{"id", std::to_string(*out.outbox_id)}}), false);
  reload_drafts();
  reload_queue();
  select_outbox(*out.outbox_id);
  if (worker_) worker_->queued();
  return out;
}

void AppModel::reload_drafts() {
  drafts_ = store_ ? store_->drafts() : std::vector<store::DraftRecord>{};
}

// ---- outbox --------------------------------------------------------------------------------------------------------

void AppModel::reload_queue() {
  if (!store_) return;
  queue_ = queue_rows(store_->outbox(), env_.clock->now_ms(), lang());
  for (const auto& r : queue_) {
    glyphs_.add_text(r.title);
    glyphs_.add_text(r.last_error);
  }
}

void AppModel::select_outbox(std::int64_t id) {
  selected_outbox_ = id;
  reload_history();
}

void AppModel::reload_history() {
  history_.clear();
  if (!store_ || !selected_outbox_) return;
  auto item = store_->outbox_item(*selected_outbox_);
  if (!item) return;
  std::vector<std::pair<std::string, std::string>> departments;
  if (auto f = catalog_.find(item->item_id))
    for (const auto& d : f->departments) departments.emplace_back(d.id, d.name.get(lang()));
  history_ = history_rows(store_->status_history(*selected_outbox_), departments, lang());
  for (const auto& h : history_) {
    glyphs_.add_text(h.note);
    glyphs_.add_text(h.department);
    glyphs_.add_text(h.status);
  }
}

void AppModel::requeue(std::int64_t id) {
  if (!store_) return;
  store_->requeue(id);
  reload_queue();
  if (worker_) worker_->sync_now();
}

// ---- sync ----------------------------------------------------------------------------------------------------------

SyncSnapshot AppModel::sync() const {
  if (!worker_) return {};
  return worker_->snapshot();
}

std::string AppModel::server_hint() {
  if (store_)
    if (auto s = store_->meta(SyncWorker::kServerKey); s && !s->empty()) return *s;
  return options_.server;
}

void AppModel::login(const std::string& server, const std::string& account, const std::string& password) {
  if (worker_) worker_->login(server, account, password);
}

void AppModel::logout() {
  if (worker_) worker_->logout();
}

void AppModel::sync_now() {
  if (worker_) worker_->sync_now();
}

void AppModel::set_notice(std::string text, bool error, std::vector<std::string> details) {
  glyphs_.add_text(text);
  for (const auto& d : details) glyphs_.add_text(d);
  notice_ = {std::move(text), error, std::move(details)};
}

void AppModel::tick() {
  if (form_ && form_->revision() != form_revision_fed_) {
    for (const auto& t : form_->texts()) glyphs_.add_text(t);
    form_revision_fed_ = form_->revision();
  }
  if (!store_) return;
  std::int64_t now = env_.clock->now_ms();
  auto snapshot = sync();
  if (snapshot.generation == sync_generation_ && now < next_poll_at_) return;
  sync_generation_ = snapshot.generation;
  next_poll_at_ = now + 500;
  glyphs_.add_text(snapshot.display_name);
  glyphs_.add_text(snapshot.last_error);
  if (snapshot.login_error) glyphs_.add_text(*snapshot.login_error);
  bool forms = false, drafts = false, outbox = false, status = false, open_draft_moved = false;
  for (auto batch = store_->events_since(event_seq_); !batch.empty(); batch = store_->events_since(event_seq_)) {
    for (const auto& e : batch) {
      event_seq_ = e.seq;
      open_draft_moved = open_draft_moved || (e.kind == "draft.migrated" && form_ && e.subject == form_->draft_id());
      forms = forms || e.kind == "form.cached";
      drafts = drafts || e.kind.rfind("draft.", 0) == 0;
      outbox = outbox || e.kind.rfind("outbox.", 0) == 0;
      status = status || e.kind.rfind("status.", 0) == 0;
    }
  }
  if (forms) reload_catalog();
  if (drafts) reload_drafts();
  // The "next attempt" column counts down, so pending items are refreshed on every poll.
  bool pending = std::any_of(queue_.begin(), queue_.end(), [](const QueueRow& r) {
    return r.state == store::OutboxState::Queued || r.state == store::OutboxState::Sending;
  });
  if (outbox || status || pending) reload_queue();
  if (status || outbox) reload_history();
  if (form_ && drafts && !store_->draft(form_->draft_id())) close_form();  // deleted elsewhere
  if (form_ && open_draft_moved) {
    // The sync moved the open draft to a newer version of its form: show that version, never save over it.
    std::string id = form_->draft_id();
    form_.reset();
    std::string why = open_draft(id);
    if (!why.empty()) set_notice(why, true);
    else if (auto record = store_->draft(id))
      set_notice(text(T::DraftMoved, lang(), {{"version", std::to_string(record->form_version)}}), false);
  }
}

}  // namespace wb::desktop
