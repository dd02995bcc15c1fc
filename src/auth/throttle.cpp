#include "auth/throttle.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace prism::auth {
namespace {

// E-mail addresses are hashed so the cache never holds personal data.
std::string account_key(std::string_view kind, std::string_view account) {
  return "throttle:login:" + std::string(kind) + ":acct:" + crypto::sha256_hex(account);
}
std::string ip_key(std::string_view kind, std::string_view ip) {
  return "throttle:login:" + std::string(kind) + ":ip:" + std::string(ip);
}

std::int64_t ceil_seconds(std::int64_t ms) { return ms <= 0 ? 0 : (ms + 999) / 1000; }

}  // namespace

LoginThrottle::LoginThrottle(cache::Cache& cache, ThrottlePolicy policy, NowMs now_ms)
    : cache_(cache),
      policy_(policy),
      now_ms_(now_ms ? std::move(now_ms) : [] { return now_unix_ms(); }) {}

std::int64_t LoginThrottle::wait_for(const std::string& lock_key, std::int64_t now) const {
  // The lock holds the unlock time rather than relying on the cache's TTL
  // alone, so the answer is exact to the millisecond on every backend.
  auto value = cache_.get(lock_key);
  if (!value) return 0;
  std::int64_t unlock_at = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), unlock_at);
  if (ec != std::errc() || end != value->data() + value->size()) return 0;
  return ceil_seconds(unlock_at - now);
}

std::int64_t LoginThrottle::retry_after(std::string_view account, std::string_view ip) {
  try {
    std::int64_t now = now_ms_();
    std::int64_t wait = wait_for(account_key("lock", account), now);
    if (!ip.empty()) wait = std::max(wait, wait_for(ip_key("lock", ip), now));
    return wait;
  } catch (const cache::CacheError& e) {
    spdlog::warn("login throttle unavailable, allowing the attempt: {}", e.what());
    return 0;
  }
}

std::int64_t LoginThrottle::fail(const std::string& counter_key, const std::string& lock_key,
                                 int free_failures, std::int64_t now) {
  std::int64_t failures = cache_.incr(counter_key, policy_.window);
  if (failures < free_failures) return 0;
  // Doubling from base_delay; the exponent is capped before shifting so a
  // long run of failures cannot overflow.
  std::int64_t steps = std::min<std::int64_t>(failures - free_failures, 30);
  std::int64_t delay_ms = std::min<std::int64_t>(policy_.base_delay.count() * 1000 << steps,
                                                 policy_.max_delay.count() * 1000);
  auto ttl = std::chrono::seconds(ceil_seconds(delay_ms) + 1);
  cache_.set(lock_key, std::to_string(now + delay_ms), ttl);
  return ceil_seconds(delay_ms);
}

std::int64_t LoginThrottle::record_failure(std::string_view account, std::string_view ip) {
  try {
    std::int64_t now = now_ms_();
    std::int64_t wait = fail(account_key("fail", account), account_key("lock", account),
                             policy_.account_free_failures, now);
    if (!ip.empty()) {
      wait = std::max(wait,
                      fail(ip_key("fail", ip), ip_key("lock", ip), policy_.ip_free_failures, now));
    }
    return wait;
  } catch (const cache::CacheError& e) {
    spdlog::warn("login throttle unavailable, failure not counted: {}", e.what());
    return 0;
  }
}

void LoginThrottle::record_success(std::string_view account) {
  try {
    cache_.del(account_key("fail", account));
    cache_.del(account_key("lock", account));
  } catch (const cache::CacheError& e) {
    spdlog::warn("login throttle unavailable, account record not cleared: {}", e.what());
  }
}

}  // namespace prism::auth
