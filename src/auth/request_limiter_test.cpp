#include "auth/request_limiter.hpp"

#include <gtest/gtest.h>

#include "cache/memory/memory_cache.hpp"
#include "core/error.hpp"

namespace prism::auth {
namespace {

using namespace std::chrono_literals;

// The limiter and the cache read the same fake clock, so tests can move time.
class RequestLimiterTest : public ::testing::Test {
 protected:
  // The 429 `admit` throws, or nullopt when it lets the request through.
  std::optional<Error> refusal(RequestLimiter& limiter, std::string_view ip) {
    try {
      limiter.admit(ip);
      return std::nullopt;
    } catch (const Error& e) {
      return e;
    }
  }

  // On a window boundary plus ten minutes, so the wait is known.
  std::int64_t now_ms_ = 1'800'000'000'000 - 1'800'000'000'000 % 3'600'000 + 600'000;
  cache::MemoryCache cache_{
      1000,
      [this] { return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms_)); }};
  RequestLimiter limiter_{cache_, "registrations", RequestLimit{3, 5, 1h}};
};

TEST_F(RequestLimiterTest, RefusesPastTheLimitPerAddressThenInTotal) {
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(refusal(limiter_, "198.51.100.7")) << i;
  auto refused = refusal(limiter_, "198.51.100.7");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code(), ErrorCode::kRateLimited);
  EXPECT_EQ(refused->retry_after_seconds, 1200) << "one request per 20 minutes after the burst";
  ASSERT_TRUE(refused->rate_limit);
  EXPECT_EQ(refused->rate_limit->limit, 3);
  EXPECT_EQ(refused->rate_limit->window_seconds, 3600);
  EXPECT_EQ(refused->rate_limit->remaining, 0);

  EXPECT_FALSE(refusal(limiter_, "203.0.113.9"));
  EXPECT_FALSE(refusal(limiter_, "203.0.113.9"));
  auto total = refusal(limiter_, "192.0.2.1");
  ASSERT_TRUE(total) << "five in total";
  EXPECT_EQ(total->rate_limit->limit, 5);

  now_ms_ += 1'200'000;  // one more from that address, not a whole new burst
  EXPECT_FALSE(refusal(limiter_, "198.51.100.7"));
  EXPECT_TRUE(refusal(limiter_, "198.51.100.7"));
}

TEST_F(RequestLimiterTest, AnIpv6SubscriberCountsAsOneClient) {
  EXPECT_EQ(client_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(client_key("2001:db8:1:2:bbbb::2"), "2001:db8:1:2::/64");
  EXPECT_EQ(client_key("::ffff:198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(client_key("198.51.100.7"), "198.51.100.7");
  for (int i = 0; i < 3; ++i)
    EXPECT_FALSE(refusal(limiter_, "2001:db8:1:2::" + std::to_string(i + 1)));
  EXPECT_TRUE(refusal(limiter_, "2001:db8:1:2:ffff::9"));
}

TEST_F(RequestLimiterTest, ZeroMeansNoLimit) {
  RequestLimiter open(cache_, "invitations", RequestLimit{0, 0, 1h});
  for (int i = 0; i < 50; ++i) EXPECT_FALSE(refusal(open, "198.51.100.7"));
}

}  // namespace
}  // namespace prism::auth
