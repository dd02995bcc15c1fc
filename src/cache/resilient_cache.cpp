#include "cache/resilient_cache.hpp"

#include <spdlog/spdlog.h>

namespace prism::cache {
namespace {

using namespace std::chrono_literals;

// /ready is probed often; a command that succeeded this recently is proof
// enough, so an idle instance does not spend its command budget on probes.
constexpr auto kFreshSuccess = 2s;
// Invalidations remembered during an outage; past this the oldest are lost
// (entries expire anyway).
constexpr std::size_t kMaxStale = 10'000;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ResilientCache::ResilientCache(std::unique_ptr<CommandCache> remote, std::string backend,
                               std::optional<std::uint64_t> daily_budget)
    : remote_(std::move(remote)), backend_(std::move(backend)), daily_budget_(daily_budget) {}

bool ResilientCache::use_remote() const {
  if (!remote_) return false;
  if (daily_budget_ && remote_->commands_today() >= *daily_budget_) return false;
  return !remote_->down_reason();
}

void ResilientCache::remember_stale(std::string_view key) {
  if (!remote_) return;
  std::lock_guard lock(stale_mutex_);
  if (stale_.size() >= kMaxStale) stale_.erase(stale_.begin());
  stale_.emplace(key);
}

void ResilientCache::replay_invalidations() {
  std::unordered_set<std::string> keys;
  {
    std::lock_guard lock(stale_mutex_);
    if (stale_.empty()) return;
    keys.swap(stale_);
  }
  spdlog::info("cache: the {} backend is back; deleting {} key(s) changed locally meanwhile",
               backend_, keys.size());
  try {
    remote_->del_many({keys.begin(), keys.end()});
  } catch (const CacheError&) {
    for (const auto& key : keys) remember_stale(key);
  }
}

template <typename Remote, typename Local>
auto ResilientCache::route(std::string_view key, bool writes, Remote remote, Local local) {
  if (use_remote()) {
    try {
      replay_invalidations();
      auto result = remote();
      last_success_ms_ = now_ms();
      return result;
    } catch (const CacheUnavailable&) {
      // The remote backend logged why; this call is served locally.
    }
  }
  if (writes) remember_stale(key);
  return local();
}

std::optional<std::string> ResilientCache::get(std::string_view key) {
  return route(
      key, false, [&] { return remote_->get(key); }, [&] { return local_.get(key); });
}

void ResilientCache::set(std::string_view key, std::string value, std::chrono::seconds ttl) {
  // route() needs a value to return; `value` is copied only on the fallback.
  route(
      key, true,
      [&] {
        remote_->set(key, value, ttl);
        return 0;
      },
      [&] {
        local_.set(key, std::move(value), ttl);
        return 0;
      });
}

std::int64_t ResilientCache::incr(std::string_view key, std::chrono::seconds ttl) {
  return route(
      key, true, [&] { return remote_->incr(key, ttl); }, [&] { return local_.incr(key, ttl); });
}

void ResilientCache::del(std::string_view key) {
  route(
      key, true,
      [&] {
        remote_->del(key);
        return 0;
      },
      [&] {
        local_.del(key);
        return 0;
      });
}

RateDecision ResilientCache::rate_limit(std::string_view key, int limit,
                                        std::chrono::milliseconds period) {
  return route(
      key, false, [&] { return remote_->rate_limit(key, limit, period); },
      [&] { return local_.rate_limit(key, limit, period); });
}

std::chrono::milliseconds ResilientCache::record_failure(std::string_view key,
                                                         const BackoffPolicy& policy) {
  return route(
      key, false, [&] { return remote_->record_failure(key, policy); },
      [&] { return local_.record_failure(key, policy); });
}

std::chrono::milliseconds ResilientCache::locked_for(std::string_view key) {
  return route(
      key, false, [&] { return remote_->locked_for(key); }, [&] { return local_.locked_for(key); });
}

std::uint64_t ResilientCache::clear_prefix(std::string_view prefix) {
  std::uint64_t removed = local_.clear_prefix(prefix);
  if (remote_) removed += remote_->clear_prefix(prefix);
  return removed;
}

bool ResilientCache::ping() {
  if (!remote_) return true;
  if (daily_budget_ && remote_->commands_today() >= *daily_budget_) return true;
  if (remote_->down_reason()) return false;
  if (now_ms() - last_success_ms_ < std::chrono::milliseconds(kFreshSuccess).count()) return true;
  bool ok = remote_->ping();
  if (ok) last_success_ms_ = now_ms();
  return ok;
}

std::uint64_t ResilientCache::commands_today() const {
  return remote_ ? remote_->commands_today() : local_.commands_today();
}

CacheStatus ResilientCache::status() {
  CacheStatus s;
  s.backend = backend_;
  s.daily_budget = daily_budget_;
  s.up = ping();
  s.commands_today = commands_today();
  s.budget_exhausted = daily_budget_ && s.commands_today >= *daily_budget_;
  if (!s.up && remote_) s.cause = remote_->down_reason().value_or("it does not answer PING");
  return s;
}

}  // namespace prism::cache
