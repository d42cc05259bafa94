#pragma once
// Background sync for one profile: a thread that owns its own connection to the profile's database, the sync
// engine (core/sync) and an HTTP transport, and drives them — at once when told (sign in, sync now, an item was
// queued), otherwise when the engine's next wake-up comes (retries with backoff, status pulls). The UI thread never
// waits for the network: it reads a snapshot, and reloads its own view of the store when the snapshot's generation
// moves.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/common/errors.hpp"
#include "core/sync/engine.hpp"

namespace wb::desktop {

struct SyncSnapshot {
  enum class Phase { NoServer, Idle, SigningIn, Syncing, Offline, NeedsSignIn, Failed };
  Phase phase = Phase::NoServer;
  std::string server;
  bool signed_in = false;
  std::string display_name;
  int queued = 0, accepted = 0, needs_attention = 0;
  int batch_total = 0, batch_done = 0;  // the current run: items to send when it began, items accepted since
  std::string last_error;
  // The last sign-in: unset while none finished; "" when it succeeded, else why not (in the person's language).
  std::optional<std::string> login_error;
  std::uint64_t generation = 0;  // moves whenever the store may have changed
};

class SyncWorker {
 public:
  struct Options {
    std::filesystem::path database;      // the profile's profile.db
    std::filesystem::path credentials;   // the profile's credentials.json
    std::string server;                  // used when the profile remembers none
    Lang lang = Lang::ZhCN;
    sync::EngineOptions engine;
  };
  explicit SyncWorker(Options options);
  ~SyncWorker();  // stops after the request in flight and joins
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void login(const std::string& server, const std::string& account, const std::string& password);
  void logout();
  void sync_now();
  void queued();  // an item was just queued: send it as soon as possible
  SyncSnapshot snapshot() const;

  // The profile metadata key holding the server URL (the same as the `wangban` CLI's).
  static constexpr const char* kServerKey = "sync.server";

 private:
  struct Command {
    enum class Kind { Login, Logout, SyncNow } kind;
    std::string server, account, password;
  };
  void run();
  void post(Command c);
  void update(const std::function<void(SyncSnapshot&)>& change);

  Options options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Command> commands_;
  bool poke_ = false;
  std::atomic<bool> stop_{false};
  SyncSnapshot snapshot_;
  std::thread thread_;
};

}  // namespace wb::desktop
