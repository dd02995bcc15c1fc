#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace prism::cache {

// The cache backend failed (e.g. Redis unreachable, or a command that the
// value does not allow). Callers decide whether to fail open or answer 503.
class CacheError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The backend could not be asked at all: unreachable, timed out, circuit
// open. Unlike a plain CacheError, asking another backend is the right move.
class CacheUnavailable : public CacheError {
 public:
  using CacheError::CacheError;
};

// One rate-limit decision (GCRA): whether this request may pass, how many
// more may pass right now, when the next one may pass when this one may not,
// and when the limiter is back to a full burst.
struct RateDecision {
  bool allowed = false;
  std::int64_t remaining = 0;
  std::chrono::milliseconds retry_after{0};
  std::chrono::milliseconds reset_after{0};
};

// Backoff after repeated failures (a login throttle): from the `free`-th
// failure within `window` of the first, each one locks the key for
// base × 2^(n − free), at most `max`.
struct BackoffPolicy {
  int free = 5;
  std::chrono::milliseconds base{1000};
  std::chrono::milliseconds max{60'000};
  std::chrono::milliseconds window{900'000};
};

// A small key-value cache with expiry, shared by rate limits, login
// throttling and AI response caching. Every backend (in-process, Redis,
// Upstash) is thread-safe and passes the same test suite (cache_test.cpp).
//
// A `ttl` of zero means "no expiry"; a negative ttl is std::invalid_argument.
class Cache {
 public:
  virtual ~Cache() = default;

  virtual std::optional<std::string> get(std::string_view key) = 0;
  virtual void set(std::string_view key, std::string value, std::chrono::seconds ttl) = 0;
  // Atomically adds one. A missing key is created at 1 with `ttl`; an existing
  // key keeps its expiry. Throws CacheError when the value is not an integer.
  virtual std::int64_t incr(std::string_view key, std::chrono::seconds ttl) = 0;
  virtual void del(std::string_view key) = 0;
  // Allows `limit` requests per `period` under `key`, as a burst or spread
  // out (GCRA), decided by one atomic command. A limit or period below one
  // is std::invalid_argument.
  virtual RateDecision rate_limit(std::string_view key, int limit,
                                  std::chrono::milliseconds period) = 0;
  // Counts one failure under `key` (BackoffPolicy) and returns how long the
  // key is locked from now on (zero: not locked). One atomic command, so
  // instances racing on a key cannot shorten each other's lock; the lock
  // never ends earlier than one already set. An invalid policy is
  // std::invalid_argument. del(key) forgets the failures and the lock.
  virtual std::chrono::milliseconds record_failure(std::string_view key,
                                                   const BackoffPolicy& policy) = 0;
  // How long `key` stays locked from now (zero: not locked). One command.
  virtual std::chrono::milliseconds locked_for(std::string_view key) = 0;
  // Deletes every key that starts with `prefix` (which must not be empty)
  // and returns how many there were. Not atomic: keys written meanwhile may
  // stay. On Redis it walks the keys with SCAN, a command per thousand.
  virtual std::uint64_t clear_prefix(std::string_view prefix) = 0;
  // Whether the backend answers (for /ready).
  virtual bool ping() = 0;
  // Commands sent to the backend since the start of the current UTC day
  // (what a hosted Redis bills); in-process backends count operations.
  virtual std::uint64_t commands_today() const = 0;
};

}  // namespace prism::cache
