#include "api/mcp_routes.hpp"

#include <algorithm>

#include "api/caller.hpp"
#include "services/audit/audit.hpp"
#include "services/mcp/jsonrpc.hpp"

namespace prism::api {

namespace {

using http::Request;
using http::Response;
using http::Status;
using verb = http::beast_http::verb;
namespace mcp = services::mcp;

Response rpc_error(Status status, int code, const std::string& message) {
  return Response::json(mcp::error_of(nullptr, code, message), status);
}

std::optional<std::string> header_of(const Request& req, std::string_view name) {
  auto v = req.header(name);
  if (v.empty()) return std::nullopt;
  return std::string(v);
}

mcp::Incoming incoming(const Request& req) {
  const auto& who = req.principal();
  return mcp::Incoming{
      caller_of(req), who.token_id.empty() ? std::nullopt : std::optional(who.token_id),
      !who.read_only, header_of(req, "Mcp-Session-Id"), header_of(req, "MCP-Protocol-Version")};
}

Response answer(const mcp::Outgoing& out) {
  Response res = out.body ? Response::json(*out.body, static_cast<Status>(out.status))
                          : Response::text("", "", static_cast<Status>(out.status));
  if (out.session_id) res.header("Mcp-Session-Id", *out.session_id);
  return res;
}

// The transport's own checks, before any JSON-RPC is read.
std::optional<Response> refused(const Request& req, const std::vector<std::string>& origins) {
  auto origin = req.header("Origin");
  if (!origin.empty() && std::find(origins.begin(), origins.end(), origin) == origins.end()) {
    return rpc_error(Status::forbidden, -32000, "Forbidden: this Origin may not call /mcp");
  }
  auto accept = req.header("Accept");
  if (req.method() == verb::get && accept.find("text/event-stream") == std::string_view::npos) {
    return rpc_error(Status::not_acceptable, -32000,
                     "Not Acceptable: Accept must list text/event-stream");
  }
  if (req.method() != verb::post) return std::nullopt;
  if (accept.find("application/json") == std::string_view::npos ||
      accept.find("text/event-stream") == std::string_view::npos) {
    return rpc_error(Status::not_acceptable, -32000,
                     "Not Acceptable: Accept must list application/json and text/event-stream");
  }
  if (!http::is_json_media_type(req.header("Content-Type"))) {
    return rpc_error(Status::unsupported_media_type, -32000,
                     "Unsupported Media Type: Content-Type must be application/json");
  }
  return std::nullopt;
}

}  // namespace

void register_mcp_routes(http::Router& router, mcp::McpServer& server,
                         std::vector<std::string> allowed_origins) {
  router
      .add(verb::post, "/mcp",
           [&server, allowed_origins](Request& req) {
             if (auto no = refused(req, allowed_origins)) return std::move(*no);
             // Every change an agent makes is audited as made through MCP.
             services::AuditChannel channel("mcp");
             return answer(server.post(incoming(req), req.raw().body()));
           })
      .read_only_ok = true;
  router
      .add(verb::delete_, "/mcp",
           [&server, allowed_origins](Request& req) {
             if (auto no = refused(req, allowed_origins)) return std::move(*no);
             auto session = header_of(req, "Mcp-Session-Id");
             if (!session) {
               return rpc_error(Status::bad_request, -32000,
                                "Bad Request: the Mcp-Session-Id header is required");
             }
             if (!server.end_session(caller_of(req), *session)) {
               return rpc_error(Status::not_found, -32001, "Session not found");
             }
             return Response::no_content();
           })
      .read_only_ok = true;
  router.add(verb::get, "/mcp", [&server, allowed_origins](Request& req) {
    if (auto no = refused(req, allowed_origins)) return std::move(*no);
    auto opened = server.open_stream(incoming(req));
    if (opened.refused) return answer(*opened.refused);
    return Response::event_stream(std::move(opened.stream));
  });
}

}  // namespace prism::api
