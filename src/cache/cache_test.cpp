#include "cache/cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "cache/memory/memory_cache.hpp"
#include "cache/redis/redis_cache.hpp"
#include "cache/resilient_cache.hpp"
#include "cache/upstash/upstash_cache.hpp"
#include "support/upstash_rest_server.hpp"

namespace prism::cache {
namespace {

using namespace std::chrono_literals;

// Every backend registers a factory here and passes the same suite. A
// remote backend's factory returns null when its server is not configured
// (tests/services/redis.sh exports the variables; script/test sources it).
struct Backend {
  std::string name;
  std::function<std::unique_ptr<Cache>()> make;
};

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::unique_ptr<RedisCache> redis_backend(const char* url_variable) {
  std::string url = env(url_variable);
  if (url.empty()) return nullptr;
  RedisSettings settings = parse_redis_url(url);
  settings.ca_file = env("PRISM_TEST_REDIS_CA");
  // Generous for a loaded 2-core machine running the sanitizer build.
  settings.timeout = std::chrono::milliseconds(2000);
  return std::make_unique<RedisCache>(settings);
}

// The Upstash backend through the REST stand-in, in front of the real Redis.
std::unique_ptr<Cache> upstash_backend() {
  std::string url = env("PRISM_TEST_REDIS_URL");
  if (url.empty()) return nullptr;
  static const std::string kToken = "stand-in-token";
  static auto server = std::make_unique<prism::testing::UpstashRestServer>(url, kToken);
  return std::make_unique<UpstashCache>(
      UpstashSettings{server->url(), kToken, std::chrono::milliseconds(2000)});
}

std::vector<Backend> backends() {
  return {
      {"memory", [] { return std::make_unique<MemoryCache>(); }},
      {"redis", []() -> std::unique_ptr<Cache> { return redis_backend("PRISM_TEST_REDIS_URL"); }},
      {"redis_tls",
       []() -> std::unique_ptr<Cache> { return redis_backend("PRISM_TEST_REDISS_URL"); }},
      {"upstash", [] { return upstash_backend(); }},
      // What the application uses: Redis with the in-process fallback.
      {"resilient_redis", []() -> std::unique_ptr<Cache> {
         auto remote = redis_backend("PRISM_TEST_REDIS_URL");
         if (!remote) return nullptr;
         return std::make_unique<ResilientCache>(std::move(remote), "redis", std::nullopt);
       }}};
}

class CacheSuite : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    cache_ = GetParam().make();
    if (!cache_) {
      GTEST_SKIP() << "no server for the " << GetParam().name
                   << " backend: PRISM_TEST_REDIS_URL / PRISM_TEST_REDISS_URL are unset "
                      "(source tests/services/redis.sh and run redis_start)";
    }
  }
  // Keys are unique per test and run so a shared backend (Redis) needs no
  // flushing.
  std::string key(std::string_view name) const {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // The run's id keeps keys apart when the same Redis serves several runs.
    static const std::string run =
        std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    return "test:" + run + ":" + info->name() + ":" + std::string(name);
  }
  std::unique_ptr<Cache> cache_;
};

TEST_P(CacheSuite, GetSetOverwriteDelete) {
  EXPECT_EQ(cache_->get(key("a")), std::nullopt);
  cache_->set(key("a"), "one", 60s);
  EXPECT_EQ(cache_->get(key("a")), "one");
  cache_->set(key("a"), "two", 60s);
  EXPECT_EQ(cache_->get(key("a")), "two");
  cache_->del(key("a"));
  EXPECT_EQ(cache_->get(key("a")), std::nullopt);
  cache_->del(key("never-set"));  // deleting a missing key is fine
}

TEST_P(CacheSuite, ValuesAreBinarySafe) {
  std::string value("a\0b\xff\n", 5);
  cache_->set(key("bin"), value, 60s);
  EXPECT_EQ(cache_->get(key("bin")), value);
  cache_->set(key("empty"), "", 60s);
  EXPECT_EQ(cache_->get(key("empty")), "");
}

TEST_P(CacheSuite, IncrCreatesAtOneThenCounts) {
  EXPECT_EQ(cache_->incr(key("n"), 60s), 1);
  EXPECT_EQ(cache_->incr(key("n"), 60s), 2);
  EXPECT_EQ(cache_->incr(key("n"), 60s), 3);
  EXPECT_EQ(cache_->get(key("n")), "3");
  cache_->set(key("m"), "41", 60s);
  EXPECT_EQ(cache_->incr(key("m"), 60s), 42);
}

TEST_P(CacheSuite, IncrOfANonIntegerIsACacheError) {
  cache_->set(key("s"), "abc", 60s);
  EXPECT_THROW(cache_->incr(key("s"), 60s), CacheError);
  EXPECT_EQ(cache_->get(key("s")), "abc");
}

TEST_P(CacheSuite, EntriesExpireAndIncrKeepsTheFirstExpiry) {
  cache_->set(key("short"), "v", 1s);
  cache_->set(key("forever"), "v", 0s);
  EXPECT_EQ(cache_->incr(key("counter"), 1s), 1);
  std::this_thread::sleep_for(600ms);
  // A later incr must not push the expiry out, or a window would never end.
  EXPECT_EQ(cache_->incr(key("counter"), 60s), 2);
  std::this_thread::sleep_for(700ms);
  EXPECT_EQ(cache_->get(key("short")), std::nullopt);
  EXPECT_EQ(cache_->get(key("counter")), std::nullopt);
  EXPECT_EQ(cache_->get(key("forever")), "v");
  EXPECT_EQ(cache_->incr(key("counter"), 60s), 1);
  cache_->del(key("forever"));
}

TEST_P(CacheSuite, NegativeTtlIsRejected) {
  EXPECT_THROW(cache_->set(key("x"), "v", -1s), std::invalid_argument);
  EXPECT_THROW(cache_->incr(key("x"), -1s), std::invalid_argument);
}

TEST_P(CacheSuite, ConcurrentIncrementsAreAtomic) {
  constexpr int kThreads = 8, kEach = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) cache_->incr(key("c"), 60s);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(cache_->get(key("c")), std::to_string(kThreads * kEach));
}

TEST_P(CacheSuite, Pings) { EXPECT_TRUE(cache_->ping()); }

TEST_P(CacheSuite, RateLimitAllowsABurstThenSpacesRequests) {
  // 4 per 2 s: a burst of 4, then one more every 500 ms.
  for (int i = 0; i < 4; ++i) {
    RateDecision d = cache_->rate_limit(key("rl"), 4, 2000ms);
    EXPECT_TRUE(d.allowed) << i;
    EXPECT_EQ(d.remaining, 3 - i);
    EXPECT_EQ(d.retry_after, 0ms);
    EXPECT_GT(d.reset_after, 0ms);
    EXPECT_LE(d.reset_after, 2000ms);
  }
  RateDecision denied = cache_->rate_limit(key("rl"), 4, 2000ms);
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.remaining, 0);
  EXPECT_GT(denied.retry_after, 0ms);
  EXPECT_LE(denied.retry_after, 500ms);
  EXPECT_GT(denied.reset_after, 1500ms);
  // A denied request does not use up anything.
  EXPECT_FALSE(cache_->rate_limit(key("rl"), 4, 2000ms).allowed);
  std::this_thread::sleep_for(denied.retry_after + 50ms);
  RateDecision again = cache_->rate_limit(key("rl"), 4, 2000ms);
  EXPECT_TRUE(again.allowed);
  EXPECT_EQ(again.remaining, 0);
  EXPECT_FALSE(cache_->rate_limit(key("rl"), 4, 2000ms).allowed);
}

TEST_P(CacheSuite, RateLimitKeysAreIndependentAndRefill) {
  EXPECT_TRUE(cache_->rate_limit(key("a"), 1, 300ms).allowed);
  EXPECT_FALSE(cache_->rate_limit(key("a"), 1, 300ms).allowed);
  EXPECT_TRUE(cache_->rate_limit(key("b"), 1, 300ms).allowed);
  std::this_thread::sleep_for(350ms);
  RateDecision d = cache_->rate_limit(key("a"), 1, 300ms);
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.remaining, 0);
}

TEST_P(CacheSuite, RateLimitDecisionsAreAtomic) {
  constexpr int kThreads = 8, kEach = 20, kLimit = 50;
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        if (cache_->rate_limit(key("shared"), kLimit, 60'000ms).allowed) ++allowed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), kLimit);
}

TEST_P(CacheSuite, FailuresLockAfterTheFreeOnesWithADoublingDelay) {
  BackoffPolicy p{3, 200ms, 800ms, 60'000ms};
  EXPECT_EQ(cache_->locked_for(key("f")), 0ms);
  EXPECT_EQ(cache_->record_failure(key("f"), p), 0ms);
  EXPECT_EQ(cache_->record_failure(key("f"), p), 0ms);
  EXPECT_EQ(cache_->locked_for(key("f")), 0ms);
  // The third locks for base, then 2 × base, … up to max.
  for (auto expected : {200ms, 400ms, 800ms, 800ms}) {
    auto lock = cache_->record_failure(key("f"), p);
    EXPECT_GT(lock, expected - 20ms);
    EXPECT_LE(lock, expected);
    auto left = cache_->locked_for(key("f"));
    EXPECT_GT(left, expected - 100ms);
    EXPECT_LE(left, expected);
  }
  std::this_thread::sleep_for(850ms);
  EXPECT_EQ(cache_->locked_for(key("f")), 0ms);
  cache_->del(key("f"));
  EXPECT_EQ(cache_->record_failure(key("f"), p), 0ms) << "del forgets the failures";
  EXPECT_EQ(cache_->locked_for(key("other")), 0ms);
}

TEST_P(CacheSuite, FailuresAreForgottenAfterTheWindowButALockRunsOut) {
  BackoffPolicy p{2, 600ms, 600ms, 300ms};
  cache_->record_failure(key("w"), p);
  std::this_thread::sleep_for(350ms);
  EXPECT_EQ(cache_->record_failure(key("w"), p), 0ms) << "the window restarted: one failure";
  EXPECT_GT(cache_->record_failure(key("w"), p), 0ms);
  std::this_thread::sleep_for(350ms);
  // The window is over but the lock (600 ms) is not.
  EXPECT_GT(cache_->locked_for(key("w")), 0ms);
}

TEST_P(CacheSuite, ConcurrentFailuresAreAllCounted) {
  constexpr int kThreads = 8, kEach = 10;
  BackoffPolicy p{kThreads * kEach, 60'000ms, 60'000ms, 60'000ms};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach - 1; ++i) cache_->record_failure(key("cf"), p);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(cache_->locked_for(key("cf")), 0ms) << "one short of the free failures";
  for (int t = 0; t < kThreads - 1; ++t) cache_->record_failure(key("cf"), p);
  EXPECT_GT(cache_->record_failure(key("cf"), p), 59'000ms) << "one past the free failures";
}

TEST_P(CacheSuite, BackoffRejectsNonsense) {
  EXPECT_THROW(cache_->record_failure(key("x"), {0, 1000ms, 1000ms, 1000ms}),
               std::invalid_argument);
  EXPECT_THROW(cache_->record_failure(key("x"), {1, 0ms, 1000ms, 1000ms}), std::invalid_argument);
  EXPECT_THROW(cache_->record_failure(key("x"), {1, 2000ms, 1000ms, 1000ms}),
               std::invalid_argument);
}

TEST_P(CacheSuite, ClearingAPrefixRemovesItsKeysAndNoOthers) {
  for (int i = 0; i < 25; ++i) cache_->set(key("clear:a:" + std::to_string(i)), "v", 60s);
  cache_->incr(key("clear:a:counter"), 60s);
  cache_->set(key("clear:b"), "stays", 60s);
  cache_->set(key("clear*x"), "stays too: a * in the prefix is no wildcard", 60s);
  EXPECT_EQ(cache_->clear_prefix(key("clear:a:")), 26u);
  EXPECT_FALSE(cache_->get(key("clear:a:3")));
  EXPECT_EQ(cache_->get(key("clear:b")), "stays");
  EXPECT_EQ(cache_->clear_prefix(key("clear*")), 1u);
  EXPECT_EQ(cache_->get(key("clear:b")), "stays");
  EXPECT_EQ(cache_->clear_prefix(key("clear:a:")), 0u);
  EXPECT_THROW(cache_->clear_prefix(""), std::invalid_argument);
}

TEST_P(CacheSuite, RateLimitRejectsNonsense) {
  EXPECT_THROW(cache_->rate_limit(key("x"), 0, 1000ms), std::invalid_argument);
  EXPECT_THROW(cache_->rate_limit(key("x"), 1, 0ms), std::invalid_argument);
}

TEST_P(CacheSuite, CountsOneCommandPerCall) {
  cache_->incr(key("warm"), 60s);  // a script's first run may cost a second command (NOSCRIPT)
  cache_->rate_limit(key("warm"), 5, 1000ms);
  std::uint64_t before = cache_->commands_today();
  cache_->set(key("k"), "v", 60s);
  cache_->get(key("k"));
  cache_->incr(key("n"), 60s);
  cache_->rate_limit(key("r"), 5, 1000ms);
  cache_->del(key("k"));
  EXPECT_EQ(cache_->commands_today() - before, 5u);
}

INSTANTIATE_TEST_SUITE_P(Backends, CacheSuite, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param.name; });

// Memory-specific: bounded size and eviction order, with a controllable clock.
class MemoryCacheBounds : public ::testing::Test {
 protected:
  std::chrono::steady_clock::time_point now_{};
  MemoryCache cache_{3, [this] { return now_; }};
};

TEST_F(MemoryCacheBounds, EvictsExpiredEntriesBeforeLiveOnes) {
  cache_.set("old-live", "1", 0s);
  cache_.set("expiring", "2", 10s);
  cache_.set("newer-live", "3", 0s);
  now_ += 11s;
  cache_.set("new", "4", 0s);
  EXPECT_EQ(cache_.size(), 3u);
  EXPECT_EQ(cache_.get("old-live"), "1");
  EXPECT_EQ(cache_.get("expiring"), std::nullopt);
  EXPECT_EQ(cache_.get("new"), "4");
}

TEST_F(MemoryCacheBounds, EvictsTheOldestWriteWhenNothingExpired) {
  cache_.set("a", "1", 0s);
  cache_.set("b", "2", 0s);
  cache_.set("c", "3", 0s);
  cache_.incr("x", 60s);      // evicts a
  cache_.set("b", "22", 0s);  // rewriting b makes c the oldest
  cache_.set("d", "4", 0s);   // evicts c
  EXPECT_EQ(cache_.size(), 3u);
  EXPECT_EQ(cache_.get("a"), std::nullopt);
  EXPECT_EQ(cache_.get("c"), std::nullopt);
  EXPECT_EQ(cache_.get("b"), "22");
  EXPECT_EQ(cache_.get("x"), "1");
  EXPECT_EQ(cache_.get("d"), "4");
}

TEST_F(MemoryCacheBounds, ExpiryFollowsTheClock) {
  cache_.set("k", "v", 5s);
  now_ += 4s;
  EXPECT_EQ(cache_.get("k"), "v");
  now_ += 1s;
  EXPECT_EQ(cache_.get("k"), std::nullopt);
  EXPECT_EQ(cache_.size(), 0u);
}

}  // namespace
}  // namespace prism::cache
