// `prism cache clear` beside a running server on Redis (TLS), as an operator
// runs it: clearing rate limits lifts a login lock set through the API and
// is in the audit log, clearing generations leaves the lock, and a Redis
// that does not answer is an error, not a report of keys cleared.
#include <gtest/gtest.h>

#include <cstdlib>

#include "store/database.hpp"
#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/redis_server.hpp"
#include "support/redis_tls_fixture.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::HttpClient;
using testing::RedisServer;
using testing::ServerProcess;

using CacheClearCommand = testing::RedisTlsTest;

TEST_F(CacheClearCommand, ClearingRateLimitsLiftsALoginLockAndIsAudited) {
  RedisServer redis(true);
  ServerProcess server({{"REDIS_URL", redis.url()}, {"REDIS_CA_CERT", ca_}});
  HttpClient client(server.base_url());
  auto user = testing::register_user(client, "cacheclear");
  json::object wrong{{"email", user.email}, {"password", "definitely wrong pw"}};
  for (int i = 0; i < 5; ++i) client.post("/api/v1/auth/login", wrong);
  json::object right{{"email", user.email}, {"password", user.password}};
  ASSERT_EQ(client.post("/api/v1/auth/login", right).status, 429);

  auto generations = server.run_command({"cache", "clear", "--prefix", "generations"});
  ASSERT_EQ(generations.exit_code, 0) << generations.output;
  EXPECT_NE(generations.output.find("generations: "), std::string::npos) << generations.output;
  EXPECT_EQ(client.post("/api/v1/auth/login", right).status, 429) << "the lock stays";

  auto limits = server.run_command({"cache", "clear", "--prefix", "ratelimits"});
  ASSERT_EQ(limits.exit_code, 0) << limits.output;
  EXPECT_NE(limits.output.find("cache: redis"), std::string::npos) << limits.output;
  EXPECT_NE(limits.output.find("rate limits: "), std::string::npos) << limits.output;
  EXPECT_EQ(limits.output.find(RedisServer::kPassword), std::string::npos);
  EXPECT_EQ(client.post("/api/v1/auth/login", right).status, 200);

  auto db = store::open_database(server.env("DATABASE_URL"));
  auto audited = db->read([](store::Tx& tx) {
    return tx
        .query_one("SELECT COUNT(*) FROM audit_log WHERE action = ?1",
                   {std::string("cache.rate_limits_cleared")})
        ->i64(0);
  });
  EXPECT_EQ(audited, 1);

  auto bad = server.run_command({"cache", "clear", "--prefix", "everything"});
  EXPECT_NE(bad.exit_code, 0);
}

TEST_F(CacheClearCommand, AnUnreachableRedisIsAnErrorAndNothingIsReportedCleared) {
  RedisServer redis(true);
  ServerProcess server({{"REDIS_URL", redis.url()}, {"REDIS_CA_CERT", ca_}});
  redis.pause();
  auto r = server.run_command({"cache", "clear", "--prefix", "generations"});
  redis.resume();
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("could not be cleared"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("removed"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace prism
