#include "services/mcp/session_rules.hpp"

#include <gtest/gtest.h>

namespace prism::services::mcp {
namespace {

store::mcp_sessions::Session seen_at(std::int64_t t) {
  return store::mcp_sessions::Session{"s1", "u1", std::nullopt, "2025-11-25", "",
                                      0,    t,    std::nullopt};
}

TEST(McpSessionRules, UsableOnlyByItsUserBeforeTheIdleTimeAndUntilEnded) {
  SessionPolicy policy{10'000};
  auto s = seen_at(1'000);
  EXPECT_TRUE(usable(s, "u1", 10'999, policy));
  EXPECT_FALSE(usable(s, "u1", 11'000, policy));
  EXPECT_FALSE(usable(s, "u2", 2'000, policy));
  EXPECT_FALSE(usable(std::nullopt, "u1", 2'000, policy));
  s.ended_at = 1'500;
  EXPECT_FALSE(usable(s, "u1", 2'000, policy));
}

TEST(McpSessionRules, UseIsRecordedOncePerMinuteOrQuarterOfTheIdleTime) {
  SessionPolicy day{24LL * 3600 * 1000};
  EXPECT_EQ(day.touch_interval_ms(), 60'000);
  EXPECT_FALSE(stale(seen_at(0), 59'999, day));
  EXPECT_TRUE(stale(seen_at(0), 60'000, day));
  SessionPolicy short_idle{8'000};
  EXPECT_EQ(short_idle.touch_interval_ms(), 2'000);
  EXPECT_TRUE(stale(seen_at(0), 2'000, short_idle));
}

}  // namespace
}  // namespace prism::services::mcp
