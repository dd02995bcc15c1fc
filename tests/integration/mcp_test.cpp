// /mcp through the real binary as an MCP client speaks to it (Streamable
// HTTP, JSON-RPC 2.0): the transport's checks, initialize and version
// negotiation, sessions in the database, every tool, token scopes and
// tenant isolation, and the standard error codes.
#include "mcp_fixture.hpp"

namespace prism::testing {
namespace {

class McpTest : public McpFixture {
 protected:
  static void SetUpTestSuite() { shared_ = std::make_unique<ServerProcess>(); }
  static void TearDownTestSuite() { shared_.reset(); }
  void SetUp() override { start_on(*shared_); }
  static inline std::unique_ptr<ServerProcess> shared_;
};

TEST_F(McpTest, InitializeNegotiatesTheVersionAndOpensASessionAnyRequestMustCarry) {
  auto r = post(write_token_, request(1, "initialize",
                                      json::object{{"protocolVersion", "2025-06-18"},
                                                   {"capabilities", json::object{}},
                                                   {"clientInfo", json::object{{"name", "t"}}}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json().at("result"), "protocolVersion"), "2025-06-18");
  EXPECT_EQ(str(r.json().at("result").at("serverInfo"), "name"), "prism");
  EXPECT_TRUE(r.json().at("result").at("capabilities").as_object().contains("tools"));
  auto newer =
      post(write_token_, request(1, "initialize", json::object{{"protocolVersion", "2099-01-01"}}));
  EXPECT_EQ(str(newer.json().at("result"), "protocolVersion"), "2025-11-25");
  auto old =
      post(write_token_, request(1, "initialize", json::object{{"protocolVersion", "2024-11-05"}}));
  ASSERT_EQ(old.status, 200) << old.body;
  EXPECT_EQ(old.json().at("error").at("code").as_int64(), -32602);
  EXPECT_NE(str(old.json().at("error"), "message").find("2025-03-26"), std::string::npos);

  std::string session = r.header("mcp-session-id");
  EXPECT_EQ(post(write_token_, request(2, "ping")).status, 400) << "no session";
  EXPECT_EQ(post(write_token_, request(2, "ping"), {{"Mcp-Session-Id", "nope"}}).status, 404);
  auto pong = post(write_token_, request(2, "ping"), {{"Mcp-Session-Id", session}});
  ASSERT_EQ(pong.status, 200) << pong.body;
  EXPECT_TRUE(pong.json().at("result").as_object().empty());
  EXPECT_EQ(post(write_token_, request(2, "ping"),
                 {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "1999-01-01"}})
                .status,
            400);
  // Another user's token cannot use the session.
  HttpClient other(server_->base_url());
  auto stranger = register_user(other, "mcp-other");
  EXPECT_EQ(post(stranger.access_token, request(2, "ping"), {{"Mcp-Session-Id", session}}).status,
            404);
  // DELETE ends it everywhere.
  HttpClient c(server_->base_url());
  c.set_bearer(write_token_);
  EXPECT_EQ(c.request("DELETE", "/mcp", std::nullopt, {{"Mcp-Session-Id", session}}).status, 204);
  EXPECT_EQ(post(write_token_, request(2, "ping"), {{"Mcp-Session-Id", session}}).status, 404);
}

TEST_F(McpTest, TheTransportRefusesWhatItCannotServe) {
  HttpClient anonymous(server_->base_url());
  auto no_token =
      anonymous.raw("POST", "/mcp", json::serialize(request(1, "ping")), "application/json",
                    {{"Accept", "application/json, text/event-stream"}});
  EXPECT_EQ(no_token.status, 401);
  EXPECT_EQ(no_token.header("www-authenticate"), "Bearer");
  EXPECT_EQ(post(write_token_, request(1, "ping"), {{"Origin", "https://evil.example"}}).status,
            403);
  EXPECT_EQ(post(write_token_, request(1, "ping"), {}, "application/json").status, 406);
  HttpClient c(server_->base_url());
  c.set_bearer(write_token_);
  EXPECT_EQ(
      c.raw("POST", "/mcp", "{}", "text/plain", {{"Accept", "application/json, text/event-stream"}})
          .status,
      415);
  // The GET stream needs text/event-stream and a session.
  EXPECT_EQ(c.get("/mcp").status, 406);
  EXPECT_EQ(c.request("GET", "/mcp", std::nullopt, {{"Accept", "text/event-stream"}}).status, 400);
}

TEST_F(McpTest, MalformedJsonRpcGetsTheStandardCodes) {
  std::string session = open(write_token_);
  Headers h{{"Mcp-Session-Id", session}};
  HttpClient c(server_->base_url());
  c.set_bearer(write_token_);
  auto garbage =
      c.raw("POST", "/mcp", "{not json", "application/json",
            {{"Accept", "application/json, text/event-stream"}, {"Mcp-Session-Id", session}});
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(garbage.json().at("error").at("code").as_int64(), -32700);
  auto invalid = post(write_token_, json::object{{"id", 3}, {"method", "ping"}}, h);
  EXPECT_EQ(invalid.json().at("error").at("code").as_int64(), -32600);
  auto unknown = post(write_token_, request(4, "nothing/here"), h);
  EXPECT_EQ(unknown.json().at("error").at("code").as_int64(), -32601);
  EXPECT_EQ(unknown.json().at("id").as_int64(), 4);
  auto no_tool = post(write_token_, request(5, "tools/call", json::object{{"name", "rm_rf"}}), h);
  EXPECT_EQ(no_tool.json().at("error").at("code").as_int64(), -32602);
  auto bad_args =
      post(write_token_,
           request(6, "tools/call",
                   json::object{{"name", "get_document"}, {"arguments", json::object{}}}),
           h);
  EXPECT_EQ(bad_args.json().at("error").at("code").as_int64(), -32602);
  // A batch: one answer per request, none for the notification.
  auto batch =
      post(write_token_,
           json::array{request(8, "ping"), request(9, "tools/list"),
                       json::object{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}}},
           h);
  ASSERT_EQ(batch.status, 200) << batch.body;
  ASSERT_EQ(batch.json().as_array().size(), 2u);
  EXPECT_EQ(batch.json().at(1).at("id").as_int64(), 9);
}

TEST_F(McpTest, TheToolsReadThePrdItsRequirementsAndTheBacklog) {
  std::string session = open(read_token_);
  auto listed = post(read_token_, request(2, "tools/list"), {{"Mcp-Session-Id", session}});
  std::set<std::string> names;
  for (const auto& t : listed.json().at("result").at("tools").as_array()) {
    names.insert(str(t, "name"));
    EXPECT_TRUE(t.at("inputSchema").is_object());
  }
  for (const char* want : {"list_projects", "list_stories", "get_story", "update_story_status",
                           "add_comment", "get_document", "list_requirements"}) {
    EXPECT_TRUE(names.count(want)) << want;
  }

  auto projects = call(read_token_, session, "list_projects", {});
  EXPECT_FALSE(projects.at("isError").as_bool());
  EXPECT_EQ(str(projects.at("structuredContent").at("projects").at(0), "key"), "QP");

  auto doc = call(read_token_, session, "get_document", {{"document_id", document_}});
  EXPECT_EQ(str(doc.at("content").at(0), "text"), kPrd);
  auto part = call(read_token_, session, "get_document",
                   {{"document_id", document_}, {"section", "goals"}});
  EXPECT_EQ(str(part.at("structuredContent"), "markdown"), "## Goals\n\nShip QR payments.\n\n");
  auto cut =
      call(read_token_, session, "get_document", {{"document_id", document_}, {"max_chars", 100}});
  EXPECT_TRUE(cut.at("structuredContent").at("truncated").as_bool());
  EXPECT_NE(str(cut.at("content").at(0), "text").find("[Cut at"), std::string::npos);

  auto reqs = call(read_token_, session, "list_requirements", {{"document_id", document_}});
  const auto& rs = reqs.at("structuredContent");
  ASSERT_EQ(rs.at("requirements").as_array().size(), 2u);
  EXPECT_EQ(str(rs.at("requirements").at(0).at("stories").at(0), "key"), "QP-1");
  EXPECT_EQ(rs.at("uncovered"), (json::array{"FR-2"}));

  auto stories = call(read_token_, session, "list_stories",
                      {{"project_id", project_}, {"requirement", "FR-1"}});
  ASSERT_EQ(stories.at("structuredContent").at("stories").as_array().size(), 1u);
  auto story = call(read_token_, session, "get_story", {{"story_id", story_}});
  EXPECT_EQ(str(story.at("structuredContent"), "key"), "QP-1");

  // A read token's write tools answer a tool error; nothing changes.
  auto refused =
      call(read_token_, session, "update_story_status", {{"story_id", story_}, {"status", "done"}});
  EXPECT_TRUE(refused.at("isError").as_bool());
  EXPECT_NE(str(refused.at("content").at(0), "text").find("write scope"), std::string::npos);
  EXPECT_EQ(str(owner_->get("/api/v1/stories/" + story_).json(), "status"), "todo");
}

TEST_F(McpTest, AWriteTokenReportsBackAndAnotherOrganizationsIdsAreNotFound) {
  std::string session = open(write_token_);
  auto moved = call(write_token_, session, "update_story_status",
                    {{"story_id", story_}, {"status", "done"}});
  ASSERT_FALSE(moved.at("isError").as_bool()) << json::serialize(moved);
  EXPECT_EQ(str(owner_->get("/api/v1/stories/" + story_).json(), "status"), "done");
  auto commented =
      call(write_token_, session, "add_comment",
           {{"document_id", document_}, {"body", "Built FR-1."}, {"section", "Goals"}});
  ASSERT_FALSE(commented.at("isError").as_bool()) << json::serialize(commented);
  auto threads = owner_->get("/api/v1/documents/" + document_ + "/comments");
  EXPECT_EQ(str(threads.json().at("items").at(0), "body"), "Built FR-1.");
  // Both writes are in the audit log as the token's user, through MCP.
  auto audit = owner_->get("/api/v1/orgs/" + user_.org_id + "/audit");
  expect_status(audit, 200, "audit");
  int via_mcp = 0;
  for (const auto& e : audit.json().at("items").as_array()) {
    std::string action = str(e, "action");
    if (action != "story.status_changed" && action != "comment.created") continue;
    const auto& details = e.at("details").as_object();
    if (details.contains("via") && details.at("via") == "mcp") {
      ++via_mcp;
      EXPECT_EQ(str(e, "actor_id"), user_.user_id) << action;
    }
  }
  EXPECT_EQ(via_mcp, 2) << json::serialize(audit.json());
  auto bad = call(write_token_, session, "update_story_status",
                  {{"story_id", story_}, {"status", "shipped"}});
  EXPECT_TRUE(bad.at("isError").as_bool());

  HttpClient other(server_->base_url());
  auto stranger = register_user(other, "mcp-stranger");
  std::string theirs = open(stranger.access_token);
  for (const auto& [tool, args] : std::vector<std::pair<std::string, json::object>>{
           {"get_document", {{"document_id", document_}}},
           {"list_requirements", {{"document_id", document_}}},
           {"get_story", {{"story_id", story_}}},
           {"list_stories", {{"project_id", project_}}},
           {"update_story_status", {{"story_id", story_}, {"status", "todo"}}}}) {
    auto r = call(stranger.access_token, theirs, tool, args);
    EXPECT_TRUE(r.at("isError").as_bool()) << tool;
    EXPECT_NE(str(r.at("content").at(0), "text").find("not found"), std::string::npos) << tool;
  }
  EXPECT_TRUE(call(stranger.access_token, theirs, "list_projects", {})
                  .at("structuredContent")
                  .at("projects")
                  .as_array()
                  .empty());
  EXPECT_EQ(str(owner_->get("/api/v1/stories/" + story_).json(), "status"), "done");
}

}  // namespace
}  // namespace prism::testing
