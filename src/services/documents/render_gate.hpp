#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "core/error.hpp"

namespace prism::services {

// At most `max_running` renders at once, so that renders never hold every
// worker thread: a request that finds them all busy waits for a slot up to
// `wait`, with at most `max_waiting` others, and otherwise is turned away with
// a 503 and Retry-After (Error kUnavailable), leaving its worker free.
class RenderGate {
 public:
  struct Limits {
    int max_running = 1;
    int max_waiting = 1;
    std::chrono::milliseconds wait{100};
    // For a pool of `worker_threads`: half of them may render and a quarter
    // more may wait (at least one each), for 100 ms.
    static Limits for_workers(int worker_threads);
  };
  explicit RenderGate(Limits limits);

  // A slot held until the Slot is destroyed.
  class Slot {
   public:
    explicit Slot(RenderGate* gate) : gate_(gate) {}
    Slot(Slot&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot();

   private:
    RenderGate* gate_;
  };

  // Throws Error(kUnavailable) with retry_after_seconds when no slot frees in time.
  Slot enter();

  // Waits for work another request is doing (a render of the same
  // version), counted like a request waiting for a slot: refused at once
  // when `max_waiting` others wait, and with a 503 when `done` (which waits
  // at most the time it is given, true when the work finished) says no.
  void await(const std::function<bool(std::chrono::milliseconds)>& done);

  int running() const;
  int waiting() const;
  std::chrono::milliseconds wait() const { return wait_; }

  // The 503 a request gets when it cannot start in time.
  static Error busy();

 private:
  void leave();

  const int max_running_;
  const int max_waiting_;
  const std::chrono::milliseconds wait_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  int running_ = 0;
  int waiting_ = 0;
};

}  // namespace prism::services
