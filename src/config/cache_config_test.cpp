#include "config/cache_config.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"

namespace prism::config {
namespace {

std::string error_of(const Env& env) {
  try {
    load_cache_config(env);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(CacheConfig, DefaultsToTheInProcessCache) {
  CacheConfig c = load_cache_config({});
  EXPECT_EQ(c.backend(), "memory");
  EXPECT_EQ(c.timeout_ms, 250);
  EXPECT_FALSE(c.daily_command_budget);
}

TEST(CacheConfig, ReadsRedisAndTheBudget) {
  CacheConfig c = load_cache_config({{"REDIS_URL", "rediss://app:s3cret@cache.example:6380/2"},
                                     {"REDIS_TIMEOUT_MS", "100"},
                                     {"REDIS_DAILY_COMMAND_BUDGET", "10000"}});
  EXPECT_EQ(c.backend(), "redis");
  EXPECT_EQ(c.timeout_ms, 100);
  EXPECT_EQ(c.daily_command_budget, 10000u);
}

TEST(CacheConfig, BadValuesNameTheVariable) {
  EXPECT_EQ(error_of({{"REDIS_URL", "http://cache:6379"}}).rfind("REDIS_URL: ", 0), 0u);
  EXPECT_EQ(error_of({{"REDIS_URL", "redis://cache:6379/99"}}).rfind("REDIS_URL: ", 0), 0u);
  EXPECT_EQ(error_of({{"REDIS_TIMEOUT_MS", "0"}}).rfind("REDIS_TIMEOUT_MS: ", 0), 0u);
  EXPECT_EQ(
      error_of({{"REDIS_DAILY_COMMAND_BUDGET", "-5"}}).rfind("REDIS_DAILY_COMMAND_BUDGET: ", 0),
      0u);
  EXPECT_EQ(error_of({{"REDIS_URL", "redis://cache:6379"}, {"REDIS_CA_CERT", "/etc/hostname"}})
                .rfind("REDIS_CA_CERT: ", 0),
            0u);
  EXPECT_EQ(
      error_of({{"REDIS_URL", "rediss://cache:6379"}, {"REDIS_CA_CERT", "/nonexistent/ca.pem"}})
          .rfind("REDIS_CA_CERT: ", 0),
      0u);
  EXPECT_EQ(error_of({{"UPSTASH_REDIS_REST_URL", "https://x.upstash.io"}})
                .rfind("UPSTASH_REDIS_REST_TOKEN: ", 0),
            0u);
  EXPECT_EQ(error_of({{"UPSTASH_REDIS_REST_URL", "http://x.upstash.io"},
                      {"UPSTASH_REDIS_REST_TOKEN", "t"}})
                .rfind("UPSTASH_REDIS_REST_URL: ", 0),
            0u);
  EXPECT_EQ(error_of({{"REDIS_URL", "redis://cache:6379"},
                      {"UPSTASH_REDIS_REST_URL", "https://x.upstash.io"},
                      {"UPSTASH_REDIS_REST_TOKEN", "t"}})
                .rfind("UPSTASH_REDIS_REST_URL: ", 0),
            0u);
  // The password is never part of an error.
  EXPECT_EQ(error_of({{"REDIS_URL", "redis://u:hunter2@cache:6379/x"}}).find("hunter2"),
            std::string::npos);
}

TEST(CacheConfig, PlainHttpIsOnlyForALoopbackStandIn) {
  for (const char* url : {"http://127.0.0.1:8079", "http://localhost:8079", "http://[::1]:8079"}) {
    EXPECT_EQ(error_of({{"UPSTASH_REDIS_REST_URL", url}, {"UPSTASH_REDIS_REST_TOKEN", "t"}}), "")
        << url;
  }
}

TEST(CacheConfig, DescribeRedactsThePasswordAndTheToken) {
  std::string redis = describe(load_cache_config({{"REDIS_URL", "redis://app:s3cret@cache:6379"}}));
  EXPECT_EQ(redis.find("s3cret"), std::string::npos) << redis;
  EXPECT_NE(redis.find("REDIS_URL=redis://***@cache:6379"), std::string::npos) << redis;
  std::string upstash =
      describe(load_cache_config({{"UPSTASH_REDIS_REST_URL", "https://x.upstash.io"},
                                  {"UPSTASH_REDIS_REST_TOKEN", "AXtoken"}}));
  EXPECT_EQ(upstash.find("AXtoken"), std::string::npos) << upstash;
  EXPECT_NE(upstash.find("UPSTASH_REDIS_REST_TOKEN=(redacted"), std::string::npos) << upstash;
}

}  // namespace
}  // namespace prism::config
