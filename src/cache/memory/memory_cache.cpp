#include "cache/memory/memory_cache.hpp"

#include <charconv>
#include <limits>
#include <stdexcept>

#include "cache/backoff.hpp"
#include "cache/gcra.hpp"

namespace prism::cache {
namespace {

void check_ttl(std::chrono::seconds ttl) {
  if (ttl.count() < 0) throw std::invalid_argument("cache ttl must not be negative");
}

std::int64_t micros(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

}  // namespace

MemoryCache::MemoryCache(std::size_t max_entries, Clock clock)
    : max_entries_(max_entries == 0 ? 1 : max_entries),
      clock_(clock ? std::move(clock) : [] { return std::chrono::steady_clock::now(); }) {}

std::size_t MemoryCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

MemoryCache::Map::iterator MemoryCache::find_live(std::string_view key, TimePoint now) {
  // Heterogeneous lookup needs C++20 transparent hashing; one copy is cheaper
  // to read than that machinery for short cache keys.
  auto it = entries_.find(std::string(key));
  if (it != entries_.end() && it->second.expires_at && *it->second.expires_at <= now) {
    erase(it);
    return entries_.end();
  }
  return it;
}

void MemoryCache::erase(Map::iterator it) {
  write_order_.erase(it->second.order);
  if (it->second.expires_at) by_expiry_.erase(it->second.expiry);
  entries_.erase(it);
}

void MemoryCache::make_room(TimePoint now) {
  while (!by_expiry_.empty() && by_expiry_.begin()->first <= now) {
    erase(entries_.find(by_expiry_.begin()->second));
  }
  while (entries_.size() >= max_entries_) {
    erase(entries_.find(write_order_.front()));
  }
}

void MemoryCache::put(std::string key, std::string value, std::optional<TimePoint> expires_at) {
  write_order_.push_back(key);
  Entry entry{std::move(value), expires_at, std::prev(write_order_.end()), by_expiry_.end()};
  if (expires_at) entry.expiry = by_expiry_.emplace(*expires_at, key);
  entries_.emplace(std::move(key), std::move(entry));
}

std::optional<std::string> MemoryCache::get(std::string_view key) {
  commands_.add();
  std::lock_guard lock(mutex_);
  auto it = find_live(key, clock_());
  if (it == entries_.end()) return std::nullopt;
  return it->second.value;
}

void MemoryCache::set(std::string_view key, std::string value, std::chrono::seconds ttl) {
  check_ttl(ttl);
  commands_.add();
  std::lock_guard lock(mutex_);
  TimePoint now = clock_();
  auto it = find_live(key, now);
  if (it != entries_.end()) erase(it);
  make_room(now);
  std::optional<TimePoint> expires_at;
  if (ttl.count() > 0) expires_at = now + ttl;
  put(std::string(key), std::move(value), expires_at);
}

std::int64_t MemoryCache::incr(std::string_view key, std::chrono::seconds ttl) {
  check_ttl(ttl);
  commands_.add();
  std::lock_guard lock(mutex_);
  TimePoint now = clock_();
  auto it = find_live(key, now);
  if (it == entries_.end()) {
    make_room(now);
    std::optional<TimePoint> expires_at;
    if (ttl.count() > 0) expires_at = now + ttl;
    put(std::string(key), "1", expires_at);
    return 1;
  }
  std::string& text = it->second.value;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw CacheError("cache value is not an integer");
  }
  if (value == std::numeric_limits<std::int64_t>::max()) {
    throw CacheError("cache counter would overflow");
  }
  text = std::to_string(++value);
  // A counter that is still being written is not a candidate for eviction.
  write_order_.splice(write_order_.end(), write_order_, it->second.order);
  return value;
}

void MemoryCache::del(std::string_view key) {
  commands_.add();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(key));
  if (it != entries_.end()) erase(it);
}

RateDecision MemoryCache::rate_limit(std::string_view key, int limit,
                                     std::chrono::milliseconds period) {
  check_rate_limit(limit, period);
  commands_.add();
  std::lock_guard lock(mutex_);
  TimePoint now = clock_();
  std::optional<std::int64_t> stored;
  auto it = find_live(key, now);
  if (it != entries_.end()) {
    std::int64_t tat = 0;
    const std::string& text = it->second.value;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), tat);
    if (ec == std::errc() && end == text.data() + text.size()) stored = tat;
  }
  GcraStep step = gcra_step(micros(now), stored, limit, period);
  if (step.decision.allowed) {
    if (it != entries_.end()) erase(it);
    make_room(now);
    // The entry lives exactly as long as it constrains anything.
    TimePoint expires_at = now + std::chrono::microseconds(step.new_tat_us - micros(now));
    put(std::string(key), std::to_string(step.new_tat_us), expires_at);
  }
  return step.decision;
}

std::chrono::milliseconds MemoryCache::record_failure(std::string_view key,
                                                      const BackoffPolicy& policy) {
  check_backoff(policy);
  commands_.add();
  std::lock_guard lock(mutex_);
  TimePoint now = clock_();
  std::optional<BackoffState> stored;
  auto it = find_live(key, now);
  if (it != entries_.end()) {
    stored = parse_backoff(it->second.value);
    erase(it);
  }
  BackoffStep step = backoff_step(micros(now), stored, policy);
  make_room(now);
  put(std::string(key), format_backoff(step.state),
      now + std::chrono::microseconds(step.keep_for_us));
  return std::chrono::milliseconds(ceil_to_ms(step.lock_for_us));
}

std::chrono::milliseconds MemoryCache::locked_for(std::string_view key) {
  commands_.add();
  std::lock_guard lock(mutex_);
  TimePoint now = clock_();
  auto it = find_live(key, now);
  if (it == entries_.end()) return std::chrono::milliseconds(0);
  auto state = parse_backoff(it->second.value);
  if (!state) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds(ceil_to_ms(state->lock_us - micros(now)));
}

std::uint64_t MemoryCache::clear_prefix(std::string_view prefix) {
  if (prefix.empty()) throw std::invalid_argument("cache prefix must not be empty");
  commands_.add();
  std::lock_guard lock(mutex_);
  std::uint64_t removed = 0;
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto next = std::next(it);
    if (it->first.starts_with(prefix)) {
      erase(it);
      ++removed;
    }
    it = next;
  }
  return removed;
}

}  // namespace prism::cache
