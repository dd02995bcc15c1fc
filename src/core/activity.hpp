#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace prism {

// When someone last used this process: a request other than a health check
// or a metrics scrape. Background work that matters only while the product
// is in use (sweeping other instances' interrupted generations) asks it, so
// an idle instance sends its database nothing and a scale-to-zero database
// (Neon suspends after 5 minutes without a query) can sleep.
class Activity {
 public:
  using Clock = std::chrono::steady_clock;

  // Cheap enough for every request: the shared time is written at most
  // every 100 ms, so the threads noting it rarely contend for its cache line.
  void note() {
    std::int64_t now = now_ms();
    if (now - last_ms_.load(std::memory_order_relaxed) >= 100) {
      last_ms_.store(now, std::memory_order_relaxed);
    }
  }
  // Whether note() was called within the last `window` (never, until the
  // first call).
  bool within(std::chrono::milliseconds window) const {
    return now_ms() - last_ms_.load(std::memory_order_relaxed) <= window.count();
  }

 private:
  static std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
        .count();
  }
  std::atomic<std::int64_t> last_ms_{INT64_MIN / 2};
};

}  // namespace prism
