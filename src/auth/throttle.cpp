#include "auth/throttle.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "cache/keys.hpp"
#include "core/crypto.hpp"

namespace prism::auth {
namespace {

// E-mail addresses are hashed so the cache never holds personal data.
std::string account_key(std::string_view account) {
  return std::string(cache::keys::kLoginThrottle) + "account:" + crypto::sha256_hex(account);
}
std::string ip_key(std::string_view ip) {
  return std::string(cache::keys::kLoginThrottle) + "ip:" + std::string(ip);
}

std::int64_t ceil_seconds(std::chrono::milliseconds ms) {
  return ms.count() <= 0 ? 0 : (ms.count() + 999) / 1000;
}

}  // namespace

LoginThrottle::LoginThrottle(cache::Cache& cache, ThrottlePolicy policy)
    : cache_(cache), policy_(policy) {}

cache::BackoffPolicy LoginThrottle::backoff(int free_failures) const {
  return {free_failures, policy_.base_delay, policy_.max_delay, policy_.window};
}

std::int64_t LoginThrottle::retry_after(std::string_view account, std::string_view ip) {
  try {
    std::int64_t wait = ceil_seconds(cache_.locked_for(account_key(account)));
    if (!ip.empty()) wait = std::max(wait, ceil_seconds(cache_.locked_for(ip_key(ip))));
    return wait;
  } catch (const cache::CacheError& e) {
    spdlog::warn("login throttle unavailable, allowing the attempt: {}", e.what());
    return 0;
  }
}

std::int64_t LoginThrottle::record_failure(std::string_view account, std::string_view ip) {
  try {
    std::int64_t wait = ceil_seconds(
        cache_.record_failure(account_key(account), backoff(policy_.account_free_failures)));
    if (!ip.empty()) {
      wait = std::max(
          wait, ceil_seconds(cache_.record_failure(ip_key(ip), backoff(policy_.ip_free_failures))));
    }
    return wait;
  } catch (const cache::CacheError& e) {
    spdlog::warn("login throttle unavailable, failure not counted: {}", e.what());
    return 0;
  }
}

void LoginThrottle::record_success(std::string_view account) {
  try {
    cache_.del(account_key(account));
  } catch (const cache::CacheError& e) {
    spdlog::warn("login throttle unavailable, account record not cleared: {}", e.what());
  }
}

}  // namespace prism::auth
