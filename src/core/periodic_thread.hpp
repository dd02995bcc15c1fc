#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace prism {

// A named background thread that runs `round` every `interval`, and at once
// when woken, until it is destroyed: the destructor stops and joins it
// without a last round (an owner that must write what is pending does so in
// its own destructor, before this member, declared last, goes).
class PeriodicThread {
 public:
  PeriodicThread(std::string name, std::chrono::milliseconds interval, std::function<void()> round);
  ~PeriodicThread();
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

  // The next round starts now rather than at the end of the interval.
  void wake();

 private:
  void loop();

  const std::string name_;
  const std::chrono::milliseconds interval_;
  const std::function<void()> round_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace prism
