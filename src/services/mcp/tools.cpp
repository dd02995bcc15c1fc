#include "services/mcp/tools.hpp"

#include "services/mcp/tools_parts.hpp"

namespace prism::services::mcp {

std::vector<Tool> make_tools(ToolServices services) {
  std::vector<Tool> tools;
  add_backlog_tools(tools, services);
  add_document_tools(tools, services);
  add_search_tool(tools, services);
  return tools;
}

}  // namespace prism::services::mcp
