#pragma once

// Reading a tool call's arguments: a wrong one is an MCP "invalid params"
// error naming the argument.
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"

namespace prism::services::mcp {

std::string required_string(const json::object& args, std::string_view name,
                            std::size_t max_len = 200);
std::optional<std::string> optional_string(const json::object& args, std::string_view name,
                                           std::size_t max_len = 200);
std::optional<std::int64_t> optional_int(const json::object& args, std::string_view name,
                                         std::int64_t min, std::int64_t max);

json::object string_prop(std::string description);
json::object int_prop(std::string description, std::int64_t min, std::int64_t max);
json::object object_schema(json::object properties, json::array required = {});

}  // namespace prism::services::mcp
