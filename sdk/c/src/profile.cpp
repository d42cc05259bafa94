// wb_profile: one person's profile (store, credentials, sync engine), and its event subscriptions.

#include <cstring>
#include <filesystem>

#include "core/form/form_loader.hpp"
#include "native/platform/file_credentials.hpp"
#include "sdk/c/src/internal.hpp"

struct wb_credentials_out {
  std::optional<std::string> json;
};

namespace wb::sdk {
namespace {

namespace fs = std::filesystem;
constexpr const char* kServerKey = "sync.server";  // the same key the CLI remembers its server under


class CallbackCredentials : public sync::CredentialStore {
 public:
  explicit CallbackCredentials(const wb_credential_store& t) { owned_.table = t, owned_.given = true; }

  std::optional<sync::Tokens> load() override {
    wb_credentials_out out;
    if (!owned_.table.load(owned_.table.userdata, &out)) fail("load");
    if (!out.json) return std::nullopt;
    return sync::tokens_from_json(*out.json);  // unreadable: as if signed out (the person signs in again)
  }
  void save(const sync::Tokens& tokens) override {
    std::string text = sync::tokens_to_json(tokens);
    if (!owned_.table.save(owned_.table.userdata, text.c_str())) fail("save");
  }
  void clear() override {
    if (!owned_.table.clear(owned_.table.userdata)) fail("clear");
  }

 private:
  [[noreturn]] static void fail(const char* what) {
    throw Error(ErrorCode::SdkCallbackFailed, {{"what", "credential store"}, {"detail", std::string(what) + " returned false"}});
  }
  Owned<wb_credential_store> owned_;
};

std::string checked_url(const char* url) {
  std::string u = url ? url : "";
  if (u.rfind("http://", 0) != 0 && u.rfind("https://", 0) != 0)
    invalid_argument("the server URL must start with http:// or https://");
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u;
}

}  // namespace

ProfileCore::~ProfileCore() {
  stop_worker();
  engine.reset();
  credentials.reset();
  store.reset();
}

session::ModelPtr ProfileCore::model(const std::string& item_id, std::optional<int> version) {
  if (version) {
    auto it = models.find({item_id, *version});
    if (it != models.end()) return it->second;
  }
  auto definition = store->cached_form(item_id, version);
  if (!definition)
    throw Error(ErrorCode::StoreNoForm, {{"item", item_id}, {"version", version ? std::to_string(*version) : "?"}});
  int v = definition->value("version", 0);
  if (auto it = models.find({item_id, v}); it != models.end()) return it->second;
  auto loaded = form::load_form(*definition);
  if (!loaded.ok()) throw Error(loaded.diagnostics.front());
  std::vector<Diagnostic> errors;
  auto built = session::FormModel::build(loaded.form, &errors);
  if (!built) throw Error(errors.empty() ? Diagnostic{ErrorCode::Internal, "", {{"detail", "form model"}}} : errors.front());
  models[{item_id, v}] = built;
  return built;
}

void ProfileCore::deliver_events() noexcept {
  {
    std::lock_guard<std::mutex> l(events_mu);
    if (delivering || pending_events.empty()) return;  // the thread delivering now takes these too, in order
    delivering = true;
  }
  for (;;) {
    std::deque<PendingEvent> batch;
    std::vector<std::shared_ptr<Subscription>> subs;
    {
      std::lock_guard<std::mutex> l(events_mu);
      if (pending_events.empty()) {
        delivering = false;
        return;
      }
      batch.swap(pending_events);
      for (const auto& [id, s] : subscriptions) subs.push_back(s);
    }
    for (const auto& e : batch) {
      wb_event ev;
      std::memset(&ev, 0, sizeof ev);
      ev.struct_size = sizeof ev;
      ev.seq = e.seq;
      ev.at = e.at;
      ev.kind = e.kind.c_str();
      ev.subject = e.subject.c_str();
      for (const auto& s : subs)
        if (s->active.load()) s->fn(s->userdata, &ev);
    }
  }
}

void ProfileCore::stop_worker() noexcept {
  {
    std::lock_guard<std::mutex> l(mu);
    stop_requested = true;
  }
  changed.notify_all();
  if (!worker.joinable()) return;
  if (worker.get_id() == std::this_thread::get_id()) {
    worker.detach();  // stopped from an event callback on the sync thread: it ends when the callback returns
    return;
  }
  worker.join();
}

}  // namespace wb::sdk

using namespace wb;
using namespace wb::sdk;

extern "C" {

void wb_credentials_out_set(wb_credentials_out* out, const char* tokens_json) {
  if (!out) return;
  try {
    if (tokens_json) out->json = tokens_json;
    else out->json.reset();
  } catch (...) {
  }
}

wb_profile* wb_profile_open(wb_env* env, const wb_profile_options* options, wb_error* error) {
  Owned<wb_credential_store> credentials_guard;  // owns the app's userdata until the profile does
  if (options && options->struct_size >= offsetof(wb_profile_options, credentials) + sizeof options->credentials &&
      options->credentials) {
    credentials_guard.table = *options->credentials;
    credentials_guard.given = true;
  }
  Lang lang = env ? env->core->language() : Lang::ZhCN;
  return guard<wb_profile*>(error, lang, nullptr, [&]() -> wb_profile* {
    if (!env) invalid_argument("env is NULL");
    if (!options) invalid_argument("options is NULL (data_dir is required)");
    check_struct(options->struct_size, offsetof(wb_profile_options, retry_base_ms) + sizeof options->retry_base_ms,
                 "wb_profile_options");
    if (!options->data_dir || !*options->data_dir) invalid_argument("data_dir is required");
    auto core = std::make_shared<ProfileCore>();
    core->env = env->core;
    core->data_dir = options->data_dir;
    if (options->connect_timeout_ms > 0) core->timeouts.connect_ms = options->connect_timeout_ms;
    if (options->read_timeout_ms > 0) core->timeouts.read_ms = options->read_timeout_ms;
    std::error_code ec;
    fs::create_directories(core->data_dir, ec);
    if (ec) throw Error(ErrorCode::Unreadable, {{"what", core->data_dir}, {"detail", ec.message()}});
    core->store = store::ProfileStore::open((fs::path(core->data_dir) / "profile.db").string(), env->core->environment());
    if (credentials_guard.given) {
      check_struct(credentials_guard.table.struct_size, sizeof(wb_credential_store), "wb_credential_store");
      if (!credentials_guard.table.load || !credentials_guard.table.save || !credentials_guard.table.clear)
        invalid_argument("wb_credential_store needs load, save and clear");
      credentials_guard.given = false;
      core->credentials = std::make_unique<CallbackCredentials>(credentials_guard.table);
    } else {
      core->credentials = std::make_unique<native::FileCredentialStore>(fs::path(core->data_dir) / "credentials.json");
    }
    if (options->server_url) {
      core->server_url = checked_url(options->server_url);
      core->store->set_meta(kServerKey, core->server_url);
    } else {
      core->server_url = core->store->meta(kServerKey).value_or("");
    }
    sync::EngineOptions engine_options;
    if (options->status_interval_ms > 0) engine_options.status_interval_ms = options->status_interval_ms;
    if (options->catalog_interval_ms > 0) engine_options.catalog_interval_ms = options->catalog_interval_ms;
    if (options->retry_base_ms > 0) engine_options.retry_base_ms = options->retry_base_ms;
    core->engine = std::make_unique<sync::Engine>(*core->store, *core->credentials, env->core->environment(), engine_options);
    core->last_status.emplace();
    core->last_status->struct_size = sizeof(wb_sync_status);
    fill_status(*core, *core->last_status);  // sync.status events report changes from here on
    // Store events are queued while the profile's lock is held and delivered after it is released (Op).
    ProfileCore* p = core.get();
    core->store->subscribe([p](const store::Event& e) {
      {
        std::lock_guard<std::mutex> l(p->events_mu);
        p->pending_events.push_back(PendingEvent{e.seq, e.at, e.kind, e.subject});
      }
      if (e.kind == "outbox.queued") {
        p->wake_requested = true;  // the store's listener runs with p->mu held
        p->changed.notify_all();
      }
    });
    return new wb_profile{std::move(core)};
  });
}

void wb_profile_close(wb_profile* profile) {
  if (!profile) return;
  auto& core = *profile->core;
  core.stop_worker();
  std::map<int, std::shared_ptr<Subscription>> subs;
  {
    std::lock_guard<std::mutex> l(core.events_mu);
    subs.swap(core.subscriptions);
  }
  for (auto& [id, s] : subs) s->active = false;
  subs.clear();  // userdata_free runs here, or when a delivery in progress lets go of it
  delete profile;
}

bool wb_profile_set_server(wb_profile* profile, const char* server_url, wb_error* error) {
  if (!profile) return guard(error, Lang::ZhCN, false, []() -> bool { invalid_argument("profile is NULL"); });
  auto keep = profile->core;
  auto& p = *keep;
  return guard(error, p.lang(), false, [&] {
    std::string url = checked_url(server_url);
    Op op(p);
    p.store->set_meta(kServerKey, url);
    p.server_url = url;
    return true;
  });
}

int wb_events_subscribe(wb_profile* profile, wb_event_fn fn, void* userdata, wb_free_fn userdata_free, wb_error* error) {
  auto sub = std::make_shared<Subscription>();  // owns userdata from here on, also when this call fails
  sub->fn = fn;
  sub->userdata = userdata;
  sub->userdata_free = userdata_free;
  Lang lang = profile ? profile->core->lang() : Lang::ZhCN;
  return guard(error, lang, 0, [&] {
    if (!profile || !fn) invalid_argument("profile and fn are required");
    auto keep = profile->core;
    auto& p = *keep;
    std::lock_guard<std::mutex> l(p.events_mu);
    int id = p.next_subscription++;
    p.subscriptions[id] = std::move(sub);
    return id;
  });
}

void wb_events_unsubscribe(wb_profile* profile, int subscription) {
  if (!profile) return;
  std::shared_ptr<Subscription> sub;
  {
    std::lock_guard<std::mutex> l(profile->core->events_mu);
    auto it = profile->core->subscriptions.find(subscription);
    if (it == profile->core->subscriptions.end()) return;
    sub = std::move(it->second);
    profile->core->subscriptions.erase(it);
  }
  sub->active = false;
}

char* wb_events_since(wb_profile* profile, int64_t seq, int limit, wb_error* error) {
  if (!profile) return guard<char*>(error, Lang::ZhCN, nullptr, []() -> char* { invalid_argument("profile is NULL"); });
  auto keep = profile->core;
  auto& p = *keep;
  return guard<char*>(error, p.lang(), nullptr, [&] {
    Op op(p);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : p.store->events_since(seq, limit > 0 ? limit : 1000))
      out.push_back({{"seq", e.seq}, {"at", e.at}, {"kind", e.kind}, {"subject", e.subject}});
    return dup_string(out.dump());
  });
}

}  // extern "C"
