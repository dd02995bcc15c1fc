#pragma once

#include <chrono>
#include <functional>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

#include "cache/cache.hpp"
#include "cache/command_counter.hpp"

namespace prism::cache {

// An in-process cache for a single instance. Memory is bounded: when full, it
// first drops expired entries, then the least recently written ones.
class MemoryCache final : public Cache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit MemoryCache(std::size_t max_entries = 100'000, Clock clock = nullptr);

  std::optional<std::string> get(std::string_view key) override;
  void set(std::string_view key, std::string value, std::chrono::seconds ttl) override;
  std::int64_t incr(std::string_view key, std::chrono::seconds ttl) override;
  void del(std::string_view key) override;
  RateDecision rate_limit(std::string_view key, int limit,
                          std::chrono::milliseconds period) override;
  std::chrono::milliseconds record_failure(std::string_view key,
                                           const BackoffPolicy& policy) override;
  std::chrono::milliseconds locked_for(std::string_view key) override;
  std::uint64_t clear_prefix(std::string_view prefix) override;
  bool ping() override { return true; }
  std::uint64_t commands_today() const override { return commands_.today(); }

  std::size_t size() const;

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  struct Entry {
    std::string value;
    std::optional<TimePoint> expires_at;
    std::list<std::string>::iterator order;                  // position in write_order_
    std::multimap<TimePoint, std::string>::iterator expiry;  // valid when expires_at is set
  };
  using Map = std::unordered_map<std::string, Entry>;

  // Returns the live entry for `key`, erasing it first when it has expired.
  Map::iterator find_live(std::string_view key, TimePoint now);
  void put(std::string key, std::string value, std::optional<TimePoint> expires_at);
  void erase(Map::iterator it);
  void make_room(TimePoint now);

  CommandCounter commands_;
  const std::size_t max_entries_;
  Clock clock_;
  mutable std::mutex mutex_;
  Map entries_;
  std::list<std::string> write_order_;               // oldest write first
  std::multimap<TimePoint, std::string> by_expiry_;  // soonest expiry first
};

}  // namespace prism::cache
