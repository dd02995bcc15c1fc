#include "services/background_queue.hpp"

#include <spdlog/spdlog.h>

#include "core/thread_name.hpp"

namespace prism::services {

BackgroundQueue::BackgroundQueue(std::string name, std::size_t capacity)
    : name_(std::move(name)), capacity_(capacity), worker_([this] {
        name_this_thread("prism-" + name_);
        run();
      }) {}

BackgroundQueue::~BackgroundQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

bool BackgroundQueue::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (jobs_.size() >= capacity_) {
      spdlog::error("{}: queue full ({} jobs), dropping a job", name_, capacity_);
      return false;
    }
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void BackgroundQueue::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return jobs_.empty() && !busy_; });
}

void BackgroundQueue::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // stopping, and everything queued is done
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    busy_ = true;
    lock.unlock();
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("{}: background job failed: {}", name_, e.what());
    }
    lock.lock();
    busy_ = false;
    if (jobs_.empty()) idle_.notify_all();
  }
}

}  // namespace prism::services
