#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"
#include "services/mcp/mcp_server.hpp"

namespace prism::api {

// /mcp: MCP's Streamable HTTP transport. POST carries JSON-RPC (answered as
// JSON), DELETE ends a session, GET opens the session's stream of
// notifications (Server-Sent Events).
// A bearer token is required; a read-scoped token may call /mcp (its write
// tools answer a tool error). Requests from a browser Origin not in
// `allowed_origins` are refused (DNS rebinding).
void register_mcp_routes(http::Router& router, services::mcp::McpServer& server,
                         std::vector<std::string> allowed_origins);

}  // namespace prism::api
