#include "services/mcp/tool_args.hpp"

#include "services/mcp/jsonrpc.hpp"

namespace prism::services::mcp {

std::optional<std::string> optional_string(const json::object& args, std::string_view name,
                                           std::size_t max_len) {
  const auto* v = args.if_contains(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string() || v->as_string().empty() || v->as_string().size() > max_len) {
    throw RpcError(kInvalidParams, std::string(name) + " must be a non-empty string of at most " +
                                       std::to_string(max_len) + " characters");
  }
  return std::string(v->as_string());
}

std::string required_string(const json::object& args, std::string_view name, std::size_t max_len) {
  auto v = optional_string(args, name, max_len);
  if (!v) throw RpcError(kInvalidParams, std::string(name) + " is required");
  return *v;
}

std::optional<std::int64_t> optional_int(const json::object& args, std::string_view name,
                                         std::int64_t min, std::int64_t max) {
  const auto* v = args.if_contains(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max) {
    throw RpcError(kInvalidParams, std::string(name) + " must be an integer from " +
                                       std::to_string(min) + " to " + std::to_string(max));
  }
  return v->as_int64();
}

json::object string_prop(std::string description) {
  return json::object{{"type", "string"}, {"description", std::move(description)}};
}

json::object int_prop(std::string description, std::int64_t min, std::int64_t max) {
  return json::object{{"type", "integer"},
                      {"minimum", min},
                      {"maximum", max},
                      {"description", std::move(description)}};
}

json::object object_schema(json::object properties, json::array required) {
  json::object o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = std::move(required);
  return o;
}

}  // namespace prism::services::mcp
