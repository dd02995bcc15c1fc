#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>

#include "cache/memory/memory_cache.hpp"
#include "cache/remote/command_cache.hpp"

namespace prism::cache {

// What /ready and /metrics say about the cache.
struct CacheStatus {
  std::string backend;  // memory, redis or upstash
  bool up = true;       // false: the remote is down and calls go to the local cache
  std::string cause;    // why it is down (no secret)
  bool budget_exhausted = false;
  std::uint64_t commands_today = 0;
  std::optional<std::uint64_t> daily_budget;
};

// The Cache the application uses: a remote backend (Redis, Upstash) with an
// in-process fallback. When the remote is down or today's command budget is
// spent, every call goes to the local cache instead, so requests keep being
// served and rate limits keep limiting (locally, never unlimited). Keys
// written or deleted locally meanwhile are deleted remotely once it is back,
// so a stale remote value never outlives an update made during the outage.
class ResilientCache final : public Cache {
 public:
  // `remote` may be null: then this is the in-process cache alone.
  ResilientCache(std::unique_ptr<CommandCache> remote, std::string backend,
                 std::optional<std::uint64_t> daily_budget);

  std::optional<std::string> get(std::string_view key) override;
  void set(std::string_view key, std::string value, std::chrono::seconds ttl) override;
  std::int64_t incr(std::string_view key, std::chrono::seconds ttl) override;
  void del(std::string_view key) override;
  RateDecision rate_limit(std::string_view key, int limit,
                          std::chrono::milliseconds period) override;
  // Like rate_limit, a failure counted locally during an outage does not
  // delete the remote key afterwards (that would lift a lock set before).
  std::chrono::milliseconds record_failure(std::string_view key,
                                           const BackoffPolicy& policy) override;
  std::chrono::milliseconds locked_for(std::string_view key) override;
  // On the remote and the local cache both; a remote that cannot be reached
  // is an error here (CacheUnavailable), never silently skipped.
  std::uint64_t clear_prefix(std::string_view prefix) override;
  // Whether the remote answers (true when only the budget is spent: the
  // local cache serves then, and asking the remote would spend more).
  bool ping() override;
  std::uint64_t commands_today() const override;

  CacheStatus status();
  std::optional<std::uint64_t> daily_budget() const { return daily_budget_; }

 private:
  bool use_remote() const;
  void remember_stale(std::string_view key);
  void replay_invalidations();
  template <typename Remote, typename Local>
  auto route(std::string_view key, bool writes, Remote remote, Local local);

  std::unique_ptr<CommandCache> remote_;
  const std::string backend_;
  const std::optional<std::uint64_t> daily_budget_;
  MemoryCache local_;
  std::atomic<std::int64_t> last_success_ms_{0};  // steady clock, for ping()
  std::mutex stale_mutex_;
  std::unordered_set<std::string> stale_;  // keys to delete remotely when it is back
};

}  // namespace prism::cache
