#include "examples/desktop/model/sync_worker.hpp"

#include <algorithm>
#include <chrono>

#include "core/store/profile_store.hpp"
#include "examples/desktop/model/strings.hpp"
#include "native/platform/file_credentials.hpp"
#include "native/platform/system_env.hpp"
#include "native/sync/http_transport.hpp"

namespace wb::desktop {
namespace {

using Phase = SyncSnapshot::Phase;

std::string server_message(const nlohmann::json& error, Lang lang) {
  if (error.is_object() && error.contains("error") && error["error"].is_object()) {
    const auto& e = error["error"];
    if (e.contains("messages") && e["messages"].is_object()) {
      std::string m = e["messages"].value(std::string(lang_tag(lang)), "");
      if (!m.empty()) return m;
    }
    return e.value("message", e.value("code", ""));
  }
  return "";
}

}  // namespace

SyncWorker::SyncWorker(Options options) : options_(std::move(options)) {
  snapshot_.server = options_.server;
  thread_ = std::thread([this] { run(); });
}

SyncWorker::~SyncWorker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SyncWorker::post(Command c) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    commands_.push_back(std::move(c));
  }
  wake_.notify_all();
}

void SyncWorker::login(const std::string& server, const std::string& account, const std::string& password) {
  update([](SyncSnapshot& s) {
    s.login_error.reset();
    s.phase = Phase::SigningIn;
  });
  post({Command::Kind::Login, server, account, password});
}

void SyncWorker::logout() { post({Command::Kind::Logout, "", "", ""}); }
void SyncWorker::sync_now() { post({Command::Kind::SyncNow, "", "", ""}); }

void SyncWorker::queued() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    poke_ = true;
  }
  wake_.notify_all();
}

SyncSnapshot SyncWorker::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshot_;
}

void SyncWorker::update(const std::function<void(SyncSnapshot&)>& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  change(snapshot_);
  ++snapshot_.generation;
}

void SyncWorker::run() {
  native::SystemClock clock;
  native::SystemRandom random;
  Environment env{&clock, &random};
  std::unique_ptr<store::ProfileStore> store;
  try {
    store = store::ProfileStore::open(options_.database.string(), env, {.create = false, .vfs = ""});
  } catch (const Error& e) {
    update([&](SyncSnapshot& s) {
      s.phase = Phase::Failed;
      s.last_error = e.diagnostic().message(options_.lang);
    });
    return;
  }
  native::FileCredentialStore credentials(options_.credentials);
  sync::Engine engine(*store, credentials, env, options_.engine);
  std::string server = store->meta(kServerKey).value_or("");
  if (server.empty()) server = options_.server;
  std::unique_ptr<native::HttpTransport> transport;
  auto connect = [&] {
    transport.reset();
    if (server.empty()) return;
    try {
      transport = std::make_unique<native::HttpTransport>(server, native::HttpTransport::Timeouts{3000, 15000});
    } catch (const Error& e) {
      update([&](SyncSnapshot& s) { s.last_error = e.diagnostic().message(options_.lang); });
    }
  };
  connect();
  bool awaiting_login = false;

  // Publishes what the engine knows now.
  auto publish = [&](std::optional<Phase> phase) {
    auto st = engine.status();
    auto tokens = credentials.load();
    update([&](SyncSnapshot& s) {
      s.server = server;
      s.signed_in = st.signed_in;
      s.display_name = tokens ? tokens->display_name : "";
      s.queued = st.queued;
      s.accepted = st.accepted;
      s.needs_attention = st.needs_attention;
      s.last_error = st.last_error;
      if (phase) s.phase = *phase;
      else if (!transport) s.phase = Phase::NoServer;
      else if (awaiting_login) s.phase = Phase::SigningIn;
      else if (st.offline) s.phase = Phase::Offline;
      else if (st.needs_sign_in && (st.queued > 0 || !st.signed_in)) s.phase = Phase::NeedsSignIn;
      else s.phase = Phase::Idle;
    });
  };
  publish(std::nullopt);

  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    auto commands = std::move(commands_);
    commands_.clear();
    poke_ = false;
    lock.unlock();
    bool failed = false;
    try {
      for (auto& c : commands) {
        if (c.kind == Command::Kind::Login) {
          if (!c.server.empty() && c.server != server) {
            server = c.server;
            store->set_meta(kServerKey, server);
            connect();
          }
          if (!transport) {
            update([&](SyncSnapshot& s) { s.login_error = text(T::SyncNoServer, options_.lang); });
            continue;
          }
          engine.begin_login(c.account, c.password);
          awaiting_login = true;
        } else if (c.kind == Command::Kind::Logout) {
          engine.logout();
        } else {
          engine.wake();
        }
      }
      if (transport) {
        // One run: send whatever the engine has to send now, reporting progress after every answer.
        auto start = engine.status();
        int total = start.queued;
        bool announced = false;
        while (!stop_) {
          auto requests = engine.poll();
          if (requests.empty()) break;
          if (!announced) {
            update([&](SyncSnapshot& s) {
              s.phase = awaiting_login ? Phase::SigningIn : Phase::Syncing;
              s.batch_total = total;
              s.batch_done = 0;
            });
            announced = true;
          }
          for (const auto& req : requests) {
            auto result = transport->send(req);
            if (auto* response = std::get_if<sync::Response>(&result)) engine.on_response(req.id, *response);
            else engine.on_failure(req.id, std::get<native::TransportFailure>(result).detail);
          }
          if (awaiting_login && engine.login_result()) {
            const auto& r = *engine.login_result();
            std::string why = r.ok ? "" : r.status == 0 ? std::string(text(T::LoginUnreachable, options_.lang))
                                                        : server_message(r.error, options_.lang);
            if (!r.ok && why.empty()) why = "HTTP " + std::to_string(r.status);
            awaiting_login = false;
            auto tokens = r.ok ? credentials.load() : std::nullopt;
            update([&](SyncSnapshot& s) {
              s.login_error = why;
              if (tokens) s.display_name = tokens->display_name;
            });
          }
          auto now = engine.status();
          total = std::max(total, now.queued + now.accepted - start.accepted);
          update([&](SyncSnapshot& s) {
            s.phase = awaiting_login ? Phase::SigningIn : Phase::Syncing;
            s.batch_total = total;
            s.batch_done = now.accepted - start.accepted;
            s.signed_in = now.signed_in;
            s.queued = now.queued;
            s.accepted = now.accepted;
            s.needs_attention = now.needs_attention;
          });
        }
      }
      publish(std::nullopt);
    } catch (const Error& e) {
      failed = true;  // e.g. the database is busy or the disk full: shown, and tried again a little later
      update([&](SyncSnapshot& s) { s.last_error = e.diagnostic().message(options_.lang); });
    }
    lock.lock();
    if (stop_) break;
    auto now = std::chrono::system_clock::now();
    auto deadline = now + std::chrono::seconds(failed ? 5 : 30);
    if (transport && !failed) {
      std::int64_t wake_ms = engine.next_wakeup() - clock.now_ms();
      deadline = std::min(deadline, now + std::chrono::milliseconds(std::max<std::int64_t>(wake_ms, 50)));
    }
    wake_.wait_until(lock, deadline, [&] { return stop_ || poke_ || !commands_.empty(); });
  }
}

}  // namespace wb::desktop
