#pragma once

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "cache/cache.hpp"

namespace prism::cache {

// Cache::record_failure in microseconds, shared by the in-process cache and
// mirrored by the Lua script the Redis backends run. One stored value per
// key, "count:first:lock": the failures counted since `first`, and the end
// of the lock they impose.
struct BackoffState {
  std::int64_t count = 0;
  std::int64_t first_us = 0;
  std::int64_t lock_us = 0;
};

inline void check_backoff(const BackoffPolicy& p) {
  if (p.free < 1 || p.base.count() < 1 || p.max < p.base || p.window.count() < 1) {
    throw std::invalid_argument(
        "backoff policy: free, base and window must be positive, max >= base");
  }
}

inline std::optional<BackoffState> parse_backoff(std::string_view text) {
  BackoffState s;
  std::int64_t* fields[] = {&s.count, &s.first_us, &s.lock_us};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 3; ++i) {
    auto [next, ec] = std::from_chars(p, end, *fields[i]);
    if (ec != std::errc()) return std::nullopt;
    p = next;
    if (i < 2) {
      if (p == end || *p != ':') return std::nullopt;
      ++p;
    }
  }
  if (p != end) return std::nullopt;
  return s;
}

inline std::string format_backoff(const BackoffState& s) {
  return std::to_string(s.count) + ":" + std::to_string(s.first_us) + ":" +
         std::to_string(s.lock_us);
}

// The state after one more failure at `now_us`, and how long (µs) the key
// must then live: until the window or the lock ends, whichever is later.
struct BackoffStep {
  BackoffState state;
  std::int64_t lock_for_us = 0;
  std::int64_t keep_for_us = 0;
};

inline BackoffStep backoff_step(std::int64_t now_us, std::optional<BackoffState> stored,
                                const BackoffPolicy& p) {
  const std::int64_t window_us = p.window.count() * 1000;
  BackoffState s = stored.value_or(BackoffState{0, now_us, 0});
  // Failures are forgotten `window` after the first; a lock still running
  // then stays.
  if (now_us - s.first_us >= window_us) s = BackoffState{0, now_us, s.lock_us};
  ++s.count;
  BackoffStep step;
  if (s.count >= p.free) {
    // Doubling from base; the exponent is capped before shifting so a long
    // run of failures cannot overflow.
    std::int64_t steps = std::min<std::int64_t>(s.count - p.free, 30);
    step.lock_for_us =
        std::min<std::int64_t>((p.base.count() * 1000) << steps, p.max.count() * 1000);
    s.lock_us = std::max(s.lock_us, now_us + step.lock_for_us);
  }
  step.lock_for_us = std::max<std::int64_t>(0, s.lock_us - now_us);
  step.keep_for_us = std::max(s.first_us + window_us, s.lock_us) - now_us;
  step.state = s;
  return step;
}

inline std::int64_t ceil_to_ms(std::int64_t us) { return us <= 0 ? 0 : (us + 999) / 1000; }

}  // namespace prism::cache
