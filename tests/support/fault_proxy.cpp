#include "tests/support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace wb::test {
namespace {

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

void reset(int fd) {
  linger l{1, 0};  // close() now sends RST
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

bool write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

const char* fault_name(Fault f) {
  switch (f) {
    case Fault::None: return "none";
    case Fault::Latency: return "latency";
    case Fault::Reset: return "reset";
    case Fault::CutRequest: return "cut-request";
    case Fault::CutResponse: return "cut-response";
    case Fault::Blackhole: return "blackhole";
    case Fault::Slow: return "slow";
  }
  return "?";
}

FaultProxy::FaultProxy(int target_port, std::uint64_t seed) : target_port_(target_port), rng_(seed) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener_, 128) != 0)
    throw std::runtime_error("fault proxy: cannot listen");
  socklen_t len = sizeof addr;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stopping_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  acceptor_.join();
  ::close(listener_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  while (active_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

void FaultProxy::set_plan(const FaultPlan& plan) {
  std::lock_guard<std::mutex> lock(mutex_);
  plan_ = plan;
}

void FaultProxy::accept_loop() {
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    FaultPlan plan;
    bool faulty;
    std::uint64_t draw;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      plan = plan_;
      faulty = plan.fault != Fault::None && static_cast<int>(rng_() % 100) < plan.percent;
      draw = rng_();
      open_fds_.push_back(client);
    }
    ++connections_;
    if (faulty) ++faulted_;
    ++active_;
    std::thread([this, client, plan, faulty, draw] {
      serve(client, plan, faulty, draw);
      --active_;
    }).detach();
  }
}

void FaultProxy::serve(int client, FaultPlan plan, bool faulty, std::uint64_t draw) {
  auto forget = [&](int fd) {
    std::lock_guard<std::mutex> lock(mutex_);
    open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
  };
  Fault fault = faulty ? plan.fault : Fault::None;
  if (fault == Fault::Blackhole) {
    char buf[4096];
    while (!stopping_ && ::recv(client, buf, sizeof buf, 0) > 0) {
    }
    forget(client);
    ::close(client);
    return;
  }
  bool reset_early = fault == Fault::Reset && (draw & 1);
  if (reset_early) {
    reset(client);
    forget(client);
    ::close(client);
    return;
  }
  int server = connect_to(target_port_);
  if (server < 0) {
    reset(client);
    forget(client);
    ::close(client);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    open_fds_.push_back(server);
  }
  long cut = plan.cut_bytes >= 0 ? plan.cut_bytes : static_cast<long>((draw >> 8) % static_cast<std::uint64_t>(std::max(1L, plan.cut_max_bytes)));
  long up = 0, down = 0;
  bool server_answered = false;
  char buf[16384];
  pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
  bool done = false;
  while (!done && !stopping_) {
    if (::poll(fds, 2, 200) <= 0) continue;
    for (int side = 0; side < 2 && !done; ++side) {
      if (!(fds[side].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      int from = side == 0 ? client : server, to = side == 0 ? server : client;
      ssize_t n = ::recv(from, buf, sizeof buf, 0);
      if (n <= 0) {
        done = true;
        break;
      }
      size_t len = static_cast<size_t>(n);
      if (side == 1 && fault == Fault::Reset) {
        // The server has answered (and committed): the client sees a reset instead of the answer.
        server_answered = true;
        reset(client);
        done = true;
        break;
      }
      if (side == 0 && fault == Fault::CutRequest && up + n > cut) {
        write_all(to, buf, static_cast<size_t>(std::max(0L, cut - up)));
        done = true;
        break;
      }
      if (side == 1 && fault == Fault::CutResponse && down + n > cut) {
        write_all(to, buf, static_cast<size_t>(std::max(0L, cut - down)));
        done = true;
        break;
      }
      if (fault == Fault::Latency) std::this_thread::sleep_for(std::chrono::milliseconds(plan.latency_ms));
      if (fault == Fault::Slow) {
        // Forward in small pieces at the planned rate.
        size_t piece = static_cast<size_t>(std::max(1L, plan.bytes_per_second / 50));
        for (size_t off = 0; off < len && !done; off += piece) {
          size_t m = std::min(piece, len - off);
          if (!write_all(to, buf + off, m)) done = true;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      } else if (!write_all(to, buf, len)) {
        done = true;
      }
      (side == 0 ? up : down) += n;
    }
  }
  (void)server_answered;
  forget(client);
  forget(server);
  ::close(client);
  ::close(server);
}

}  // namespace wb::test
