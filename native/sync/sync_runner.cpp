#include "native/sync/sync_runner.hpp"

namespace wb::native {

DrainReport drain(sync::Engine& engine, HttpTransport& transport, int max_requests) {
  DrainReport report;
  int accepted_before = engine.status().accepted;
  while (report.requests < max_requests) {
    auto requests = engine.poll();
    if (requests.empty()) break;
    for (const auto& req : requests) {
      ++report.requests;
      auto result = transport.send(req);
      if (auto* response = std::get_if<sync::Response>(&result))
        engine.on_response(req.id, *response);
      else
        engine.on_failure(req.id, std::get<TransportFailure>(result).detail);
    }
  }
  report.status = engine.status();
  report.newly_accepted = report.status.accepted - accepted_before;
  return report;
}

}  // namespace wb::native
