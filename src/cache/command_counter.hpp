#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace prism::cache {

// Counts commands per UTC day: the count starts again at midnight UTC, the
// boundary hosted Redis plans bill by.
class CommandCounter {
 public:
  void add(std::uint64_t n = 1) {
    std::lock_guard lock(mutex_);
    roll();
    count_ += n;
  }
  std::uint64_t today() const {
    std::lock_guard lock(mutex_);
    roll();
    return count_;
  }

 private:
  void roll() const {
    auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    if (day != day_) {
      day_ = day;
      count_ = 0;
    }
  }
  mutable std::mutex mutex_;
  mutable std::chrono::sys_days day_{};
  mutable std::uint64_t count_ = 0;
};

}  // namespace prism::cache
