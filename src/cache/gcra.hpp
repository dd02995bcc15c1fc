#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "cache/cache.hpp"

namespace prism::cache {

// The generic cell rate algorithm in microseconds, shared by the in-process
// cache and mirrored by the Lua script the Redis backends run: one stored
// number per key (the theoretical arrival time, TAT) decides each request.
struct GcraStep {
  RateDecision decision;
  std::int64_t new_tat_us = 0;  // to store (with expiry at new_tat) when allowed
};

inline void check_rate_limit(int limit, std::chrono::milliseconds period) {
  if (limit < 1) throw std::invalid_argument("rate limit must be at least 1");
  if (period.count() < 1) throw std::invalid_argument("rate limit period must be positive");
}

inline std::int64_t ceil_ms(std::int64_t us) { return (us + 999) / 1000; }

inline GcraStep gcra_step(std::int64_t now_us, std::optional<std::int64_t> stored_tat_us, int limit,
                          std::chrono::milliseconds period) {
  const std::int64_t period_us = period.count() * 1000;
  const std::int64_t interval_us = std::max<std::int64_t>(1, period_us / limit);
  const std::int64_t tat = std::max(now_us, stored_tat_us.value_or(now_us));
  const std::int64_t new_tat = tat + interval_us;
  const std::int64_t allow_at = new_tat - period_us;
  GcraStep step;
  if (now_us < allow_at) {
    step.decision = {false, 0, std::chrono::milliseconds(ceil_ms(allow_at - now_us)),
                     std::chrono::milliseconds(ceil_ms(tat - now_us))};
    step.new_tat_us = tat;
    return step;
  }
  step.decision = {true, (period_us - (new_tat - now_us)) / interval_us,
                   std::chrono::milliseconds(0),
                   std::chrono::milliseconds(ceil_ms(new_tat - now_us))};
  step.new_tat_us = new_tat;
  return step;
}

}  // namespace prism::cache
