#include "auth/throttle.hpp"

#include <gtest/gtest.h>

#include "cache/memory/memory_cache.hpp"

namespace prism::auth {
namespace {

using namespace std::chrono_literals;

// The cache decides the time (Redis's on the server, this one a fake clock),
// so tests can move it.
class ThrottleTest : public ::testing::Test {
 protected:
  void advance(std::chrono::milliseconds d) { now_ms_ += d.count(); }

  std::int64_t now_ms_ = 1'800'000'000'000;
  cache::MemoryCache cache_{
      1000,
      [this] { return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms_)); }};
  LoginThrottle throttle_{cache_, ThrottlePolicy{}};
};

TEST_F(ThrottleTest, DelaysGrowAfterTheFreeFailuresAndAreCapped) {
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(throttle_.record_failure("a@x.io", "10.0.0.1"), 0);
    EXPECT_EQ(throttle_.retry_after("a@x.io", "10.0.0.1"), 0);
  }
  std::int64_t expected = 1;
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(throttle_.record_failure("a@x.io", "10.0.0.1"), expected);
    EXPECT_EQ(throttle_.retry_after("a@x.io", "10.0.0.1"), expected);
    advance(std::chrono::seconds(expected) - 1ms);
    EXPECT_EQ(throttle_.retry_after("a@x.io", "10.0.0.1"), 1) << "rounds up";
    advance(1ms);
    EXPECT_EQ(throttle_.retry_after("a@x.io", "10.0.0.1"), 0);
    expected = std::min<std::int64_t>(expected * 2, 60);
  }
  EXPECT_EQ(throttle_.record_failure("a@x.io", "10.0.0.1"), 60);
}

TEST_F(ThrottleTest, AccountsAreThrottledIndependently) {
  for (int i = 0; i < 5; ++i) throttle_.record_failure("a@x.io", "10.0.0.1");
  EXPECT_EQ(throttle_.retry_after("a@x.io", "10.0.0.2"), 1) << "the account, from any IP";
  EXPECT_EQ(throttle_.retry_after("b@x.io", "10.0.0.2"), 0);
}

TEST_F(ThrottleTest, SuccessResetsTheAccountButNotTheIp) {
  for (int i = 0; i < 6; ++i) throttle_.record_failure("a@x.io", "10.0.0.1");
  throttle_.record_success("a@x.io");
  EXPECT_EQ(throttle_.retry_after("a@x.io", "10.0.0.1"), 0);
  EXPECT_EQ(throttle_.record_failure("a@x.io", "10.0.0.1"), 0) << "count starts over";

  // The IP's 20th failure (6 + 1 + 12 + 1) imposes a delay even though the
  // failures spread over many accounts and one success happened in between.
  for (int i = 0; i < 12; ++i) throttle_.record_failure("user" + std::to_string(i), "10.0.0.1");
  EXPECT_EQ(throttle_.retry_after("fresh@x.io", "10.0.0.1"), 0);
  EXPECT_EQ(throttle_.record_failure("another@x.io", "10.0.0.1"), 1);
  EXPECT_EQ(throttle_.retry_after("fresh@x.io", "10.0.0.1"), 1);
  EXPECT_EQ(throttle_.retry_after("fresh@x.io", "10.0.0.9"), 0);
}

TEST_F(ThrottleTest, FailuresAreForgottenAfterTheWindow) {
  for (int i = 0; i < 4; ++i) throttle_.record_failure("a@x.io", "10.0.0.1");
  advance(15min);
  EXPECT_EQ(throttle_.record_failure("a@x.io", "10.0.0.1"), 0);
}

// Each check and each failure is one command per key: a successful login
// costs three (two checks, one reset), a failed one four.
TEST_F(ThrottleTest, OneCommandPerKeyAndDecision) {
  auto before = cache_.commands_today();
  EXPECT_EQ(throttle_.retry_after("a@x.io", "10.0.0.1"), 0);
  throttle_.record_success("a@x.io");
  EXPECT_EQ(cache_.commands_today() - before, 3u);
  before = cache_.commands_today();
  EXPECT_EQ(throttle_.retry_after("a@x.io", "10.0.0.1"), 0);
  throttle_.record_failure("a@x.io", "10.0.0.1");
  EXPECT_EQ(cache_.commands_today() - before, 4u);
}

class BrokenCache : public cache::Cache {
 public:
  std::optional<std::string> get(std::string_view) override { throw cache::CacheError("down"); }
  void set(std::string_view, std::string, std::chrono::seconds) override {
    throw cache::CacheError("down");
  }
  std::int64_t incr(std::string_view, std::chrono::seconds) override {
    throw cache::CacheError("down");
  }
  void del(std::string_view) override { throw cache::CacheError("down"); }
  cache::RateDecision rate_limit(std::string_view, int, std::chrono::milliseconds) override {
    throw cache::CacheError("down");
  }
  std::chrono::milliseconds record_failure(std::string_view, const cache::BackoffPolicy&) override {
    throw cache::CacheError("down");
  }
  std::chrono::milliseconds locked_for(std::string_view) override {
    throw cache::CacheError("down");
  }
  std::uint64_t clear_prefix(std::string_view) override { throw cache::CacheError("down"); }
  bool ping() override { return false; }
  std::uint64_t commands_today() const override { return 0; }
};

TEST(ThrottleFailOpen, ABrokenCacheNeverBlocksLogins) {
  BrokenCache broken;
  LoginThrottle throttle(broken);
  EXPECT_EQ(throttle.retry_after("a@x.io", "10.0.0.1"), 0);
  EXPECT_EQ(throttle.record_failure("a@x.io", "10.0.0.1"), 0);
  EXPECT_NO_THROW(throttle.record_success("a@x.io"));
}

}  // namespace
}  // namespace prism::auth
