#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cache/cache.hpp"
#include "store/database.hpp"

namespace prism::services::operations {

// What `prism cache clear --prefix …` clears.
enum class CacheGroup { kGenerations, kSessions, kRateLimits, kAll };
std::optional<CacheGroup> parse_cache_group(std::string_view name);

struct CacheClearReport {
  CacheGroup group = CacheGroup::kAll;
  std::uint64_t generations = 0;  // cached AI answers removed
  std::uint64_t rate_limits = 0;  // rate-limit and throttle keys removed
  // Sessions are not kept in the cache: the database holds them, and each
  // instance keeps the ones it validated in memory. Clearing them announces
  // that every instance drop those (through the database's notifications,
  // so it reaches other processes on PostgreSQL only); the next request of
  // each session is decided by the database again, so no one is signed in
  // or out by this.
  bool sessions_announced = false;
  bool sessions_reach_other_processes = false;
};

// Clears `group` from `cache`. Clearing rate limits is recorded in the audit
// log (the one change here that weakens a protection). A cache that cannot
// be reached is an error (cache::CacheUnavailable): nothing is reported as
// cleared that was not.
CacheClearReport clear_cache(cache::Cache& cache, store::Database& db, CacheGroup group);

std::string describe(const CacheClearReport& report);

}  // namespace prism::services::operations
