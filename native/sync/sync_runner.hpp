#pragma once
// Drives the sans-I/O sync engine with real HTTP on the calling thread, until it has nothing more to send now.
// `wangban sync --once` uses it; apps use the background thread of the C API.

#include "core/common/environment.hpp"
#include "core/sync/engine.hpp"
#include "native/sync/http_transport.hpp"

namespace wb::native {

struct DrainReport {
  int requests = 0;       // sent in this run
  int newly_accepted = 0; // outbox items that reached the server in this run
  sync::EngineStatus status;
};

DrainReport drain(sync::Engine& engine, HttpTransport& transport, int max_requests = 1'000'000);

}  // namespace wb::native
