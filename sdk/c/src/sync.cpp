// Driving the sans-I/O sync engine: step by step on the caller's thread, or on a background thread; signing in
// and out; one-off calls to the server. The profile's lock is held only to talk to the engine and the store,
// never while a request is on the network.

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>

#include "sdk/c/src/internal.hpp"

namespace wb::sdk {
namespace {

// How long a blocking call waits for its answer in all: both timeouts, a refresh before it, and some slack.
std::chrono::milliseconds call_deadline(const ProfileCore& p) {
  return std::chrono::milliseconds(2 * (p.timeouts.connect_ms + p.timeouts.read_ms) + 5000);
}

// Runs rounds on the caller's thread until `done` (checked with the lock held) says so. Another thread (the
// background worker) may be the one sending the request waited for: then this one waits for its report.
template <typename Done>
void drive_until(ProfileCore& p, Transport& t, Done&& done, std::chrono::milliseconds deadline, const std::function<void()>& on_timeout) {
  auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    {
      Op op(p);
      if (done()) return;
    }
    if (sync_round(p, t) > 0) continue;
    std::unique_lock<std::mutex> l(p.mu);
    if (done()) return;
    if (std::chrono::steady_clock::now() >= until) {
      on_timeout();
      throw Error(ErrorCode::SdkTimeout, {{"seconds", std::to_string(deadline.count() / 1000)}});
    }
    p.changed.wait_for(l, std::chrono::milliseconds(50));
  }
}

void worker_main(std::shared_ptr<ProfileCore> self) {
  ProfileCore& p = *self;
  std::unique_ptr<Transport> transport;
  std::string url;
  for (;;) {
    std::string wanted;
    {
      std::lock_guard<std::mutex> l(p.mu);
      if (p.stop_requested) break;
      wanted = p.server_url;
    }
    int sent = 0;
    try {
      if (!wanted.empty() && (!transport || wanted != url)) {
        transport = p.env->make_transport(wanted, p.timeouts);
        url = wanted;
      }
      if (transport) sent = sync_round(p, *transport);
    } catch (...) {
      // The store could not be read or written (a full disk...): the engine keeps its state; try again later.
      sent = 0;
    }
    if (sent > 0) continue;
    std::unique_lock<std::mutex> l(p.mu);
    if (p.stop_requested) break;
    if (p.wake_requested) {
      p.wake_requested = false;
      continue;
    }
    std::int64_t wait = p.max_sleep_ms;
    if (transport) {
      try {
        std::int64_t at = p.engine->next_wakeup();
        if (at != std::numeric_limits<std::int64_t>::max()) wait = std::clamp<std::int64_t>(at - p.env->clock->now_ms(), 20, p.max_sleep_ms);
      } catch (...) {
      }
    }
    p.changed.wait_for(l, std::chrono::milliseconds(wait), [&] { return p.stop_requested || p.wake_requested; });
    p.wake_requested = false;
  }
}

Lang lang_of(wb_profile* profile) { return profile ? profile->core->lang() : Lang::ZhCN; }

}  // namespace

int sync_round(ProfileCore& p, Transport& transport) {
  std::vector<sync::Request> requests;
  {
    Op op(p);
    requests = p.engine->poll();
  }
  std::exception_ptr first_error;
  for (const auto& r : requests) {
    auto result = transport.send(r);
    try {
      Op op(p);
      if (auto* response = std::get_if<sync::Response>(&result)) p.engine->on_response(r.id, *response);
      else p.engine->on_failure(r.id, std::get<std::string>(result));
      note_status(p);
    } catch (...) {
      if (!first_error) first_error = std::current_exception();  // every request is still reported
    }
    p.changed.notify_all();
  }
  if (first_error) std::rethrow_exception(first_error);
  return static_cast<int>(requests.size());
}

std::unique_ptr<Transport>& foreground_transport(ProfileCore& p, std::unique_lock<std::recursive_mutex>&) {
  std::string url;
  {
    std::lock_guard<std::mutex> l(p.mu);
    url = p.server_url;
  }
  if (url.empty()) throw Error(ErrorCode::SdkNoServer);
  if (!p.foreground || p.foreground_url != url) {
    p.foreground = p.env->make_transport(url, p.timeouts);
    p.foreground_url = url;
  }
  return p.foreground;
}

std::string call_server(ProfileCore& p, const std::string& method, const std::string& path, const std::string& body,
                        bool auth) {
  std::unique_lock<std::recursive_mutex> fl(p.foreground_mu);
  auto& transport = foreground_transport(p, fl);
  std::uint64_t ticket;
  {
    Op op(p);
    ticket = p.engine->begin_call(method, path, body, body.empty() ? "" : "application/json", auth);
  }
  std::optional<sync::Engine::CallResult> result;
  drive_until(
      p, *transport, [&] { return (result = p.engine->take_call_result(ticket)).has_value(); }, call_deadline(p),
      [&] { p.engine->cancel_call(ticket); });
  if (result->status == 0) throw RemoteError{0, result->error};
  if (result->status < 200 || result->status >= 300) {
    auto parsed = nlohmann::json::parse(result->body, nullptr, false);
    throw RemoteError{result->status, parsed.is_discarded() ? nlohmann::json() : parsed};
  }
  return result->body;
}

void fill_status(ProfileCore& p, wb_sync_status& out) {
  auto s = p.engine->status();
  wb_sync_status full;
  std::memset(&full, 0, sizeof full);
  full.struct_size = out.struct_size;
  full.signed_in = s.signed_in;
  full.needs_sign_in = s.needs_sign_in;
  full.offline = s.offline;
  full.queued = s.queued;
  full.needs_attention = s.needs_attention;
  full.accepted = s.accepted;
  full.next_attempt_at = s.next_attempt_at.value_or(0);
  copy_text(full.last_error, sizeof full.last_error, s.last_error);
  // Only what the caller's (possibly older, smaller) struct has room for.
  std::memcpy(&out, &full, std::min<size_t>(out.struct_size, sizeof full));
}

void note_status(ProfileCore& p) {
  wb_sync_status now;
  now.struct_size = sizeof now;
  fill_status(p, now);
  if (p.last_status && std::memcmp(&*p.last_status, &now, sizeof now) == 0) return;
  bool first = !p.last_status;
  p.last_status = now;
  if (first) return;
  std::lock_guard<std::mutex> l(p.events_mu);
  p.pending_events.push_back(PendingEvent{0, p.env->clock->now_ms(), "sync.status", ""});
}

}  // namespace wb::sdk

using namespace wb;
using namespace wb::sdk;

extern "C" {

bool wb_sync_status_get(wb_profile* profile, wb_sync_status* status, wb_error* error) {
  return guard(error, lang_of(profile), false, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    if (!status) invalid_argument("status is NULL");
    check_struct(status->struct_size, offsetof(wb_sync_status, last_error) + sizeof status->last_error, "wb_sync_status");
    Op op(p);
    fill_status(p, *status);
    return true;
  });
}

int wb_sync_step(wb_profile* profile, wb_error* error) {
  return guard(error, lang_of(profile), -1, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    std::unique_lock<std::recursive_mutex> fl(p.foreground_mu);
    auto& transport = foreground_transport(p, fl);
    return sync_round(p, *transport);
  });
}

bool wb_sync_once(wb_profile* profile, wb_sync_status* status, wb_error* error) {
  return guard(error, lang_of(profile), false, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    if (status) check_struct(status->struct_size, offsetof(wb_sync_status, last_error) + sizeof status->last_error, "wb_sync_status");
    {
      std::unique_lock<std::recursive_mutex> fl(p.foreground_mu);
      auto& transport = foreground_transport(p, fl);
      for (int round = 0; round < 1'000'000 && sync_round(p, *transport) > 0; ++round) {
      }
    }
    if (status) {
      Op op(p);
      fill_status(p, *status);
    }
    return true;
  });
}

int64_t wb_sync_next_wakeup(wb_profile* profile) {
  if (!profile) return std::numeric_limits<int64_t>::max();
  try {
    auto keep = profile->core;
    Op op(*keep);
    return keep->engine->next_wakeup();
  } catch (...) {
    return 0;  // could not tell: try now
  }
}

bool wb_sync_start(wb_profile* profile, const wb_sync_options* options, wb_error* error) {
  return guard(error, lang_of(profile), false, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    if (options) check_struct(options->struct_size, offsetof(wb_sync_options, max_sleep_ms) + sizeof options->max_sleep_ms, "wb_sync_options");
    std::lock_guard<std::mutex> l(p.mu);
    if (p.worker.joinable()) throw Error(ErrorCode::SdkSyncRunning);
    p.max_sleep_ms = options && options->max_sleep_ms > 0 ? options->max_sleep_ms : 30000;
    p.stop_requested = false;
    p.worker = std::thread(worker_main, keep);
    return true;
  });
}

void wb_sync_stop(wb_profile* profile) {
  if (!profile) return;
  auto keep = profile->core;
  keep->stop_worker();
}

void wb_sync_wake(wb_profile* profile) {
  if (!profile) return;
  auto keep = profile->core;
  auto& p = *keep;
  {
    std::lock_guard<std::mutex> l(p.mu);
    p.engine->wake();
    p.wake_requested = true;
  }
  p.changed.notify_all();
}

bool wb_auth_sign_in(wb_profile* profile, const char* account, const char* password, wb_error* error) {
  return guard(error, lang_of(profile), false, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    if (!account || !password) invalid_argument("account and password are required");
    std::unique_lock<std::recursive_mutex> fl(p.foreground_mu);
    auto& transport = foreground_transport(p, fl);
    {
      Op op(p);
      p.engine->begin_login(account, password);
    }
    drive_until(p, *transport, [&] { return !p.engine->login_pending(); }, call_deadline(p), [] {});
    std::optional<sync::Engine::LoginResult> result;
    std::string last_error;
    {
      Op op(p);
      result = p.engine->login_result();
      last_error = p.engine->status().last_error;
    }
    if (!result) throw Error(ErrorCode::Internal, {{"detail", "sign-in ended without an answer: " + last_error}});
    if (result->ok) return true;
    throw RemoteError{result->status, result->error};
  });
}

bool wb_auth_sign_out(wb_profile* profile, wb_error* error) {
  return guard(error, lang_of(profile), false, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    {
      Op op(p);
      p.engine->logout();
      note_status(p);
    }
    // Tell the server (best effort: signed out locally either way).
    try {
      std::unique_lock<std::recursive_mutex> fl(p.foreground_mu);
      auto& transport = foreground_transport(p, fl);
      sync_round(p, *transport);
    } catch (...) {
    }
    return true;
  });
}

char* wb_auth_account(wb_profile* profile, wb_error* error) {
  return guard<char*>(error, lang_of(profile), nullptr, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    Op op(p);
    auto tokens = p.credentials->load();
    nlohmann::json out = {{"signedIn", tokens.has_value()}};
    if (tokens) {
      out["id"] = tokens->account_id;
      out["kind"] = tokens->account_kind;
      out["displayName"] = tokens->display_name;
    }
    return dup_string(out.dump());
  });
}

}  // extern "C"
