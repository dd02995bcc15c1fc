// The search tool: documents and stories of every organization the caller
// belongs to (or one), ranked as the app's search ranks them, each with a
// snippet whose matching words are marked **like this**.
#include "services/mcp/tool_args.hpp"
#include "services/mcp/tools_parts.hpp"

namespace prism::services::mcp {

namespace {

std::string marked(const std::vector<search::Segment>& segments) {
  std::string out;
  for (const auto& s : segments) out += s.match ? "**" + s.text + "**" : s.text;
  return out;
}

json::object search_all(ToolServices& s, const ToolCall& call) {
  std::string query = required_string(call.arguments, "query", 200);
  auto org_filter = optional_string(call.arguments, "org_id", 100);
  auto limit = optional_int(call.arguments, "limit", 1, 50).value_or(20);
  std::string limit_text = std::to_string(limit);
  json::array items;
  bool more = false;
  for (const auto& org : s.orgs.list_mine(call.caller.user_id, std::nullopt, 200)) {
    if (org_filter && org.org.id != *org_filter) continue;
    if (static_cast<std::int64_t>(items.size()) >= limit) {
      more = true;
      break;
    }
    auto results = s.search.search(call.caller, org.org.id, query, limit_text);
    more = more || results.has_more;
    for (const auto& r : results.items) {
      if (static_cast<std::int64_t>(items.size()) >= limit) {
        more = true;
        break;
      }
      bool story = r.hit.kind == store::search::Hit::Kind::kStory;
      items.push_back(json::object{{"kind", story ? "story" : "document"},
                                   {"id", r.hit.id},
                                   {"title", r.hit.title},
                                   {"key", r.key ? json::value(*r.key) : json::value(nullptr)},
                                   {"status", r.hit.status},
                                   {"project_id", r.hit.project_id},
                                   {"project_key", r.hit.project_key},
                                   {"org_id", org.org.id},
                                   {"snippet", marked(r.snippet)}});
    }
  }
  return json::object{{"results", std::move(items)}, {"has_more", more}};
}

}  // namespace

void add_search_tool(std::vector<Tool>& tools, ToolServices s) {
  tools.push_back(Tool{
      "search", "Search documents and stories",
      "Full-text search over the PRDs and stories of your organizations (or `org_id`'s), ranked "
      "(a story key such as QP-12 first, then title matches), with snippets whose matching "
      "words are marked **like this**; at most `limit` (default 20) results.",
      object_schema(json::object{{"query", string_prop("words to find, or a story key")},
                                 {"org_id", string_prop("only this organization's")},
                                 {"limit", int_prop("most results", 1, 50)}},
                    json::array{"query"}),
      object_schema(json::object{{"results", json::object{{"type", "array"}}},
                                 {"has_more", json::object{{"type", "boolean"}}}},
                    json::array{"results", "has_more"}),
      false, [s](const ToolCall& c) mutable { return search_all(s, c); }});
}

}  // namespace prism::services::mcp
