#include "services/documents/render_gate.hpp"

#include <algorithm>

namespace prism::services {

Error RenderGate::busy() {
  Error e(ErrorCode::kUnavailable, "the server is busy rendering documents; retry in a moment");
  e.retry_after_seconds = 1;
  return e;
}

RenderGate::Limits RenderGate::Limits::for_workers(int worker_threads) {
  return Limits{std::max(1, worker_threads / 2), std::max(1, worker_threads / 4),
                std::chrono::milliseconds(100)};
}

RenderGate::RenderGate(Limits limits)
    : max_running_(std::max(1, limits.max_running)),
      max_waiting_(std::max(0, limits.max_waiting)),
      wait_(limits.wait) {}

RenderGate::Slot RenderGate::enter() {
  std::unique_lock lock(mutex_);
  if (running_ < max_running_) {
    ++running_;
    return Slot(this);
  }
  if (waiting_ >= max_waiting_) throw busy();
  ++waiting_;
  bool got = freed_.wait_for(lock, wait_, [this] { return running_ < max_running_; });
  --waiting_;
  if (!got) throw busy();
  ++running_;
  return Slot(this);
}

void RenderGate::await(const std::function<bool(std::chrono::milliseconds)>& done) {
  {
    std::lock_guard lock(mutex_);
    if (waiting_ >= max_waiting_) throw busy();
    ++waiting_;
  }
  bool finished = done(wait_);
  {
    std::lock_guard lock(mutex_);
    --waiting_;
  }
  if (!finished) throw busy();
}

void RenderGate::leave() {
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  freed_.notify_one();
}

int RenderGate::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

int RenderGate::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_;
}

RenderGate::Slot::~Slot() {
  if (gate_ != nullptr) gate_->leave();
}

}  // namespace prism::services
