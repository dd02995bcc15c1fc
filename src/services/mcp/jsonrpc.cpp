#include "services/mcp/jsonrpc.hpp"

namespace prism::services::mcp {

Message read_message(const json::value& v) {
  if (!v.is_object()) throw RpcError(kInvalidRequest, "a JSON-RPC message must be an object");
  const auto& o = v.as_object();
  const auto* version = o.if_contains("jsonrpc");
  if (version == nullptr || !version->is_string() || version->as_string() != "2.0") {
    throw RpcError(kInvalidRequest, "jsonrpc must be \"2.0\"");
  }
  Message m;
  const auto* id = o.if_contains("id");
  if (id != nullptr && !id->is_string() && !id->is_int64() && !id->is_uint64()) {
    throw RpcError(kInvalidRequest, "id must be a string or an integer");
  }
  if (id != nullptr) m.id = *id;
  const auto* method = o.if_contains("method");
  if (method == nullptr) {
    if (id == nullptr || (!o.contains("result") && !o.contains("error"))) {
      throw RpcError(kInvalidRequest, "a message needs a method, or a result or error with an id");
    }
    m.kind = Message::Kind::kResponse;
    return m;
  }
  if (!method->is_string() || method->as_string().empty()) {
    throw RpcError(kInvalidRequest, "method must be a non-empty string", m.id);
  }
  m.method = std::string(method->as_string());
  m.kind = id == nullptr ? Message::Kind::kNotification : Message::Kind::kRequest;
  if (const auto* params = o.if_contains("params")) {
    if (!params->is_object()) throw RpcError(kInvalidRequest, "params must be an object", m.id);
    m.params = params->as_object();
  }
  return m;
}

json::object result_of(const json::value& id, json::value result) {
  return json::object{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json::object error_of(const json::value& id, int code, const std::string& message,
                      const json::value& data) {
  json::object error{{"code", code}, {"message", message}};
  if (!data.is_null()) error["data"] = data;
  return json::object{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}};
}

}  // namespace prism::services::mcp
