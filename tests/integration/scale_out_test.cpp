// Several `prism serve` instances on one PostgreSQL and one Redis, behind
// nginx, behave as one server: sessions, logout, refresh rotation, the login
// throttle, the generation cache and generation streams work whichever
// instance a request reaches. Instance A reaches Redis over RESP with TLS,
// instance B through Upstash's REST API (the local stand-in in front of the
// same Redis), so every shared-state test also proves the two backends
// agree. B also reaches PostgreSQL as the production recipe does on Neon:
// its pool through a transaction-mode pooler (PgBouncer 1.18, which does not
// keep named prepared statements apart), its LISTEN connection directly. Runs when the suites have
// a PostgreSQL and a Redis (PRISM_TEST_POSTGRES_URL, PRISM_TEST_REDISS_URL, PRISM_TEST_REDIS_URL;
// script/test starts both), and is skipped otherwise.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "llm_fixture.hpp"
#include "store/testing_postgres.hpp"
#include "support/api_helpers.hpp"
#include "support/auth_fixture.hpp"
#include "support/fake_llm_server.hpp"
#include "support/nginx_proxy.hpp"
#include "support/org_helpers.hpp"
#include "support/pgbouncer.hpp"
#include "support/server_process.hpp"
#include "support/sse_client.hpp"
#include "support/upstash_rest_server.hpp"

namespace prism::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

class ScaleOutTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto pg = store::testing::test_postgres_url();
    if (!pg || env_or_empty("PRISM_TEST_REDISS_URL").empty() ||
        env_or_empty("PRISM_TEST_REDIS_URL").empty()) {
      return;
    }
    schema_ = std::make_unique<store::testing::PostgresSchema>(*pg);
    llm_ = std::make_unique<FakeLlmServer>();
    upstash_ =
        std::make_unique<UpstashRestServer>(env_or_empty("PRISM_TEST_REDIS_URL"), kUpstashToken);
    a_ = std::make_unique<ServerProcess>(shared_env(Redis::kResp));
    pooler_ = std::make_unique<PgBouncer>(*pg, schema_->name());
    EnvVars b_env = shared_env(Redis::kUpstash);
    for (auto& [name, value] : b_env) {
      if (name == "DATABASE_URL") value = pooler_->url();
    }
    b_env.emplace_back("DATABASE_LISTEN_URL", schema_->url());
    b_ = std::make_unique<ServerProcess>(b_env);
    nginx_ = std::make_unique<NginxProxy>(std::vector<int>{a_->port(), b_->port()});
  }
  static void TearDownTestSuite() {
    nginx_.reset();
    a_.reset();
    b_.reset();
    pooler_.reset();
    llm_.reset();
    upstash_.reset();
    schema_.reset();
  }
  void SetUp() override {
    if (!a_) GTEST_SKIP() << "needs PRISM_TEST_POSTGRES_URL and PRISM_TEST_REDIS(S)_URL";
  }

  static constexpr const char* kUpstashToken = "scale-out-upstash-token-0123456789";
  enum class Redis { kResp, kUpstash };

  // What every instance shares: the database, one Redis (over RESP with TLS
  // and its CA, or through the REST stand-in), the keys, and the AI provider.
  static EnvVars shared_env(Redis redis) {
    EnvVars env = redis == Redis::kResp
                      ? EnvVars{{"REDIS_URL", env_or_empty("PRISM_TEST_REDISS_URL")},
                                {"REDIS_CA_CERT", env_or_empty("PRISM_TEST_REDIS_CA")}}
                      : EnvVars{{"UPSTASH_REDIS_REST_URL", upstash_->url()},
                                {"UPSTASH_REDIS_REST_TOKEN", kUpstashToken}};
    EnvVars common{{"DATABASE_URL", schema_->url()},
                   {"JWT_SECRET_KEY", "scale-out-jwt-secret-0123456789abcdef0123"},
                   {"SECRET_KEY", "scale-out-secret-key-0123456789abcdef01234"},
                   {"AI_DEFAULT_PROVIDER", "openai"},
                   {"OPENAI_BASE_URL", llm_->openai_base_url()},
                   {"OPENAI_API_KEY", "sk-test-openai-0123456789"},
                   {"OPENAI_MODEL", "gpt-4o-mini"},
                   {"AI_MAX_RETRIES", "0"},
                   {"SSE_HEARTBEAT_SECONDS", "1"}};
    env.insert(env.end(), common.begin(), common.end());
    return env;
  }

  static std::string me() { return "/api/v1/auth/me"; }

  // A user registered on A, with a project, and a client per instance
  // holding their access token.
  struct Team {
    TestUser user;
    std::string project;
  };
  Team team(HttpClient& on_a) {
    Team t{register_user(on_a, "scale"), ""};
    t.project = create_project(on_a, t.user.org_id, "Scale", "SCL");
    return t;
  }

  static json::object prd_body(const std::string& product, bool use_cache) {
    return json::object{{"kind", "prd"},
                        {"cache", use_cache},
                        {"input", json::object{{"product_name", product},
                                               {"description", "Across instances"},
                                               {"key_features", json::array{"search"}}}}};
  }
  // POST …/generations through `client`; the new generation's id.
  static std::string start(HttpClient& client, const Team& t, const json::object& body) {
    auto r = client.post("/api/v1/projects/" + t.project + "/generations", body);
    expect_status(r, 202, "POST generations");
    return std::string(r.json().at("id").as_string());
  }
  static std::string events_path(const std::string& id) {
    return "/api/v1/generations/" + id + "/events";
  }
  // GET /auth/me on `client` until it is refused (at most 3 s); the last
  // status and how long it took.
  static std::pair<long, Clock::duration> until_refused(HttpClient& client) {
    auto begin = Clock::now();
    long status = 200;
    while (Clock::now() - begin < 3s && (status = client.get(me()).status) == 200) {
      std::this_thread::sleep_for(10ms);
    }
    return {status, Clock::now() - begin};
  }

  static inline std::unique_ptr<store::testing::PostgresSchema> schema_;
  static inline std::unique_ptr<FakeLlmServer> llm_;
  static inline std::unique_ptr<UpstashRestServer> upstash_;
  static inline std::unique_ptr<ServerProcess> a_;
  static inline std::unique_ptr<ServerProcess> b_;
  static inline std::unique_ptr<PgBouncer> pooler_;
  static inline std::unique_ptr<NginxProxy> nginx_;
};

TEST_F(ScaleOutTest, ASessionMadeOnOneInstanceWorksOnTheOther) {
  HttpClient on_a(a_->base_url());
  auto user = register_user(on_a, "session");
  HttpClient on_b(b_->base_url());
  on_b.set_bearer(user.access_token);
  auto r = on_b.get(me());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("user").at("id").as_string(), user.user_id);
}

TEST_F(ScaleOutTest, LogoutOnOneInstanceIsRejectedOnTheOtherWithinASecond) {
  HttpClient on_a(a_->base_url());
  auto user = register_user(on_a, "logout");
  HttpClient on_b(b_->base_url());
  on_b.set_bearer(user.access_token);
  // B has read (and keeps) the session.
  ASSERT_EQ(on_b.get(me()).status, 200);
  ASSERT_EQ(on_b.get(me()).status, 200);

  ASSERT_EQ(on_a.post("/api/v1/auth/logout", json::object{}).status, 204);
  auto [status, took] = until_refused(on_b);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
  EXPECT_EQ(status, 401);
  EXPECT_LT(ms, 1000) << "B still accepted the session after " << ms << " ms";
}

TEST_F(ScaleOutTest, RefreshRotationAndReuseDetectionWorkAcrossInstances) {
  HttpClient on_a(a_->base_url());
  auto user = register_user(on_a, "refresh");
  auto first = on_a.post("/api/v1/auth/refresh", json::object{});
  ASSERT_EQ(first.status, 200) << first.body;
  std::string old_cookie = refresh_cookie_of(first);
  ASSERT_FALSE(old_cookie.empty());

  // Rotated on B.
  HttpClient on_b(b_->base_url());
  auto rotated = on_b.post("/api/v1/auth/refresh", json::object{},
                           {{"Cookie", "prism_refresh=" + old_cookie}});
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  std::string access = std::string(rotated.json().at("access_token").as_string());
  on_b.set_bearer(access);
  ASSERT_EQ(on_b.get(me()).status, 200);

  // The old token presented again, on A: reuse, and the session ends everywhere.
  HttpClient thief(a_->base_url());
  auto reused = thief.post("/api/v1/auth/refresh", json::object{},
                           {{"Cookie", "prism_refresh=" + old_cookie}});
  expect_problem(reused, 401, "unauthorized");
  auto [status, took] = until_refused(on_b);
  EXPECT_EQ(status, 401);
  EXPECT_LT(took, 1s);
  HttpClient again_a(a_->base_url());
  again_a.set_bearer(access);
  EXPECT_EQ(again_a.get(me()).status, 401);
}

TEST_F(ScaleOutTest, TheLoginThrottleIsShared) {
  HttpClient setup(a_->base_url());
  auto user = register_user(setup, "throttle");
  HttpClient on_a(a_->base_url());
  HttpClient on_b(b_->base_url());
  json::object wrong{{"email", user.email}, {"password", "not-the-password-at-all"}};
  // Five free failures per account in all, spread over both instances.
  for (int i = 0; i < 5; ++i) {
    auto r = (i % 2 == 0 ? on_a : on_b).post("/api/v1/auth/login", wrong);
    ASSERT_EQ(r.status, 401) << "attempt " << i << ": " << r.body;
  }
  // The sixth failure is counted; then both instances make the account wait.
  (void)on_a.post("/api/v1/auth/login", wrong);
  json::object right{{"email", user.email}, {"password", user.password}};
  auto on_b_right = on_b.post("/api/v1/auth/login", right);
  EXPECT_EQ(on_b_right.status, 429) << on_b_right.body;
  EXPECT_FALSE(on_b_right.header("retry-after").empty());
}

TEST_F(ScaleOutTest, AGenerationCachedOnOneInstanceIsAHitOnTheOther) {
  HttpClient on_a(a_->base_url());
  auto t = team(on_a);
  json::object body = prd_body("Cachet " + t.user.user_id, true);
  std::string id = start(on_a, t, body);
  for (int i = 0; i < 400; ++i) {
    auto g = on_a.get("/api/v1/generations/" + id).json();
    if (g.at("status") == "succeeded") break;
    ASSERT_NE(g.at("status"), "failed") << g;
    std::this_thread::sleep_for(25ms);
  }
  int calls = llm_->calls();

  HttpClient on_b(b_->base_url());
  on_b.set_bearer(t.user.access_token);
  long rest_commands = upstash_->commands();
  auto hit = on_b.post("/api/v1/projects/" + t.project + "/generations", body);
  ASSERT_EQ(hit.status, 202) << hit.body;
  EXPECT_TRUE(hit.json().at("cached").as_bool()) << hit.body;
  EXPECT_EQ(llm_->calls(), calls);
  // Cached over RESP by A, found through the REST API by B.
  EXPECT_GT(upstash_->commands(), rest_commands);
}

TEST_F(ScaleOutTest, AStreamStartedOnOneInstanceIsReadAndResumedOnTheOtherExactlyOnce) {
  HttpClient on_a(a_->base_url());
  auto t = team(on_a);
  FakeReply slow;
  slow.text = "A long answer streamed slowly, in twenty parts, across two instances.";
  slow.deltas = 20;
  slow.write_delay = 100ms;
  llm_->push(slow);
  std::string events = events_path(start(on_a, t, prd_body("Streamer", false)));

  // Live on B (the instance that does not run it), for a few deltas.
  std::vector<SseEvent> seen;
  {
    SseClient on_b(b_->port(), events, t.user.access_token);
    ASSERT_EQ(on_b.status(), 200) << on_b.error_body();
    int deltas = 0;
    while (deltas < 4) {
      auto e = on_b.next(5s);
      ASSERT_TRUE(e) << "the stream on B stalled";
      if (e->comment) continue;
      seen.push_back(*e);
      if (e->event == "delta") ++deltas;
      ASSERT_NE(e->event, "done") << "the stream ended before the test could resume it";
    }
    on_b.close();
  }
  // Resumed on A from the last id B gave.
  SseClient on_a_again(a_->port(), events, t.user.access_token, seen.back().id);
  ASSERT_EQ(on_a_again.status(), 200);
  auto rest = on_a_again.read_to_end(30s);
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest.back().event, "done");

  std::vector<SseEvent> all = seen;
  all.insert(all.end(), rest.begin(), rest.end());
  std::set<long> ids;
  long previous = 0;
  for (const auto& e : all) {
    long id = std::stol(e.id);
    EXPECT_TRUE(ids.insert(id).second) << "event " << id << " came twice";
    EXPECT_EQ(id, previous + 1) << "an event is missing before " << id;
    previous = id;
  }
  EXPECT_EQ(delta_text(all), slow.text);

  // And the same events, ids included, from B once it has ended.
  SseClient replay_b(b_->port(), events, t.user.access_token);
  auto replayed = replay_b.read_to_end(30s);
  ASSERT_EQ(replayed.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(replayed[i].id, all[i].id);
    EXPECT_EQ(replayed[i].data, all[i].data);
  }
}

// B's eight writers share PgBouncer's two server connections transaction by
// transaction, so statements B prepared on one server connection are looked
// for on the other: every request must still succeed, and every edit be
// there, read back on A.
TEST_F(ScaleOutTest, ConcurrentEditsThroughATransactionModePoolerAreAllKept) {
  HttpClient on_a(a_->base_url());
  auto t = team(on_a);
  constexpr int kWriters = 8, kEdits = 12;
  std::vector<std::string> documents(kWriters);
  std::vector<std::string> failures;
  std::mutex mutex;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      HttpClient on_b(b_->base_url());
      on_b.set_bearer(t.user.access_token);
      auto fail = [&](const std::string& what, const HttpResponse& r) {
        std::lock_guard lock(mutex);
        failures.push_back(what + ": " + std::to_string(r.status) + " " + r.body);
      };
      auto created = on_b.post(
          "/api/v1/projects/" + t.project + "/documents",
          json::object{{"title", "Pooled " + std::to_string(w)}, {"content", "## Edit 0\n"}});
      if (created.status != 201) return fail("create", created);
      std::string id(created.json().at("id").as_string());
      documents[static_cast<std::size_t>(w)] = id;
      for (int i = 1; i <= kEdits; ++i) {
        auto r = on_b.patch("/api/v1/documents/" + id,
                            json::object{{"content", "## Edit " + std::to_string(i) + "\n"}},
                            {{"If-Match", "\"" + std::to_string(i) + "\""}});
        if (r.status != 200) return fail("edit " + std::to_string(i), r);
        auto read = on_b.get("/api/v1/documents/" + id);
        if (read.status != 200 || read.json().at("version").to_number<int>() != i + 1) {
          return fail("read back " + std::to_string(i), read);
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  ASSERT_TRUE(failures.empty()) << failures.front() << "\n" << pooler_->log();
  on_a.set_bearer(t.user.access_token);
  for (const auto& id : documents) {
    auto r = on_a.get("/api/v1/documents/" + id);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("version").to_number<int>(), kEdits + 1);
    EXPECT_EQ(r.json().at("content").as_string(), "## Edit " + std::to_string(kEdits) + "\n");
  }
  // The case this test is for did happen: a statement was missing on the
  // server connection a transaction got, and B went on unnamed.
  EXPECT_NE(b_->log().find("named prepared statements do not survive"), std::string::npos)
      << b_->log_tail();
}

TEST_F(ScaleOutTest, NginxSpreadsRequestsAndPassesStreamsThrough) {
  HttpClient via(nginx_->base_url());
  auto t = team(via);
  // Every request lands on either instance; all of them are answered as one server.
  for (int i = 0; i < 10; ++i) ASSERT_EQ(via.get(me()).status, 200);
  FakeReply reply;
  reply.text = "Through the load balancer.";
  reply.deltas = 5;
  reply.write_delay = 50ms;
  llm_->push(reply);
  SseClient stream(nginx_->port(), events_path(start(via, t, prd_body("Balanced", false))),
                   t.user.access_token);
  ASSERT_EQ(stream.status(), 200) << stream.error_body() << nginx_->error_log();
  auto events = stream.read_to_end(30s);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().event, "done");
  EXPECT_EQ(delta_text(events), reply.text);
}

TEST_F(ScaleOutTest, AGenerationWhoseInstanceDiedEndsWithAnErrorOnTheOthersWithinAMinute) {
  auto doomed = std::make_unique<ServerProcess>(shared_env(Redis::kResp));
  HttpClient on_doomed(doomed->base_url());
  auto t = team(on_doomed);
  FakeReply stalled;
  stalled.stall = true;
  llm_->push(stalled);
  int calls = llm_->calls();
  std::string id = start(on_doomed, t, prd_body("Doomed", false));
  ASSERT_TRUE(llm_->wait_for_calls(calls + 1, 10s));

  SseClient on_b(b_->port(), events_path(id), t.user.access_token);
  ASSERT_EQ(on_b.status(), 200);
  doomed->kill9();
  auto killed_at = Clock::now();
  auto events = on_b.read_until_event("error", 75s);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().event, "error");
  EXPECT_NE(events.back().data.find("interrupted"), std::string::npos) << events.back().data;
  EXPECT_LT(Clock::now() - killed_at, 60s);
  llm_->release();
}

}  // namespace
}  // namespace prism::testing
