#pragma once

// The clients of bench/attack_bench.cpp: victims reading at a fixed rate on
// keep-alive connections, and the attacker's three loops (a hammered URL,
// registrations, slow headers). Header-only like the other bench helpers.
#include <poll.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench_net.hpp"

namespace bench {

// Answers counted by status (0: the request failed).
class StatusCounts {
 public:
  void add(int status) {
    std::lock_guard lock(mutex_);
    ++counts_[status];
  }
  std::map<int, long> snapshot() const {
    std::lock_guard lock(mutex_);
    return counts_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<int, long> counts_;
};

// A keep-alive connection that sends one request and reads its answer
// (Content-Length or chunked); reconnects after a failure or a close.
class KeepAlive {
 public:
  explicit KeepAlive(int port) : port_(port) {}
  ~KeepAlive() { close(); }
  KeepAlive(const KeepAlive&) = delete;
  KeepAlive& operator=(const KeepAlive&) = delete;

  // The status, or 0 when the request failed.
  int exchange(const std::string& request, int timeout_ms = 30000) {
    if (fd_ < 0) {
      fd_ = connect_local(port_);
      if (fd_ < 0) return 0;
      reader_.emplace(fd_);
    }
    int status = 0;
    if (send_all(fd_, request)) status = read_answer(timeout_ms);
    if (status == 0 || closing_) close();
    return status;
  }

 private:
  int read_answer(int timeout_ms) {
    auto head = reader_->until("\r\n\r\n", timeout_ms);
    if (!head || head->size() < 12) return 0;
    int status = std::stoi(head->substr(9, 3));
    closing_ = strcasecmp(header_value(*head, "connection").c_str(), "close") == 0;
    std::string length = header_value(*head, "content-length");
    if (!length.empty()) {
      if (!reader_->exact(std::stoul(length), timeout_ms)) return 0;
    } else if (strcasecmp(header_value(*head, "transfer-encoding").c_str(), "chunked") == 0) {
      while (true) {
        auto size_line = reader_->until("\r\n", timeout_ms);
        if (!size_line) return 0;
        std::size_t size = std::stoul(*size_line, nullptr, 16);
        if (!reader_->exact(size + 2, timeout_ms)) return 0;
        if (size == 0) break;
      }
    }
    return status;
  }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    reader_.reset();
    closing_ = false;
  }

  int port_;
  int fd_ = -1;
  bool closing_ = false;
  std::optional<Reader> reader_;
};

struct VictimStats {
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  long ok = 0, failed = 0;
};

inline double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto i = static_cast<std::size_t>(p / 100 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

// `rps` GETs a second for `duration`, spread over 8 keep-alive connections.
// A request's latency counts from the time it was due, not from when it was
// sent, so a server that stalls the client is not excused by the stall
// (no coordinated omission).
inline VictimStats run_victims(int port, const std::string& path, const std::string& bearer,
                               int rps, std::chrono::seconds duration) {
  constexpr int kConnections = 8;
  using clock = std::chrono::steady_clock;
  auto interval = std::chrono::microseconds(1'000'000LL * kConnections / std::max(rps, 1));
  auto start = clock::now(), end = start + duration;
  std::mutex mutex;
  std::vector<double> latencies;
  long failed = 0;
  std::vector<std::thread> threads;
  std::string request = request_text("GET", path, "", bearer);
  for (int c = 0; c < kConnections; ++c) {
    threads.emplace_back([&, c] {
      KeepAlive conn(port);
      std::vector<double> mine;
      long my_failed = 0;
      for (auto due = start + interval * c / kConnections; due < end; due += interval) {
        // A request that could not even be sent before the end, because the
        // ones before it took so long, failed.
        if (clock::now() >= end) {
          ++my_failed;
          continue;
        }
        std::this_thread::sleep_until(due);
        int status = conn.exchange(request, 10'000);
        double ms = std::chrono::duration<double, std::milli>(clock::now() - due).count();
        if (status == 200) {
          mine.push_back(ms);
        } else {
          ++my_failed;
        }
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
      failed += my_failed;
    });
  }
  for (auto& t : threads) t.join();
  std::sort(latencies.begin(), latencies.end());
  VictimStats s;
  s.p50_ms = percentile(latencies, 50);
  s.p99_ms = percentile(latencies, 99);
  s.max_ms = latencies.empty() ? 0 : latencies.back();
  s.ok = static_cast<long>(latencies.size());
  s.failed = failed;
  return s;
}

// Paces a loop at `per_second` turns (0: as fast as the answers come).
class Pacer {
 public:
  explicit Pacer(int per_second)
      : interval_(per_second > 0 ? std::chrono::microseconds(1'000'000 / per_second)
                                 : std::chrono::microseconds(0)),
        next_(std::chrono::steady_clock::now()) {}
  void wait() {
    if (interval_.count() == 0) return;
    std::this_thread::sleep_until(next_);
    next_ = std::max(next_ + interval_, std::chrono::steady_clock::now() - interval_ * 10);
  }

 private:
  std::chrono::microseconds interval_;
  std::chrono::steady_clock::time_point next_;
};

// The same request again and again on one keep-alive connection, at
// `per_second` (0: as fast as the answers come).
inline void hammer(int port, const std::string& path, int per_second,
                   const std::atomic<bool>& stop, StatusCounts& counts) {
  KeepAlive conn(port);
  Pacer pace(per_second);
  std::string request = request_text("GET", path, "", "");
  while (!stop) {
    pace.wait();
    counts.add(conn.exchange(request));
  }
}

// Registrations with fresh addresses, at `per_second` (0: as fast as the
// answers come).
inline void register_loop(int port, const std::string& id, int per_second,
                          const std::atomic<bool>& stop, StatusCounts& counts) {
  KeepAlive conn(port);
  Pacer pace(per_second);
  for (long n = 0; !stop; ++n) {
    pace.wait();
    std::string body = R"({"email":"attacker-)" + id + "-" + std::to_string(n) +
                       R"(@bench.example","password":"an attacker's passphrase","name":"A"})";
    counts.add(conn.exchange(request_text("POST", "/api/v1/auth/register", body, "")));
  }
}

struct SlowlorisStats {
  std::atomic<long> opened{0}, closed{0};
};

// `connections` connections that send a request head one byte a second and
// never finish it; each one the server closes is replaced by a new one. Like
// slowloris tools, each connection keeps its own pace: the connections are
// spread over 50 slots of 20 ms, so the bytes arrive through the second
// rather than as one burst of `connections` packets (a burst is a volume
// attack on the network, whose cost any server pays, not a slow-header one).
inline void slowloris(int port, int connections, const std::atomic<bool>& stop,
                      SlowlorisStats& stats) {
  const std::string opening = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  std::vector<int> fds;
  auto open_one = [&] {
    int fd = connect_local(port);
    if (fd >= 0 && send_all(fd, opening)) {
      ++stats.opened;
      return fd;
    }
    if (fd >= 0) ::close(fd);
    return -1;
  };
  for (int i = 0; i < connections && !stop; ++i) fds.push_back(open_one());
  constexpr std::size_t kSlots = 50;
  constexpr auto kSlot = std::chrono::milliseconds(20);
  auto next_slot = std::chrono::steady_clock::now() + kSlot;
  std::size_t slot = 0;
  while (!stop) {
    std::vector<pollfd> polled;
    for (int fd : fds) polled.push_back({fd, POLLIN, 0});
    auto until_slot = std::chrono::duration_cast<std::chrono::milliseconds>(
        next_slot - std::chrono::steady_clock::now());
    ::poll(polled.data(), polled.size(), static_cast<int>(std::max<long>(until_slot.count(), 0)));
    bool tick = std::chrono::steady_clock::now() >= next_slot;
    if (tick) {
      next_slot += kSlot;
      slot = (slot + 1) % kSlots;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      bool gone = fds[i] < 0 || (polled[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
      if (!gone && tick && i % kSlots == slot) gone = !send_all(fds[i], "x");
      if (!gone) continue;
      if (fds[i] >= 0) {
        ++stats.closed;
        ::close(fds[i]);
      }
      fds[i] = open_one();
    }
  }
  for (int fd : fds) {
    if (fd >= 0) ::close(fd);
  }
}

}  // namespace bench
