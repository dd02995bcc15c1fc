// MCP's GET stream and resource subscriptions through the real binary:
// resources/subscribe and unsubscribe, notifications/resources/updated when
// a subscribed PRD gets a new version or a subscribed backlog changes
// through the HTTP API, list_changed when documents come and go in the
// user's organizations (never another's), the stream's end with its
// session, and idle sessions answered 404 and removed by `prism cleanup`.
#include <thread>

#include "mcp_fixture.hpp"

namespace prism::testing {
namespace {

using namespace std::chrono_literals;

class McpStreamTest : public McpFixture {
 protected:
  static void SetUpTestSuite() {
    shared_ = std::make_unique<ServerProcess>(EnvVars{{"SSE_HEARTBEAT_SECONDS", "1"}});
  }
  static void TearDownTestSuite() { shared_.reset(); }
  void SetUp() override { start_on(*shared_); }

  HttpResponse rpc(const std::string& bearer, const std::string& session, const std::string& method,
                   json::object params = {}) {
    return post(bearer, request(3, method, std::move(params)), {{"Mcp-Session-Id", session}});
  }
  std::string document_uri() const { return "prism://documents/" + document_; }
  std::string backlog_uri() const { return "prism://projects/" + project_ + "/backlog"; }
  void add_story(const std::string& title) {
    expect_status(
        owner_->post("/api/v1/projects/" + project_ + "/stories", json::object{{"title", title}}),
        201, "story");
  }
  static std::string method_of(const json::value& m) {
    return m.is_object() ? std::string(m.at("method").as_string()) : "(nothing)";
  }
  static std::string uri_of(const json::value& m) {
    return std::string(m.at("params").at("uri").as_string());
  }

  static inline std::unique_ptr<ServerProcess> shared_;
};

TEST_F(McpStreamTest, ASubscribedDocumentOrBacklogSendsUpdatedOnTheStream) {
  std::string session = open(read_token_);
  auto init = post(read_token_, request(1, "initialize",
                                        json::object{{"protocolVersion", "2025-11-25"},
                                                     {"capabilities", json::object{}}}));
  const auto& caps = init.json().at("result").at("capabilities").at("resources");
  EXPECT_TRUE(caps.at("subscribe").as_bool());
  EXPECT_TRUE(caps.at("listChanged").as_bool());

  auto s = stream(read_token_, session);
  ASSERT_EQ(s->status(), 200) << s->error_body();
  EXPECT_NE(s->header("content-type").find("text/event-stream"), std::string::npos);
  auto sub = rpc(read_token_, session, "resources/subscribe", {{"uri", document_uri()}});
  ASSERT_EQ(sub.status, 200) << sub.body;
  EXPECT_TRUE(sub.json().at("result").as_object().empty()) << sub.body;

  save_version(*owner_, std::string(kPrd) + "\n- **FR-3**: Receipts by e-mail.\n");
  auto m = next_message(*s);
  ASSERT_EQ(method_of(m), "notifications/resources/updated") << json::serialize(m);
  EXPECT_EQ(uri_of(m), document_uri());
  EXPECT_EQ(str(m, "jsonrpc"), "2.0");

  // An unsubscribed resource sends nothing: after unsubscribing from the
  // PRD and subscribing to the backlog, a new version and then a story
  // arrive as the backlog's update alone.
  ASSERT_EQ(rpc(read_token_, session, "resources/unsubscribe", {{"uri", document_uri()}}).status,
            200);
  ASSERT_EQ(rpc(read_token_, session, "resources/subscribe", {{"uri", backlog_uri()}}).status, 200);
  save_version(*owner_, kPrd);
  add_story("Refund a payment");
  m = next_message(*s);
  ASSERT_EQ(method_of(m), "notifications/resources/updated") << json::serialize(m);
  EXPECT_EQ(uri_of(m), backlog_uri());
}

TEST_F(McpStreamTest, ListChangedComesForTheUsersOrganizationsOnly) {
  std::string session = open(read_token_);
  auto s = stream(read_token_, session);
  ASSERT_EQ(s->status(), 200) << s->error_body();
  ASSERT_EQ(rpc(read_token_, session, "resources/subscribe", {{"uri", document_uri()}}).status,
            200);
  HttpClient other(server_->base_url());
  auto stranger = register_user(other, "mcp-lists");
  auto project = create_project(other, stranger.org_id, "Elsewhere", "ELS");
  expect_status(other.post("/api/v1/projects/" + project + "/documents",
                           json::object{{"title", "Their PRD"}}),
                201, "their document");
  // Theirs sent nothing: the next message is the update of our PRD.
  save_version(*owner_, "## Goals\n\nChanged.\n");
  auto m = next_message(*s);
  ASSERT_EQ(method_of(m), "notifications/resources/updated") << json::serialize(m);

  auto created = owner_->post("/api/v1/projects/" + project_ + "/documents",
                              json::object{{"title", "Second PRD"}});
  expect_status(created, 201, "our document");
  EXPECT_EQ(method_of(next_message(*s)), "notifications/resources/list_changed");
  expect_status(owner_->del("/api/v1/documents/" + str(created.json(), "id")), 204, "delete");
  EXPECT_EQ(method_of(next_message(*s)), "notifications/resources/list_changed");
}

TEST_F(McpStreamTest, AnotherOrganizationsResourcesCannotBeSubscribedTo) {
  HttpClient other(server_->base_url());
  auto stranger = register_user(other, "mcp-subscriber");
  std::string theirs = open(stranger.access_token);
  auto missing = rpc(stranger.access_token, theirs, "resources/subscribe",
                     {{"uri", "prism://documents/0000000000000000000000000"}});
  ASSERT_EQ(missing.status, 200) << missing.body;
  const auto& not_found = missing.json().at("error");
  for (const auto& uri : {document_uri(), backlog_uri()}) {
    auto r = rpc(stranger.access_token, theirs, "resources/subscribe", {{"uri", uri}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("error").at("code"), not_found.at("code")) << uri;
    EXPECT_EQ(r.json().at("error").at("message"), not_found.at("message")) << uri;
  }
  auto bad = rpc(stranger.access_token, theirs, "resources/subscribe", {{"uri", "file:///etc"}});
  EXPECT_EQ(bad.json().at("error").at("code").as_int64(), -32002);
  // Nor may they open our session's stream.
  std::string ours = open(read_token_);
  auto s = stream(stranger.access_token, ours);
  EXPECT_EQ(s->status(), 404);
}

TEST_F(McpStreamTest, TheStreamEndsWithItsSessionAndAReconnectReplacesIt) {
  std::string session = open(write_token_);
  EXPECT_EQ(stream(write_token_, "no-such-session")->status(), 404);
  auto first = stream(write_token_, session);
  ASSERT_EQ(first->status(), 200);
  auto second = stream(write_token_, session);
  ASSERT_EQ(second->status(), 200);
  first->read_to_end(5s);
  EXPECT_TRUE(first->ended()) << "the earlier stream of the session ends";
  // Heartbeats keep the quiet stream open.
  bool heartbeat = false;
  for (int i = 0; i < 3 && !heartbeat; ++i) {
    auto e = second->next(3s);
    if (!e) break;
    heartbeat = e->comment;
  }
  EXPECT_TRUE(heartbeat);

  HttpClient c(server_->base_url());
  c.set_bearer(write_token_);
  ASSERT_EQ(c.request("DELETE", "/mcp", std::nullopt, {{"Mcp-Session-Id", session}}).status, 204);
  second->read_to_end(5s);
  EXPECT_TRUE(second->ended());
  EXPECT_EQ(stream(write_token_, session)->status(), 404);
}

// Its own server: sessions idle after 2 s.
class McpIdleTest : public McpFixture {
 protected:
  void SetUp() override {
    server_process_ = std::make_unique<ServerProcess>(EnvVars{{"MCP_SESSION_IDLE_SECONDS", "2"}});
    start_on(*server_process_);
  }
  std::unique_ptr<ServerProcess> server_process_;
};

TEST_F(McpIdleTest, AnIdleSessionIsNotFoundAndTheCleanupRemovesIt) {
  std::string session = open(read_token_);
  Headers h{{"Mcp-Session-Id", session}};
  // Used every 1.2 s, it stays (its use is recorded when half a second old).
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(1200ms);
    ASSERT_EQ(post(read_token_, request(2, "ping"), h).status, 200) << "ping " << i;
  }
  std::this_thread::sleep_for(2500ms);
  auto gone = post(read_token_, request(2, "ping"), h);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.json().at("error").at("code").as_int64(), -32001);

  auto run = server_->run_command({"cleanup"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("MCP sessions (ended or idle): 1 removed"), std::string::npos)
      << run.output;
  auto again = server_->run_command({"cleanup", "--dry-run"});
  EXPECT_NE(again.output.find("MCP sessions (ended or idle): 0 to remove"), std::string::npos)
      << again.output;
}

}  // namespace
}  // namespace prism::testing
