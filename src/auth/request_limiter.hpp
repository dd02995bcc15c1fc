#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "cache/cache.hpp"

namespace prism::auth {

// How many requests of one kind are allowed per window; 0 is no limit.
struct RequestLimit {
  int per_ip = 0;  // from one client address (an IPv6 address counts by its /64)
  int total = 0;   // from everyone together
  std::chrono::seconds window{std::chrono::hours(1)};
};

// Counts one kind of request that costs us or someone else dearly when
// repeated (registrations, reset e-mails, invitation e-mails) per client
// address and in total, in fixed windows kept in the shared cache so the
// limit holds across instances. A request past either limit is refused with
// 429, Retry-After (the end of the window) and the RateLimit headers. When
// the cache fails the limiter lets requests through and logs, like the login
// throttle: these requests must keep working.
class RequestLimiter {
 public:
  using NowMs = std::function<std::int64_t()>;

  // `kind` names the requests in cache keys and messages, e.g. "registrations".
  RequestLimiter(cache::Cache& cache, std::string kind, RequestLimit limit, NowMs now_ms = nullptr);

  // Counts a request from `ip`; throws prism::Error (429) when it is over a limit.
  void admit(std::string_view ip);

 private:
  cache::Cache& cache_;
  std::string kind_;
  RequestLimit limit_;
  NowMs now_ms_;
};

// The part of a client address that identifies one client: an IPv4 address
// as it is, an IPv6 address by its /64 (one subscriber's whole prefix).
std::string client_key(std::string_view ip);

}  // namespace prism::auth
