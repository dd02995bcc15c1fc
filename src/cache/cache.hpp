#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace prism::cache {

// The cache backend failed (e.g. Redis unreachable). Callers decide whether
// to fail open (rate limits) or surface a 503.
class CacheError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A small key-value cache with expiry, shared by rate limits, login
// throttling and AI response caching. Every backend (in-process, Redis) is
// thread-safe and passes the same test suite (cache_test.cpp).
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
  // Whether the backend answers (for /ready).
  virtual bool ping() = 0;
};

}  // namespace prism::cache
