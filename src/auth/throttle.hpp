#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "cache/cache.hpp"

namespace prism::auth {

struct ThrottlePolicy {
  // Failed logins allowed without delay, per account and per client IP (an IP
  // may be a whole office behind NAT, so it gets more).
  int account_free_failures = 5;
  int ip_free_failures = 20;
  // After that, each failure doubles the wait: 1 s, 2 s, 4 s … up to the cap.
  // The cap keeps an attacker from locking a real user out for long.
  std::chrono::seconds base_delay{1};
  std::chrono::seconds max_delay{60};
  // Failure counts are forgotten this long after the first failure.
  std::chrono::seconds window{std::chrono::minutes(15)};
};

// Slows down password guessing, per account (normalized e-mail, known or not)
// and per client IP, with state in the shared cache so it holds across
// instances: each check is one command per key (Cache::locked_for) and each
// failure one atomic command per key (Cache::record_failure), so racing
// instances cannot shorten a lock. When Redis is unreachable the resilient
// cache limits in the process instead. A cache that answers nonsense fails
// open and logs: argon2 already makes each guess expensive, and logins must
// keep working.
class LoginThrottle {
 public:
  explicit LoginThrottle(cache::Cache& cache, ThrottlePolicy policy = {});

  // Seconds the caller must wait before the next attempt; 0 when allowed.
  std::int64_t retry_after(std::string_view account, std::string_view ip);
  // Counts a failed attempt; returns the wait it imposes from now (0 if none).
  std::int64_t record_failure(std::string_view account, std::string_view ip);
  // A correct password clears the account's record; the IP's stays, so one
  // valid account cannot be used to reset the count while guessing others.
  void record_success(std::string_view account);

 private:
  cache::BackoffPolicy backoff(int free_failures) const;

  cache::Cache& cache_;
  ThrottlePolicy policy_;
};

}  // namespace prism::auth
