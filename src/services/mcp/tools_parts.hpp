#pragma once

// The parts of the tool table (tools.cpp puts them together).
#include <vector>

#include "core/json.hpp"
#include "services/mcp/tools.hpp"
#include "store/stories_store.hpp"

namespace prism::services::mcp {

void add_document_tools(std::vector<Tool>& tools, ToolServices s);
void add_backlog_tools(std::vector<Tool>& tools, ToolServices s);
void add_search_tool(std::vector<Tool>& tools, ToolServices s);

// {id, key, title, status}: a story in a list.
json::object story_brief(const store::stories::Story& s);

}  // namespace prism::services::mcp
