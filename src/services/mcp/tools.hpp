#pragma once

// The tools an MCP client may call: each with a JSON Schema for its input
// and output, run as the token's user through the same services (and the
// same access checks) as the HTTP API.
#include <functional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "services/caller.hpp"
#include "services/collab/comments_service.hpp"
#include "services/documents/documents_service.hpp"
#include "services/orgs/orgs_service.hpp"
#include "services/orgs/projects_service.hpp"
#include "services/search/search_service.hpp"
#include "services/stories/stories_service.hpp"

namespace prism::services::mcp {

struct ToolServices {
  OrgsService& orgs;
  ProjectsService& projects;
  DocumentsService& documents;
  StoriesService& stories;
  collab::CommentsService& comments;
  search::SearchService& search;
};

struct ToolCall {
  Caller caller;
  bool may_write = false;  // the token's scope
  json::object arguments;
};

struct Tool {
  std::string name;
  std::string title;
  std::string description;
  json::object input_schema;
  json::object output_schema;
  bool writes = false;
  // The structured result; throws prism::Error (not found, forbidden,
  // validation) for a tool error the client sees as such.
  std::function<json::object(const ToolCall&)> run;
};

std::vector<Tool> make_tools(ToolServices services);

}  // namespace prism::services::mcp
