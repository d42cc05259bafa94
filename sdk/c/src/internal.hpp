#pragma once
// What the C API's handles are made of, and the one pattern every exported function follows: a noexcept shim that
// runs the core call and turns any exception into a wb_error (no exception ever crosses the C boundary).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/environment.hpp"
#include "core/common/errors.hpp"
#include "core/session/form_model.hpp"
#include "core/store/profile_store.hpp"
#include "core/sync/credentials.hpp"
#include "core/sync/engine.hpp"
#include "sdk/c/include/wangban.h"

namespace wb::sdk {

// ---- errors -------------------------------------------------------------------------------------------------------

// An error answer of the server (or no answer), carried to the C boundary.
struct RemoteError {
  int http_status = 0;   // 0: no answer
  nlohmann::json body;   // the server's error body, or {"error": {"code": "network", "message": ...}}
};

void clear_error(wb_error* error) noexcept;
void set_error(wb_error* error, const Error& e, Lang lang) noexcept;
void set_error(wb_error* error, const RemoteError& e, Lang lang) noexcept;
void set_error_text(wb_error* error, ErrorCode code, const std::string& message) noexcept;
// Copies a string into a fixed buffer, cut at a UTF-8 character boundary, always terminated.
void copy_text(char* out, size_t capacity, const std::string& text) noexcept;
// A string for the caller (freed with wb_string_free); throws std::bad_alloc.
char* dup_string(const std::string& s);

// Runs `body`; on an exception fills `error` and returns `failed`.
template <typename R, typename F>
R guard(wb_error* error, Lang lang, R failed, F&& body) noexcept {
  clear_error(error);
  try {
    return body();
  } catch (const Error& e) {
    set_error(error, e, lang);
  } catch (const RemoteError& e) {
    set_error(error, e, lang);
  } catch (const std::bad_alloc&) {
    set_error_text(error, ErrorCode::Internal, lang == Lang::En ? "out of memory" : "内存不足");
  } catch (const std::exception& e) {
    set_error(error, Error(ErrorCode::Internal, {{"detail", e.what()}}), lang);
  } catch (...) {
    set_error(error, Error(ErrorCode::Internal, {{"detail", "unknown exception"}}), lang);
  }
  return failed;
}

[[noreturn]] void invalid_argument(const std::string& detail);
// Checks an options struct's struct_size: at least the first version's size (fields appended later are read only
// when the caller's struct has them).
void check_struct(std::uint32_t struct_size, size_t first_version_size, const char* what);
#define WB_HAS_FIELD(ptr, type, field) ((ptr)->struct_size >= offsetof(type, field) + sizeof((ptr)->field))

// ---- transport ----------------------------------------------------------------------------------------------------

struct Timeouts {
  int connect_ms = 5000;
  int read_ms = 30000;
};

using SendResult = std::variant<sync::Response, std::string>;  // the answer, or why none came

// Sends requests to one server. Each instance is used by one thread at a time.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual SendResult send(const sync::Request& request) = 0;
};

// ---- environment --------------------------------------------------------------------------------------------------

// A platform service given by the app: its table and the userdata it owns.
template <typename Table>
struct Owned {
  Table table{};
  bool given = false;
  ~Owned() {
    if (given && table.userdata_free) table.userdata_free(table.userdata);
  }
};

struct EnvCore {
  std::atomic<int> lang{static_cast<int>(Lang::ZhCN)};
  std::unique_ptr<Clock> clock;
  std::unique_ptr<RandomSource> random;
  std::shared_ptr<Owned<wb_http_transport>> http;  // null: the built-in transport
  Lang language() const { return static_cast<Lang>(lang.load()); }
  Environment environment() const { return Environment{clock.get(), random.get()}; }
  std::unique_ptr<Transport> make_transport(const std::string& base_url, Timeouts timeouts) const;
};

// ---- profiles -----------------------------------------------------------------------------------------------------

struct Subscription {
  wb_event_fn fn = nullptr;
  void* userdata = nullptr;
  wb_free_fn userdata_free = nullptr;
  std::atomic<bool> active{true};
  ~Subscription() {
    if (userdata_free) userdata_free(userdata);
  }
};

struct PendingEvent {
  std::int64_t seq = 0, at = 0;
  std::string kind, subject;
};

struct ProfileCore {
  std::shared_ptr<EnvCore> env;
  std::string data_dir;
  Timeouts timeouts;

  // Guards everything below that touches the store or the engine. Never held while a request is on the network
  // or while an app callback runs.
  std::mutex mu;
  std::condition_variable changed;  // an answer was reported, a submission queued, a stop or wake requested
  std::unique_ptr<store::ProfileStore> store;
  std::unique_ptr<sync::CredentialStore> credentials;
  std::unique_ptr<sync::Engine> engine;
  std::string server_url;
  std::map<std::pair<std::string, int>, session::ModelPtr> models;  // built once per form version
  std::optional<wb_sync_status> last_status;                        // for sync.status events

  // The transport of threads calling wb_* functions (one at a time), made when first needed. Recursive: an event
  // callback run by a foreground sync round may itself call the server.
  std::recursive_mutex foreground_mu;
  std::unique_ptr<Transport> foreground;
  std::string foreground_url;

  // Events: queued while `mu` is held, delivered after it is released, by one thread at a time, in order.
  std::mutex events_mu;
  std::deque<PendingEvent> pending_events;
  std::map<int, std::shared_ptr<Subscription>> subscriptions;
  int next_subscription = 1;
  bool delivering = false;

  // Background sync.
  std::thread worker;
  bool stop_requested = false;  // guarded by mu
  bool wake_requested = false;  // guarded by mu
  std::int64_t max_sleep_ms = 30000;

  ~ProfileCore();
  Lang lang() const { return env->language(); }
  // The model of a form version: cached, else built from the profile's form cache (store.no_form when absent).
  session::ModelPtr model(const std::string& item_id, std::optional<int> version);  // mu held
  void deliver_events() noexcept;  // mu NOT held
  void stop_worker() noexcept;
};

// Holds the profile's lock for one API call; releasing it delivers the events the call caused.
class Op {
 public:
  explicit Op(ProfileCore& p) : p_(p), lock_(p.mu) {}
  ~Op() {
    lock_.unlock();
    p_.deliver_events();
  }
  std::unique_lock<std::mutex>& lock() { return lock_; }

 private:
  ProfileCore& p_;
  std::unique_lock<std::mutex> lock_;
};

}  // namespace wb::sdk

struct wb_env {
  std::shared_ptr<wb::sdk::EnvCore> core;
};

struct wb_profile {
  std::shared_ptr<wb::sdk::ProfileCore> core;
};

namespace wb::sdk {

// The profile of a call, held for the call's duration: an event callback run by the call may close the handle
// (wb_profile_close) without pulling the profile from under the call.
inline std::shared_ptr<ProfileCore> hold_core(wb_profile* profile) {
  if (!profile) invalid_argument("profile is NULL");
  return profile->core;
}

// Sync driving (sync.cpp): one round of requests on `transport`; the number sent.
int sync_round(ProfileCore& p, Transport& transport);
// The transport of the calling thread for the profile's current server (sdk.no_server when none is set).
std::unique_ptr<Transport>& foreground_transport(ProfileCore& p, std::unique_lock<std::recursive_mutex>& foreground_lock);
// Runs an engine call to the end on the calling thread; throws RemoteError for error answers and no answers.
std::string call_server(ProfileCore& p, const std::string& method, const std::string& path, const std::string& body,
                        bool auth);
// Fills a wb_sync_status from the engine (mu held).
void fill_status(ProfileCore& p, wb_sync_status& out);
void note_status(ProfileCore& p);  // mu held: queues a sync.status event when the status changed

// JSON helpers shared by the API's files.
nlohmann::json parse_json_arg(const char* text, const char* what);  // json.syntax with line/column
std::string percent_encode(const std::string& segment);

}  // namespace wb::sdk
