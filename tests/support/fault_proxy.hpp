#pragma once
// A fault-injecting TCP proxy for tests with real processes: clients connect to port(), traffic goes to the target
// port on 127.0.0.1, and each connection may suffer the current plan's fault. Faults happen before and after the
// server has committed (cut in either direction, reset at either end), so "the request got through but the answer
// did not" is exercised as often as "it never got there".

#include <atomic>
#include <cstdint>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace wb::test {

enum class Fault {
  None,
  Latency,      // every chunk waits latency_ms
  Reset,        // RST: at the start (nothing reaches the server) or once the server answered (it committed)
  CutRequest,   // the request is cut after `cut_bytes` bytes, then both sides closed
  CutResponse,  // the whole request passes; the response is cut after `cut_bytes` bytes
  Blackhole,    // the connection is accepted and nothing ever comes back
  Slow,         // bandwidth limited to bytes_per_second in both directions
};
const char* fault_name(Fault f);

struct FaultPlan {
  Fault fault = Fault::None;
  int percent = 100;              // share of connections that suffer it
  int latency_ms = 100;
  long cut_bytes = -1;            // -1: a random point below cut_max_bytes
  long cut_max_bytes = 400;       // 400: mostly inside the headers; larger to cut bodies too
  long bytes_per_second = 64 * 1024;
};

class FaultProxy {
 public:
  FaultProxy(int target_port, std::uint64_t seed);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  void set_plan(const FaultPlan& plan);
  long connections() const { return connections_; }
  long faulted() const { return faulted_; }

 private:
  void accept_loop();
  void serve(int client, FaultPlan plan, bool faulty, std::uint64_t draw);

  int target_port_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  FaultPlan plan_;
  std::mt19937_64 rng_;
  std::thread acceptor_;
  std::atomic<int> active_{0};  // connection threads still running (they are detached)
  std::vector<int> open_fds_;
  std::atomic<long> connections_{0}, faulted_{0};
};

}  // namespace wb::test
