// `prism serve` on Redis over TLS and on the Upstash stand-in, and the
// faults of issue 12: a stopped Redis, a wrong password, a wrong CA and a
// spent command budget. Every Redis here is a real redis-server process.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/redis_server.hpp"
#include "support/redis_tls_fixture.hpp"
#include "support/server_process.hpp"
#include "support/upstash_rest_server.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::HttpClient;
using testing::RedisServer;
using testing::ServerProcess;

// The `cache` object of a /ready answer (empty when missing).
json::object cache_report(const testing::HttpResponse& r) {
  try {
    const auto& deps = r.json().as_object().at("dependencies").as_object();
    if (deps.at("cache").is_object()) return deps.at("cache").as_object();
  } catch (const std::exception&) {
  }
  return {};
}

std::string field(const json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

// Polls /ready until `predicate` holds; returns the last answer. A server
// started without waiting for readiness may not be listening yet.
template <typename Predicate>
testing::HttpResponse ready_until(HttpClient& client, std::chrono::milliseconds limit,
                                  Predicate predicate) {
  auto deadline = Clock::now() + limit;
  testing::HttpResponse r;
  for (;;) {
    try {
      r = client.get("/ready");
      break;
    } catch (const std::exception&) {
      if (Clock::now() > deadline) throw;
      std::this_thread::sleep_for(25ms);
    }
  }
  while (!predicate(r) && Clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
    r = client.get("/ready");
  }
  return r;
}

bool ready_with(const testing::HttpResponse& r, long status, const char* cache_status) {
  return r.status == status && field(cache_report(r), "status") == cache_status;
}

using RedisServe = testing::RedisTlsTest;

TEST_F(RedisServe, KeepsServingWhileRedisIsStoppedAndUsesItAgainWhenItResumes) {
  RedisServer redis(true);
  ServerProcess server({{"REDIS_URL", redis.url()}, {"REDIS_CA_CERT", ca_}});
  HttpClient client(server.base_url());
  auto user = testing::register_user(client);
  auto ready = client.get("/ready");
  ASSERT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(field(cache_report(ready), "backend"), "redis") << ready.body;
  ASSERT_EQ(client.get("/api/v1/auth/me").status, 200);

  redis.pause();
  auto paused = Clock::now();
  // Nothing else touches the cache meanwhile: /ready finds out by itself.
  auto down = ready_until(client, 5s, [](const auto& r) { return r.status == 503; });
  EXPECT_LT(Clock::now() - paused, 5s);
  ASSERT_TRUE(ready_with(down, 503, "unavailable")) << down.body;
  EXPECT_FALSE(field(cache_report(down), "cause").empty()) << down.body;
  for (int i = 0; i < 5; ++i) {
    auto start = Clock::now();
    auto r = client.get("/api/v1/auth/me");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_LT(Clock::now() - start, 1s) << "read " << i;
  }
  // Login throttling keeps working on the local fallback.
  auto start = Clock::now();
  EXPECT_FALSE(testing::login(client, user.email, user.password).empty());
  EXPECT_LT(Clock::now() - start, 1s);

  redis.resume();
  auto resumed = Clock::now();
  auto up = ready_until(client, 30s, [](const auto& r) { return r.status == 200; });
  EXPECT_TRUE(ready_with(up, 200, "ok")) << up.body;
  EXPECT_LT(Clock::now() - resumed, 30s);
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(server.log().find(RedisServer::kPassword), std::string::npos)
      << "the Redis password appeared in the log";
  EXPECT_NE(server.log().find("redis: "), std::string::npos);
}

TEST_F(RedisServe, AWrongPasswordMakesTheCacheDownWithItsCauseWhileTheApiServes) {
  RedisServer redis(true);
  const std::string wrong = "wrong-redis-secret-31337";
  ServerProcess server({{"REDIS_URL", redis.url(wrong)}, {"REDIS_CA_CERT", ca_}}, false);
  HttpClient client(server.base_url());
  auto r = ready_until(client, 10s, [](const auto& r) { return r.status == 503; });
  ASSERT_TRUE(ready_with(r, 503, "unavailable")) << r.body;
  EXPECT_NE(field(cache_report(r), "cause").find("authentication failed"), std::string::npos)
      << r.body;
  testing::register_user(client);
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 200);
  EXPECT_NE(server.log().find("authentication failed"), std::string::npos);
  EXPECT_EQ(server.log().find(wrong), std::string::npos) << "the password appeared in the log";
  EXPECT_EQ(r.body.find(wrong), std::string::npos);
}

TEST_F(RedisServe, AWrongCaMakesTheCacheDownNamingTlsVerification) {
  RedisServer redis(true);
  auto dir =
      std::filesystem::temp_directory_path() / ("prism-it-wrong-ca-" + std::to_string(::getpid()));
  auto wrong_ca = RedisServer::make_unrelated_ca(dir);
  ServerProcess server({{"REDIS_URL", redis.url()}, {"REDIS_CA_CERT", wrong_ca.string()}}, false);
  HttpClient client(server.base_url());
  auto r = ready_until(client, 10s, [](const auto& r) { return r.status == 503; });
  ASSERT_TRUE(ready_with(r, 503, "unavailable")) << r.body;
  EXPECT_NE(field(cache_report(r), "cause").find("certificate verify failed"), std::string::npos)
      << r.body;
  EXPECT_NE(server.log().find("TLS handshake failed: certificate verify failed"),
            std::string::npos);
  EXPECT_EQ(client.get("/health").status, 200);
  std::filesystem::remove_all(dir);
}

TEST_F(RedisServe, ASpentBudgetIsAFieldOfReadyAndInMetrics) {
  RedisServer redis(true);
  ServerProcess server(
      {{"REDIS_URL", redis.url()}, {"REDIS_CA_CERT", ca_}, {"REDIS_DAILY_COMMAND_BUDGET", "3"}});
  HttpClient client(server.base_url());
  testing::register_user(client);  // spends more than three commands
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 200);
  auto r = client.get("/ready");
  EXPECT_EQ(r.status, 200) << r.body;
  auto report = cache_report(r);
  EXPECT_EQ(field(report, "status"), "ok") << r.body;
  ASSERT_TRUE(report.contains("budget_exhausted")) << r.body;
  EXPECT_TRUE(report.at("budget_exhausted").as_bool()) << r.body;
  auto metrics = client.get("/metrics").body;
  EXPECT_NE(metrics.find("prism_cache_command_budget 3\n"), std::string::npos) << metrics;
  // A call may start just under the budget; a script the server does not
  // know yet costs a second command (EVAL after NOSCRIPT).
  auto at = metrics.find("\nprism_cache_commands_total ");
  ASSERT_NE(at, std::string::npos) << metrics;
  long used = std::stol(metrics.substr(at + 28));
  EXPECT_GE(used, 3);
  EXPECT_LE(used, 4);
}

TEST(UpstashServe, ServesThroughTheRestStandIn) {
  const char* redis_url = std::getenv("PRISM_TEST_REDIS_URL");
  if (!redis_url) GTEST_SKIP() << "PRISM_TEST_REDIS_URL is unset (tests/services/redis.sh)";
  const std::string token = "upstash-token-for-serve-test";
  testing::UpstashRestServer stand_in(redis_url, token);
  ServerProcess server(
      {{"UPSTASH_REDIS_REST_URL", stand_in.url()}, {"UPSTASH_REDIS_REST_TOKEN", token}});
  HttpClient client(server.base_url());
  testing::register_user(client);
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 200);
  auto r = client.get("/ready");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(field(cache_report(r), "backend"), "upstash") << r.body;
  EXPECT_GT(stand_in.commands(), 0);
  auto config = server.log();
  EXPECT_EQ(config.find(token), std::string::npos) << "the token appeared in the log";
}

// The stand-in itself speaks Upstash's format: auth, /pipeline, /multi-exec.
TEST(UpstashStandIn, SpeaksTheRestFormat) {
  const char* redis_url = std::getenv("PRISM_TEST_REDIS_URL");
  if (!redis_url) GTEST_SKIP() << "PRISM_TEST_REDIS_URL is unset (tests/services/redis.sh)";
  testing::UpstashRestServer stand_in(redis_url, "tok");
  HttpClient client(stand_in.url());
  auto unauthorized = client.raw("POST", "/", R"(["PING"])", "application/json");
  EXPECT_EQ(unauthorized.status, 401);
  client.set_bearer("tok");
  auto set = client.raw("POST", "/", R"(["SET","standin:k","v","EX",60])", "application/json");
  EXPECT_EQ(set.status, 200);
  EXPECT_EQ(json::serialize(set.json()), R"({"result":"OK"})");
  auto bad = client.raw("POST", "/", R"(["INCR","standin:k"])", "application/json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json().as_object().contains("error")) << bad.body;
  auto pipeline = client.raw("POST", "/pipeline", R"([["INCR","standin:n"],["GET","standin:k"]])",
                             "application/json");
  ASSERT_EQ(pipeline.status, 200) << pipeline.body;
  EXPECT_EQ(json::serialize(pipeline.json()), R"([{"result":1},{"result":"v"}])");
  auto multi = client.raw("POST", "/multi-exec", R"([["INCR","standin:n"],["DEL","standin:n"]])",
                          "application/json", {{"Upstash-Encoding", "base64"}});
  ASSERT_EQ(multi.status, 200) << multi.body;
  EXPECT_EQ(json::serialize(multi.json()), R"([{"result":2},{"result":1}])");
  auto encoded = client.raw("POST", "/", R"(["GET","standin:k"])", "application/json",
                            {{"Upstash-Encoding", "base64"}});
  EXPECT_EQ(json::serialize(encoded.json()), R"({"result":"dg=="})");
  client.raw("POST", "/", R"(["DEL","standin:k"])", "application/json");
}

}  // namespace
}  // namespace prism
