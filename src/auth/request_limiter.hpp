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

// Limits one kind of request that costs us or someone else dearly when
// repeated (registrations, reset e-mails, invitation e-mails, share-link
// reads) per client address and in total, each by one atomic GCRA decision
// in the shared cache (Cache::rate_limit), so the limit holds across
// instances: a burst of the whole limit, then one request per window /
// limit. A request past either limit is refused with 429, Retry-After (when
// the next one may pass) and the RateLimit headers. When
// the cache fails the limiter lets requests through and logs, like the login
// throttle: these requests must keep working.
class RequestLimiter {
 public:
  // `kind` names the requests in cache keys and messages, e.g. "registrations".
  RequestLimiter(cache::Cache& cache, std::string kind, RequestLimit limit);

  // Counts a request from `ip`; throws prism::Error (429) when it is over a limit.
  void admit(std::string_view ip);

 private:
  cache::Cache& cache_;
  std::string kind_;
  RequestLimit limit_;
};

// One atomic GCRA decision (Cache::rate_limit): `limit` requests per
// `window` under `key`, as a burst or spread out. Throws prism::Error (429,
// with Retry-After and the RateLimit headers' numbers) when it is refused;
// a cache failure is the caller's (CacheError) to judge.
void enforce_rate(cache::Cache& cache, const std::string& key, int limit,
                  std::chrono::seconds window, std::string why);

// The part of a client address that identifies one client: an IPv4 address
// as it is, an IPv6 address by its /64 (one subscriber's whole prefix).
std::string client_key(std::string_view ip);

}  // namespace prism::auth
