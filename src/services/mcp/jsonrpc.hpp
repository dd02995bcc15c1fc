#pragma once

// JSON-RPC 2.0 as MCP uses it: requests (with an id), notifications
// (without), and responses; errors with the standard codes.
#include <optional>
#include <stdexcept>
#include <string>

#include "core/json.hpp"

namespace prism::services::mcp {

inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kResourceNotFound = -32002;  // MCP's code for resources/read

// A protocol error to answer with: {"error":{code,message,data?}}.
class RpcError : public std::runtime_error {
 public:
  RpcError(int code, const std::string& message, json::value data = nullptr)
      : std::runtime_error(message), code_(code), data_(std::move(data)) {}
  int code() const { return code_; }
  const json::value& data() const { return data_; }

 private:
  int code_;
  json::value data_;
};

struct Message {
  enum class Kind { kRequest, kNotification, kResponse };
  Kind kind = Kind::kRequest;
  json::value id;  // string or integer; null for notifications
  std::string method;
  json::object params;
};

// One JSON-RPC message, validated; throws RpcError(kInvalidRequest) with what
// is wrong (the id, when readable, in its data).
Message read_message(const json::value& v);

json::object result_of(const json::value& id, json::value result);
json::object error_of(const json::value& id, int code, const std::string& message,
                      const json::value& data = nullptr);

}  // namespace prism::services::mcp
