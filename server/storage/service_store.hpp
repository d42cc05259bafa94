#pragma once
// Consultations, appointment slots/holds/bookings and satisfaction ratings.
// (Filled in by the services work; see docs/protocol.md.)

namespace wb::server {

class ServiceStore {
 public:
  virtual ~ServiceStore() = default;
};

}  // namespace wb::server
