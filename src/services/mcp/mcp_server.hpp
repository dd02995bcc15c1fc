#pragma once

// MCP over Streamable HTTP, the part after HTTP: JSON-RPC messages (alone or
// in a batch) handled for one caller, sessions kept in the database so any
// instance serves them, protocol versions negotiated at initialize, and the
// tools run as the token's user. Sessions end when deleted or idle; a
// session's GET stream carries what it subscribed to (StreamHub).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "http/event_stream.hpp"
#include "services/caller.hpp"
#include "services/mcp/jsonrpc.hpp"
#include "services/mcp/session_rules.hpp"
#include "services/mcp/stream_hub.hpp"
#include "services/mcp/tools.hpp"
#include "store/database.hpp"

namespace prism::services::mcp {

// Newest first; initialize answers with the client's version when it is one
// of these, else with the newest.
inline constexpr const char* kProtocolVersions[] = {"2025-11-25", "2025-06-18", "2025-03-26"};
inline constexpr std::size_t kMaxBatch = 20;
inline constexpr std::int64_t kMaxSubscriptions = 100;  // per session

struct Incoming {
  Caller caller;
  std::optional<std::string> token_id;
  bool may_write = false;
  std::optional<std::string> session_id;        // Mcp-Session-Id
  std::optional<std::string> protocol_version;  // MCP-Protocol-Version
};

struct Outgoing {
  int status = 200;                       // 202: only notifications or responses came
  std::optional<json::value> body;        // a response, an array of them, or an error
  std::optional<std::string> session_id;  // set by initialize
};

// GET: the session's stream, or the HTTP answer that refuses it.
struct StreamOpening {
  std::optional<Outgoing> refused;
  std::shared_ptr<http::EventSource> stream;
};

class McpServer {
 public:
  McpServer(store::Database& db, ToolServices services, std::string server_version,
            SessionPolicy policy = {});

  Outgoing post(const Incoming& in, std::string_view body);
  StreamOpening open_stream(const Incoming& in);
  // DELETE: ends the caller's session; false when there is no such live one.
  bool end_session(const Caller& caller, std::string_view session_id);

 private:
  json::value handle(const Message& m, const Incoming& in);
  json::value initialize(const json::object& params, const Incoming& in, Outgoing& out);
  json::value call_tool(const json::object& params, const Incoming& in);
  json::value list_tools() const;
  // resources/subscribe (`on`) and resources/unsubscribe.
  json::value subscription(const json::object& params, const Incoming& in, bool on);
  // 400/404 as an HTTP answer when the session is missing, unknown, ended
  // or another user's; nullopt when it may be used.
  std::optional<Outgoing> check_session(const Incoming& in);

  store::Database& db_;
  ToolServices services_;
  std::vector<Tool> tools_;
  std::string server_version_;
  SessionPolicy policy_;
  StreamHub streams_;
};

}  // namespace prism::services::mcp
