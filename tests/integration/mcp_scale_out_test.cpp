// MCP across instances: two `prism serve` on one PostgreSQL behind nginx.
// A session initialized on one instance is continued through the proxy
// whichever instance answers; its GET stream, held by the other instance,
// carries the update of a PRD saved on the first (the change travels by
// PostgreSQL's LISTEN/NOTIFY) and ends when the session is deleted there.
// Runs when the suites have a PostgreSQL (PRISM_TEST_POSTGRES_URL) and
// nginx; skipped otherwise.
#include "mcp_fixture.hpp"
#include "store/testing_postgres.hpp"
#include "support/nginx_proxy.hpp"

namespace prism::testing {
namespace {

using namespace std::chrono_literals;

class McpScaleOutTest : public McpFixture {
 protected:
  static void SetUpTestSuite() {
    auto pg = store::testing::test_postgres_url();
    if (!pg || nginx_binary().empty()) return;
    schema_ = std::make_unique<store::testing::PostgresSchema>(*pg);
    EnvVars env{{"DATABASE_URL", schema_->url()},
                {"JWT_SECRET_KEY", "mcp-scale-jwt-secret-0123456789abcdef0123"},
                {"SECRET_KEY", "mcp-scale-secret-key-0123456789abcdef01234"},
                {"SSE_HEARTBEAT_SECONDS", "1"}};
    a_ = std::make_unique<ServerProcess>(env);
    b_ = std::make_unique<ServerProcess>(env);
    nginx_ = std::make_unique<NginxProxy>(std::vector<int>{a_->port(), b_->port()});
  }
  static void TearDownTestSuite() {
    nginx_.reset();
    a_.reset();
    b_.reset();
    schema_.reset();
  }
  void SetUp() override {
    if (!a_) GTEST_SKIP() << "needs PRISM_TEST_POSTGRES_URL and nginx";
    start_on(*a_);
  }

  static inline std::unique_ptr<store::testing::PostgresSchema> schema_;
  static inline std::unique_ptr<ServerProcess> a_;
  static inline std::unique_ptr<ServerProcess> b_;
  static inline std::unique_ptr<NginxProxy> nginx_;
};

TEST_F(McpScaleOutTest, ASessionFromOneInstanceIsServedByTheOtherAndItsStreamHearsBoth) {
  std::string session = open(write_token_);  // on A
  // Through nginx, round robin: every request reaches one of the two.
  server_ = b_.get();
  Headers h{{"Mcp-Session-Id", session}};
  for (int i = 0; i < 4; ++i) {
    HttpClient c(nginx_->base_url());
    c.set_bearer(write_token_);
    auto r =
        c.raw("POST", "/mcp", json::serialize(request(10 + i, "tools/list")), "application/json",
              {{"Accept", "application/json, text/event-stream"}, {"Mcp-Session-Id", session}});
    ASSERT_EQ(r.status, 200) << "request " << i << ": " << r.body;
    EXPECT_FALSE(r.json().at("result").at("tools").as_array().empty());
  }
  // Subscribed on B, streamed from B, the PRD saved on A.
  auto sub = post(
      write_token_,
      request(20, "resources/subscribe", json::object{{"uri", "prism://documents/" + document_}}),
      h);
  ASSERT_EQ(sub.status, 200) << sub.body;
  ASSERT_FALSE(sub.json().as_object().contains("error")) << sub.body;
  auto s = stream(write_token_, session, b_->port());
  ASSERT_EQ(s->status(), 200) << s->error_body();
  save_version(*owner_, "## Goals\n\nSaved on the other instance.\n");
  auto m = next_message(*s);
  ASSERT_TRUE(m.is_object()) << "no update reached B's stream";
  EXPECT_EQ(str(m, "method"), "notifications/resources/updated");
  EXPECT_EQ(str(m.at("params"), "uri"), "prism://documents/" + document_);

  // Deleted on A, the stream on B ends.
  HttpClient on_a(a_->base_url());
  on_a.set_bearer(write_token_);
  ASSERT_EQ(on_a.request("DELETE", "/mcp", std::nullopt, h).status, 204);
  s->read_to_end(5s);
  EXPECT_TRUE(s->ended());
}

}  // namespace
}  // namespace prism::testing
