#include "services/mcp/mcp_server.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "services/mcp/context.hpp"
#include "services/mcp/jsonrpc.hpp"
#include "store/mcp_sessions_store.hpp"

namespace prism::services::mcp {

namespace sessions = store::mcp_sessions;

namespace {

bool supported(std::string_view version) {
  return std::any_of(std::begin(kProtocolVersions), std::end(kProtocolVersions),
                     [&](const char* v) { return version == v; });
}

json::array supported_list() {
  json::array out;
  for (const char* v : kProtocolVersions) out.push_back(json::string(v));
  return out;
}

Outgoing http_error(int status, int code, const std::string& message) {
  return Outgoing{status, json::value(error_of(nullptr, code, message)), std::nullopt};
}

// What a tool's answer looks like to the client: the structured result, and
// as text the Markdown of a document or the JSON of anything else.
json::object tool_result(const json::object& structured) {
  std::string text;
  if (const auto* md = structured.if_contains("markdown"); md && md->is_string()) {
    text = std::string(md->as_string());
    if (const auto* note = structured.if_contains("note"); note && note->is_string()) {
      text += "\n\n[" + std::string(note->as_string()) + "]";
    }
  } else {
    text = json::serialize(structured);
  }
  return json::object{{"content", json::array{json::object{{"type", "text"}, {"text", text}}}},
                      {"structuredContent", structured},
                      {"isError", false}};
}

json::object tool_error(const std::string& message) {
  return json::object{{"content", json::array{json::object{{"type", "text"}, {"text", message}}}},
                      {"isError", true}};
}

}  // namespace

McpServer::McpServer(store::Database& db, ToolServices services, std::string server_version,
                     SessionPolicy policy)
    : db_(db),
      services_(services),
      tools_(make_tools(services)),
      server_version_(std::move(server_version)),
      policy_(policy),
      streams_(db, policy) {}

Outgoing McpServer::post(const Incoming& in, std::string_view body) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (ec) return http_error(400, kParseError, "Parse error: the body is not JSON");
  bool batch = parsed.is_array();
  std::vector<json::value> items;
  if (batch) {
    const auto& arr = parsed.as_array();
    if (arr.empty() || arr.size() > kMaxBatch) {
      return http_error(400, kInvalidRequest,
                        "a batch holds 1 to " + std::to_string(kMaxBatch) + " messages");
    }
    items.assign(arr.begin(), arr.end());
  } else {
    items.push_back(std::move(parsed));
  }
  std::vector<std::optional<Message>> messages;
  json::array answers;
  bool initializing = false;
  for (const auto& item : items) {
    try {
      messages.push_back(read_message(item));
      if (messages.back()->method == "initialize") initializing = true;
    } catch (const RpcError& e) {
      messages.push_back(std::nullopt);
      answers.push_back(error_of(e.data(), e.code(), e.what()));
    }
  }
  Outgoing out;
  if (initializing && items.size() > 1) {
    return http_error(400, kInvalidRequest, "initialize must be sent alone");
  }
  if (!initializing) {
    if (auto refused = check_session(in)) return *refused;
  }
  bool any_request = !answers.empty();
  for (const auto& m : messages) {
    if (!m || m->kind != Message::Kind::kRequest) continue;
    any_request = true;
    try {
      json::value result =
          m->method == "initialize" ? initialize(m->params, in, out) : handle(*m, in);
      answers.push_back(result_of(m->id, std::move(result)));
    } catch (const RpcError& e) {
      answers.push_back(error_of(m->id, e.code(), e.what(), e.data()));
    }
  }
  if (!any_request) {
    out.status = 202;
    return out;
  }
  out.body = batch ? json::value(std::move(answers)) : json::value(std::move(answers.front()));
  return out;
}

std::optional<Outgoing> McpServer::check_session(const Incoming& in) {
  if (!in.session_id || in.session_id->empty()) {
    return http_error(400, kInvalidRequest,
                      "Bad Request: the Mcp-Session-Id header is required after initialize");
  }
  if (in.protocol_version && !supported(*in.protocol_version)) {
    return http_error(
        400, kInvalidRequest,
        "Bad Request: unsupported MCP-Protocol-Version " + in.protocol_version->substr(0, 40));
  }
  std::int64_t now = now_unix_ms();
  auto s = db_.read([&](store::Tx& tx) { return sessions::find(tx, *in.session_id); });
  if (!usable(s, in.caller.user_id, now, policy_)) {
    return http_error(404, -32001, "Session not found: initialize a new one");
  }
  // Most requests only read: use is written once per touch interval.
  if (stale(*s, now, policy_)) {
    db_.write([&](store::Tx& tx) {
      sessions::touch(tx, *in.session_id, now, policy_.touch_interval_ms());
    });
  }
  return std::nullopt;
}

StreamOpening McpServer::open_stream(const Incoming& in) {
  if (auto refused = check_session(in)) return {std::move(refused), nullptr};
  return {std::nullopt, streams_.open(*in.session_id, in.caller.user_id)};
}

json::value McpServer::subscription(const json::object& params, const Incoming& in, bool on) {
  const auto* uri = params.if_contains("uri");
  if (uri == nullptr || !uri->is_string()) throw RpcError(kInvalidParams, "uri is required");
  std::string u(uri->as_string());
  if (!on) {
    db_.write([&](store::Tx& tx) { sessions::unsubscribe(tx, *in.session_id, u); });
    return json::object{};
  }
  require_readable(services_, in.caller, u);
  db_.write([&](store::Tx& tx) {
    if (sessions::count_subscriptions(tx, *in.session_id) >= kMaxSubscriptions) {
      throw RpcError(kInvalidParams, "A session may subscribe to at most " +
                                         std::to_string(kMaxSubscriptions) + " resources");
    }
    sessions::subscribe(tx, *in.session_id, u, now_unix_ms());
  });
  return json::object{};
}

bool McpServer::end_session(const Caller& caller, std::string_view session_id) {
  return db_.write([&](store::Tx& tx) {
    auto s = sessions::find(tx, session_id);
    if (!s || s->ended_at || s->user_id != caller.user_id) return false;
    return sessions::end(tx, session_id, now_unix_ms());
  });
}

json::value McpServer::initialize(const json::object& params, const Incoming& in, Outgoing& out) {
  const auto* asked = params.if_contains("protocolVersion");
  if (asked == nullptr || !asked->is_string()) {
    throw RpcError(kInvalidParams, "protocolVersion is required");
  }
  std::string version(asked->as_string());
  // Clients of the older HTTP+SSE transport cannot talk to this endpoint.
  if (!supported(version) && version < kProtocolVersions[std::size(kProtocolVersions) - 1]) {
    throw RpcError(
        kInvalidParams,
        "Unsupported protocol version " + version.substr(0, 40) +
            ": PRISM serves MCP over Streamable HTTP, revisions 2025-03-26 and later",
        json::object{{"supported", supported_list()}, {"requested", version.substr(0, 40)}});
  }
  if (!supported(version)) version = kProtocolVersions[0];
  std::string client;
  if (const auto* info = params.if_contains("clientInfo"); info && info->is_object()) {
    if (const auto* name = info->as_object().if_contains("name"); name && name->is_string()) {
      client = std::string(name->as_string()).substr(0, 100);
    }
  }
  std::string id = crypto::random_token(24);
  std::int64_t now = now_unix_ms();
  db_.write([&](store::Tx& tx) {
    sessions::insert(tx, sessions::Session{id, in.caller.user_id, in.token_id, version, client, now,
                                           now, std::nullopt});
  });
  out.session_id = id;
  return json::object{
      {"protocolVersion", version},
      {"capabilities",
       json::object{{"tools", json::object{{"listChanged", false}}},
                    {"resources", json::object{{"subscribe", true}, {"listChanged", true}}},
                    {"prompts", json::object{{"listChanged", false}}}}},
      {"serverInfo",
       json::object{{"name", "prism"}, {"title", "PRISM"}, {"version", server_version_}}},
      {"instructions",
       "PRISM holds product requirements documents (PRDs), their numbered requirements (FR-n, "
       "NFR-n) and the user stories that cover them. Start with list_projects, read a PRD with "
       "get_document, see what is left to build with list_requirements, and report progress "
       "with update_story_status."}};
}

json::value McpServer::handle(const Message& m, const Incoming& in) {
  if (m.method == "ping") return json::object{};
  if (m.method == "tools/list") return list_tools();
  if (m.method == "tools/call") return call_tool(m.params, in);
  if (m.method == "resources/list") return list_resources(services_, in.caller);
  if (m.method == "resources/templates/list") return resource_templates();
  if (m.method == "resources/subscribe") return subscription(m.params, in, true);
  if (m.method == "resources/unsubscribe") return subscription(m.params, in, false);
  if (m.method == "resources/read") {
    const auto* uri = m.params.if_contains("uri");
    if (uri == nullptr || !uri->is_string()) throw RpcError(kInvalidParams, "uri is required");
    return read_resource(services_, in.caller, std::string(uri->as_string()));
  }
  if (m.method == "prompts/list") return list_prompts();
  if (m.method == "prompts/get") {
    const auto* name = m.params.if_contains("name");
    if (name == nullptr || !name->is_string()) throw RpcError(kInvalidParams, "name is required");
    json::object args;
    if (const auto* a = m.params.if_contains("arguments"); a && a->is_object())
      args = a->as_object();
    return get_prompt(services_, in.caller, std::string(name->as_string()), args);
  }
  throw RpcError(kMethodNotFound, "Method not found: " + m.method.substr(0, 100));
}

json::value McpServer::list_tools() const {
  json::array tools;
  for (const auto& t : tools_) {
    tools.push_back(json::object{{"name", t.name},
                                 {"title", t.title},
                                 {"description", t.description},
                                 {"inputSchema", t.input_schema},
                                 {"outputSchema", t.output_schema},
                                 {"annotations", json::object{{"readOnlyHint", !t.writes}}}});
  }
  return json::object{{"tools", std::move(tools)}};
}

json::value McpServer::call_tool(const json::object& params, const Incoming& in) {
  const auto* name = params.if_contains("name");
  if (name == nullptr || !name->is_string()) throw RpcError(kInvalidParams, "name is required");
  auto tool = std::find_if(tools_.begin(), tools_.end(),
                           [&](const Tool& t) { return t.name == name->as_string(); });
  if (tool == tools_.end()) {
    throw RpcError(kInvalidParams,
                   "Unknown tool: " + std::string(name->as_string()).substr(0, 100));
  }
  json::object arguments;
  if (const auto* args = params.if_contains("arguments")) {
    if (!args->is_object()) throw RpcError(kInvalidParams, "arguments must be an object");
    arguments = args->as_object();
  }
  if (tool->writes && !in.may_write) {
    return tool_error(
        "This token may only read: create a personal API token with the write "
        "scope to use " +
        tool->name + ".");
  }
  try {
    return tool_result(tool->run(ToolCall{in.caller, in.may_write, std::move(arguments)}));
  } catch (const Error& e) {
    std::string message = e.client_message();
    for (const auto& f : e.field_errors) message += " (" + f.field + ": " + f.message + ")";
    return tool_error(message);
  }
}

}  // namespace prism::services::mcp
