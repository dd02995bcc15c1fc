#pragma once

// What the MCP suites share: a user with a project, a PRD and a story, a
// read and a read-write personal token, and a client that speaks MCP's
// Streamable HTTP (initialize, requests, tool calls, the GET stream).
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"
#include "support/server_process.hpp"
#include "support/sse_client.hpp"

namespace prism::testing {

namespace json = boost::json;

constexpr const char* kPrd =
    "## Goals\n\nShip QR payments.\n\n## Functional Requirements\n\n"
    "- **FR-1**: Shop owners take a payment by QR code.\n"
    "- **FR-2**: Shop owners refund a payment.\n";

class McpFixture : public ::testing::Test {
 protected:
  // Sets up the user, their project, PRD, story and tokens on `server`.
  void start_on(ServerProcess& server) {
    server_ = &server;
    owner_ = std::make_unique<HttpClient>(server_->base_url());
    user_ = register_user(*owner_, "mcp");
    auto p = owner_->post("/api/v1/orgs/" + user_.org_id + "/projects",
                          json::object{{"name", "QuickPay"}, {"key", "QP"}});
    expect_status(p, 201, "project");
    project_ = str(p.json(), "id");
    auto d = owner_->post("/api/v1/projects/" + project_ + "/documents",
                          json::object{{"title", "QuickPay PRD"}, {"content", kPrd}});
    expect_status(d, 201, "document");
    document_ = str(d.json(), "id");
    auto st = owner_->post(
        "/api/v1/projects/" + project_ + "/stories",
        json::object{
            {"title", "Pay by QR"}, {"document_id", document_}, {"requirement_ref", "FR-1"}});
    expect_status(st, 201, "story");
    story_ = str(st.json(), "id");
    write_token_ = token({"read", "write"});
    read_token_ = token({"read"});
  }

  std::string token(std::vector<std::string> scopes) {
    json::array s;
    for (auto& x : scopes) s.push_back(json::string(x));
    auto r = owner_->post("/api/v1/auth/tokens", json::object{{"name", "agent"}, {"scopes", s}});
    expect_status(r, 201, "token");
    return str(r.json(), "token");
  }

  HttpResponse post(const std::string& bearer, const json::value& body, Headers extra = {},
                    const std::string& accept = "application/json, text/event-stream") {
    HttpClient c(server_->base_url());
    c.set_bearer(bearer);
    extra.emplace_back("Accept", accept);
    return c.raw("POST", "/mcp", json::serialize(body), "application/json", extra);
  }

  static json::object request(std::int64_t id, const std::string& method,
                              json::object params = {}) {
    return json::object{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
  }

  // initialize; returns the session id.
  std::string open(const std::string& bearer, const std::string& version = "2025-11-25") {
    auto r = post(
        bearer,
        request(1, "initialize",
                json::object{{"protocolVersion", version},
                             {"capabilities", json::object{}},
                             {"clientInfo", json::object{{"name", "test"}, {"version", "1"}}}}));
    EXPECT_EQ(r.status, 200) << r.body;
    std::string session = r.header("mcp-session-id");
    EXPECT_FALSE(session.empty());
    auto done =
        post(bearer, json::object{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}},
             {{"Mcp-Session-Id", session}});
    EXPECT_EQ(done.status, 202) << done.body;
    return session;
  }

  json::value call(const std::string& bearer, const std::string& session, const std::string& tool,
                   json::object args) {
    auto r =
        post(bearer, request(7, "tools/call", json::object{{"name", tool}, {"arguments", args}}),
             {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "2025-11-25"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("result");
  }

  // The session's GET stream on `port` (another instance's, a proxy's).
  std::unique_ptr<SseClient> stream(const std::string& bearer, const std::string& session,
                                    int port = 0) {
    return std::make_unique<SseClient>(port == 0 ? server_->port() : port, "/mcp", bearer,
                                       std::nullopt, std::chrono::seconds(10),
                                       Headers{{"Mcp-Session-Id", session}});
  }
  // The next JSON-RPC message on `s` (heartbeats skipped); null when the
  // stream ended or nothing came within `timeout`.
  static json::value next_message(SseClient& s,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto e = s.next(std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()));
      if (!e) return nullptr;
      if (!e->comment && !e->data.empty()) return json::parse(e->data);
    }
    return nullptr;
  }
  // A new version of the PRD, saved through the HTTP API as the owner.
  void save_version(HttpClient& client, const std::string& text) {
    auto doc = client.get("/api/v1/documents/" + document_);
    expect_status(doc, 200, "document");
    std::string version = std::to_string(doc.json().at("version").as_int64());
    auto r = client.patch("/api/v1/documents/" + document_, json::object{{"content", text}},
                          {{"If-Match", "\"" + version + "\""}});
    expect_status(r, 200, "new version");
  }

  ServerProcess* server_ = nullptr;
  std::unique_ptr<HttpClient> owner_;
  TestUser user_;
  std::string project_, document_, story_, write_token_, read_token_;
};

}  // namespace prism::testing
