#pragma once

// What MCP offers besides tools: resources (a PRD's Markdown, a project's
// backlog) and prompts that start an agent from PRISM's context.
#include "core/json.hpp"
#include "services/caller.hpp"
#include "services/mcp/tools.hpp"

namespace prism::services::mcp {

// resources/list: every document and every project's backlog the caller
// may read (at most 500 entries).
json::object list_resources(ToolServices& s, const Caller& caller);
json::object resource_templates();
// resources/read of prism://documents/{id} or prism://projects/{id}/backlog;
// RpcError(kResourceNotFound) for anything else or anything not readable.
json::object read_resource(ToolServices& s, const Caller& caller, const std::string& uri);
// The same check without the read (resources/subscribe): throws what
// read_resource would for a resource the caller may not read.
void require_readable(ToolServices& s, const Caller& caller, const std::string& uri);

json::object list_prompts();
// prompts/get implement_story {story_id} or review_against_prd {document_id}.
json::object get_prompt(ToolServices& s, const Caller& caller, const std::string& name,
                        const json::object& arguments);

}  // namespace prism::services::mcp
