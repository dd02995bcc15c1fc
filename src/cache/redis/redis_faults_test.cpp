// Faults of the Redis backends against real redis-server processes of the
// test's own: stopped (SIGSTOP), wrong password, wrong CA, spent budget.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "cache/redis/redis_cache.hpp"
#include "cache/resilient_cache.hpp"
#include "cache/upstash/upstash_cache.hpp"
#include "support/redis_server.hpp"
#include "support/upstash_rest_server.hpp"

namespace prism::cache {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using prism::testing::RedisServer;

// Scheduling on a loaded 2-core machine under ASan, on top of the 250 ms
// deadline.
constexpr auto kSlack = 250ms;

std::unique_ptr<RedisCache> connect(const std::string& url, std::string ca = {}) {
  RedisSettings settings = parse_redis_url(url);
  settings.ca_file = std::move(ca);
  settings.timeout = 250ms;
  return std::make_unique<RedisCache>(settings);
}

template <typename Predicate>
bool eventually(std::chrono::milliseconds limit, Predicate predicate) {
  auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return predicate();
}

bool redis_available() { return std::system("command -v redis-server >/dev/null 2>&1") == 0; }

class RedisFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!redis_available()) GTEST_SKIP() << "redis-server is not installed";
  }
};

TEST_F(RedisFaults, AStoppedServerFailsWithinTheDeadlineAndIsUsedAgainAfterItResumes) {
  RedisServer server;
  auto cache = connect(server.url());
  cache->set("fault:k", "v", 60s);
  server.pause();
  auto start = Clock::now();
  EXPECT_THROW(cache->get("fault:k"), CacheUnavailable);
  EXPECT_LT(Clock::now() - start, 250ms + kSlack);
  // The circuit is open: the next callers do not wait at all.
  start = Clock::now();
  EXPECT_THROW(cache->get("fault:k"), CacheUnavailable);
  EXPECT_LT(Clock::now() - start, 50ms);
  ASSERT_TRUE(cache->down_reason());
  EXPECT_NE(cache->down_reason()->find("no answer within 250 ms"), std::string::npos)
      << *cache->down_reason();
  std::this_thread::sleep_for(2s);  // reconnect attempts meet the stopped server meanwhile
  server.resume();
  auto resumed = Clock::now();
  EXPECT_TRUE(eventually(30s, [&] { return !cache->down_reason(); }));
  EXPECT_LT(Clock::now() - resumed, 10s);
  EXPECT_EQ(cache->get("fault:k"), "v");
}

TEST_F(RedisFaults, TheResilientCacheServesLocallyWhileRedisIsStopped) {
  RedisServer server;
  ResilientCache cache(connect(server.url()), "redis", std::nullopt);
  cache.set("fault:shared", "before", 60s);
  ASSERT_TRUE(cache.status().up);
  server.pause();
  auto start = Clock::now();
  cache.set("fault:shared", "during", 60s);  // times out once, then goes local
  EXPECT_LT(Clock::now() - start, 250ms + kSlack);
  start = Clock::now();
  EXPECT_EQ(cache.get("fault:shared"), "during");
  EXPECT_TRUE(cache.rate_limit("fault:rl", 2, 60'000ms).allowed);
  EXPECT_TRUE(cache.rate_limit("fault:rl", 2, 60'000ms).allowed);
  EXPECT_FALSE(cache.rate_limit("fault:rl", 2, 60'000ms).allowed) << "limits stay closed locally";
  EXPECT_LT(Clock::now() - start, 100ms);
  CacheStatus down = cache.status();
  EXPECT_FALSE(down.up);
  EXPECT_FALSE(down.cause.empty());
  EXPECT_FALSE(cache.ping());

  server.resume();
  EXPECT_TRUE(eventually(30s, [&] { return cache.status().up; }));
  // The value written during the outage never existed remotely, so the
  // stale remote one was deleted once Redis came back.
  EXPECT_EQ(cache.get("fault:shared"), std::nullopt);
  cache.set("fault:shared", "after", 60s);
  auto direct = connect(server.url());
  EXPECT_EQ(direct->get("fault:shared"), "after");
}

TEST_F(RedisFaults, AWrongPasswordIsReportedWithoutTheSecret) {
  RedisServer server;
  const std::string wrong = "not-the-password-4711";
  auto cache = connect(server.url(wrong));
  EXPECT_THROW(cache->get("k"), CacheUnavailable);
  ASSERT_TRUE(eventually(2s, [&] { return cache->down_reason().has_value(); }));
  std::string reason = *cache->down_reason();
  EXPECT_NE(reason.find("authentication failed"), std::string::npos) << reason;
  EXPECT_EQ(reason.find(wrong), std::string::npos) << reason;
  EXPECT_FALSE(cache->ping());
}

TEST_F(RedisFaults, AWrongCaIsReportedAsTlsVerification) {
  if (!RedisServer::tls_available())
    GTEST_SKIP() << "PRISM_TEST_REDIS_TLS_DIR is unset (tests/services/redis.sh)";
  RedisServer server(true);
  auto dir =
      std::filesystem::temp_directory_path() / ("prism-wrong-ca-" + std::to_string(::getpid()));
  auto wrong_ca = RedisServer::make_unrelated_ca(dir);
  auto cache = connect(server.url(), wrong_ca.string());
  EXPECT_THROW(cache->get("k"), CacheUnavailable);
  ASSERT_TRUE(eventually(3s, [&] { return cache->down_reason().has_value(); }));
  std::string reason = *cache->down_reason();
  EXPECT_NE(reason.find("TLS handshake failed"), std::string::npos) << reason;
  EXPECT_NE(reason.find("certificate verify failed"), std::string::npos) << reason;
  std::filesystem::remove_all(dir);

  // The right CA works, and the host name is checked against the certificate.
  auto good = connect(server.url(), std::getenv("PRISM_TEST_REDIS_CA"));
  good->set("tls:k", "v", 60s);
  EXPECT_EQ(good->get("tls:k"), "v");
  // By address: the certificate names 127.0.0.1 too.
  std::string by_address = server.url();
  by_address.replace(by_address.find("localhost"), 9, "127.0.0.1");
  auto numeric = connect(by_address, std::getenv("PRISM_TEST_REDIS_CA"));
  EXPECT_EQ(numeric->get("tls:k"), "v");
}

TEST_F(RedisFaults, ASpentBudgetMovesCallsToTheLocalCacheAndStaysReady) {
  RedisServer server;
  ResilientCache cache(connect(server.url()), "redis", 3);
  cache.set("budget:a", "remote", 60s);  // 1
  cache.get("budget:a");                 // 2
  cache.del("budget:none");              // 3: the budget is spent
  cache.set("budget:a", "local", 60s);
  EXPECT_EQ(cache.get("budget:a"), "local");
  EXPECT_EQ(cache.commands_today(), 3u);
  CacheStatus s = cache.status();
  EXPECT_TRUE(s.up);
  EXPECT_TRUE(s.budget_exhausted);
  EXPECT_EQ(s.daily_budget, 3u);
  EXPECT_EQ(cache.commands_today(), 3u) << "the status probe spent no command";
  auto direct = connect(server.url());
  EXPECT_EQ(direct->get("budget:a"), "remote");
}

TEST_F(RedisFaults, AnAclUserAndADatabaseNumberFromTheUrl) {
  RedisServer server;
  auto admin = connect(server.url());
  // The test talks to Redis directly only to set up the user and to look
  // into database 3 afterwards.
  auto port = std::to_string(server.port());
  std::string cli = std::string("REDISCLI_AUTH=") + RedisServer::kPassword +
                    " redis-cli -h 127.0.0.1 -p " + port + " ";
  ASSERT_EQ(std::system((cli + "ACL SETUSER app on '>app-pass' '~*' '+@all' >/dev/null").c_str()),
            0);
  auto app = connect("redis://app:app-pass@127.0.0.1:" + port + "/3");
  app->set("acl:k", "in-db-3", 60s);
  EXPECT_EQ(app->get("acl:k"), "in-db-3");
  EXPECT_EQ(admin->get("acl:k"), std::nullopt) << "database 0 must not hold it";
  auto db3 = connect(server.url() + "/3");
  EXPECT_EQ(db3->get("acl:k"), "in-db-3");
  auto wrong_user = connect("redis://app:wrong@127.0.0.1:" + port);
  EXPECT_THROW(wrong_user->get("acl:k"), CacheUnavailable);
}

TEST_F(RedisFaults, AServerThatForgotItsScriptsGetsThemAgain) {
  RedisServer server;
  auto cache = connect(server.url());
  EXPECT_EQ(cache->incr("scripts:n", 60s), 1);
  std::string cli = std::string("REDISCLI_AUTH=") + RedisServer::kPassword +
                    " redis-cli -h 127.0.0.1 -p " + std::to_string(server.port()) + " ";
  ASSERT_EQ(std::system((cli + "SCRIPT FLUSH >/dev/null").c_str()), 0);
  auto before = cache->commands_today();
  EXPECT_EQ(cache->incr("scripts:n", 60s), 2);  // EVALSHA: NOSCRIPT, then EVAL
  EXPECT_EQ(cache->commands_today() - before, 2u);
  before = cache->commands_today();
  EXPECT_EQ(cache->incr("scripts:n", 60s), 3);  // known again: one EVALSHA
  EXPECT_EQ(cache->commands_today() - before, 1u);
}

TEST_F(RedisFaults, UpstashWithAWrongTokenIsDownWithTheCause) {
  RedisServer server;
  prism::testing::UpstashRestServer stand_in(server.url(), "right-token");
  UpstashCache cache(UpstashSettings{stand_in.url(), "wrong-token-0815", 250ms});
  EXPECT_THROW(cache.get("k"), CacheUnavailable);
  ASSERT_TRUE(cache.down_reason());
  EXPECT_NE(cache.down_reason()->find("401"), std::string::npos) << *cache.down_reason();
  EXPECT_EQ(cache.down_reason()->find("wrong-token-0815"), std::string::npos);
  UpstashCache good(UpstashSettings{stand_in.url(), "right-token", 250ms});
  EXPECT_TRUE(good.ping());
}

TEST_F(RedisFaults, UpstashBehindAStoppedRedisFailsFastAndComesBack) {
  RedisServer server;
  prism::testing::UpstashRestServer stand_in(server.url(), "token");
  UpstashCache cache(UpstashSettings{stand_in.url(), "token", 250ms});
  cache.set("up:k", "v", 60s);
  server.pause();
  auto start = Clock::now();
  EXPECT_THROW(cache.get("up:k"), CacheUnavailable);
  EXPECT_LT(Clock::now() - start, 250ms + kSlack);
  start = Clock::now();
  EXPECT_THROW(cache.get("up:k"), CacheUnavailable);
  EXPECT_LT(Clock::now() - start, 50ms);
  server.resume();
  EXPECT_TRUE(eventually(30s, [&] { return !cache.down_reason(); }));
  EXPECT_EQ(cache.get("up:k"), "v");
}

}  // namespace
}  // namespace prism::cache
