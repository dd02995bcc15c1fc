#include "services/operations/cache_clear.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "cache/keys.hpp"
#include "cache/memory/memory_cache.hpp"
#include "store/sessions_store.hpp"
#include "store/testing_db.hpp"

namespace prism::services::operations {
namespace {

using namespace std::chrono_literals;

class CacheClearTest : public ::testing::Test {
 protected:
  void fill() {
    cache_.set(std::string(cache::keys::kGeneration) + "k1", "g1", 60s);
    cache_.set(std::string(cache::keys::kGeneration) + "k2", "g2", 60s);
    cache_.rate_limit(std::string(cache::keys::kRequestLimit) + "login:ip:1", 5, 60'000ms);
    cache_.incr(std::string(cache::keys::kResetMail) + "a", 1h);
    cache_.record_failure(std::string(cache::keys::kLoginThrottle) + "account:x", {});
    cache_.set("unrelated", "stays", 60s);
  }
  std::int64_t audit_rows() {
    return tdb_.db().read([](store::Tx& tx) {
      return tx
          .query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'cache.rate_limits_cleared'")
          ->i64(0);
    });
  }
  store::testing::TempDatabase tdb_;
  cache::MemoryCache cache_;
};

TEST_F(CacheClearTest, GenerationsOnly) {
  fill();
  auto report = clear_cache(cache_, tdb_.db(), CacheGroup::kGenerations);
  EXPECT_EQ(report.generations, 2u);
  EXPECT_EQ(report.rate_limits, 0u);
  EXPECT_FALSE(cache_.get(std::string(cache::keys::kGeneration) + "k1"));
  EXPECT_TRUE(cache_.get(std::string(cache::keys::kResetMail) + "a"));
  EXPECT_EQ(audit_rows(), 0);
  EXPECT_EQ(describe(report).find("rate limits"), std::string::npos) << describe(report);
}

TEST_F(CacheClearTest, RateLimitsAreClearedAndAudited) {
  fill();
  auto report = clear_cache(cache_, tdb_.db(), CacheGroup::kRateLimits);
  EXPECT_EQ(report.rate_limits, 3u);
  EXPECT_EQ(cache_.locked_for(std::string(cache::keys::kLoginThrottle) + "account:x"), 0ms);
  EXPECT_TRUE(cache_.get(std::string(cache::keys::kGeneration) + "k1"));
  EXPECT_EQ(cache_.get("unrelated"), "stays");
  EXPECT_EQ(audit_rows(), 1);
}

// Sessions are not in the cache: clearing them tells every instance's
// session cache to forget what it holds, and changes nothing in the database.
TEST_F(CacheClearTest, SessionsAreAnnouncedNotDeleted) {
  ASSERT_TRUE(tdb_.wait_for_notifications());
  std::mutex mutex;
  std::vector<std::string> heard;
  auto sub = tdb_.db().notifications().listen(std::string(store::sessions::kChangesChannel),
                                              [&](std::string_view p) {
                                                std::lock_guard lock(mutex);
                                                heard.emplace_back(p);
                                              });
  fill();
  auto report = clear_cache(cache_, tdb_.db(), CacheGroup::kSessions);
  EXPECT_TRUE(report.sessions_announced);
  EXPECT_EQ(report.generations + report.rate_limits, 0u);
  std::lock_guard lock(mutex);
  ASSERT_EQ(heard.size(), 1u) << "the committing process hears it at once";
  EXPECT_EQ(heard[0], "*");
  EXPECT_EQ(audit_rows(), 0);
}

TEST_F(CacheClearTest, AllClearsEveryKindAndNothingElse) {
  fill();
  auto report = clear_cache(cache_, tdb_.db(), CacheGroup::kAll);
  EXPECT_EQ(report.generations, 2u);
  EXPECT_EQ(report.rate_limits, 3u);
  EXPECT_TRUE(report.sessions_announced);
  EXPECT_EQ(cache_.size(), 1u);
  EXPECT_EQ(cache_.get("unrelated"), "stays");
}

TEST(CacheGroups, ParseTheCommandLineNames) {
  EXPECT_EQ(parse_cache_group("generations"), CacheGroup::kGenerations);
  EXPECT_EQ(parse_cache_group("sessions"), CacheGroup::kSessions);
  EXPECT_EQ(parse_cache_group("ratelimits"), CacheGroup::kRateLimits);
  EXPECT_EQ(parse_cache_group("all"), CacheGroup::kAll);
  EXPECT_FALSE(parse_cache_group("everything"));
}

}  // namespace
}  // namespace prism::services::operations
