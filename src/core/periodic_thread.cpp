#include "core/periodic_thread.hpp"

#include "core/thread_name.hpp"

namespace prism {

PeriodicThread::PeriodicThread(std::string name, std::chrono::milliseconds interval,
                               std::function<void()> round)
    : name_(std::move(name)), interval_(interval), round_(std::move(round)), thread_([this] {
        name_this_thread(name_);
        loop();
      }) {}

PeriodicThread::~PeriodicThread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void PeriodicThread::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void PeriodicThread::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    cv_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
    if (stopping_) break;
    woken_ = false;
    lock.unlock();
    round_();
    lock.lock();
  }
}

}  // namespace prism
