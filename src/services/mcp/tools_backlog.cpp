// Tools over projects and their backlog: list projects and stories, read a
// story, and the two writes an agent reports back with (a story's status, a
// comment on a document), both refused to a read-scoped token.
#include "core/error.hpp"
#include "services/mcp/tool_args.hpp"
#include "services/mcp/tools_parts.hpp"
#include "services/stories/stories_export.hpp"
#include "services/stories/stories_rules.hpp"

namespace prism::services::mcp {

namespace {

constexpr int kMaxPage = 100;

std::string key_of(const store::stories::Story& s) {
  return s.project_key + "-" + std::to_string(s.number);
}

json::object list_projects(ToolServices& s, const ToolCall& call) {
  auto org_filter = optional_string(call.arguments, "org_id", 100);
  json::array projects;
  for (const auto& org : s.orgs.list_mine(call.caller.user_id, std::nullopt, 200)) {
    if (org_filter && org.org.id != *org_filter) continue;
    for (const auto& p : s.projects.list(call.caller.user_id, org.org.id, std::nullopt, 200)) {
      projects.push_back(json::object{{"id", p.id},
                                      {"key", p.key},
                                      {"name", p.name},
                                      {"description", p.description},
                                      {"org_id", org.org.id},
                                      {"org_name", org.org.name}});
    }
  }
  return json::object{{"projects", std::move(projects)}};
}

json::object list_stories(ToolServices& s, const ToolCall& call) {
  std::string project = required_string(call.arguments, "project_id", 100);
  StoryQuery q;
  q.status = optional_string(call.arguments, "status", 20);
  q.document_id = optional_string(call.arguments, "document_id", 100);
  q.cursor = optional_string(call.arguments, "cursor", 100);
  q.limit = static_cast<int>(optional_int(call.arguments, "limit", 1, kMaxPage).value_or(50));
  auto requirement = optional_string(call.arguments, "requirement", 20);
  auto stories = s.stories.list(call.caller, project, q);
  bool more = stories.size() > static_cast<std::size_t>(q.limit);
  if (more) stories.pop_back();
  json::array items;
  for (const auto& st : stories) {
    if (requirement && st.requirement_ref != requirement) continue;
    json::object o = story_brief(st);
    o["requirement_ref"] = st.requirement_ref ? json::value(*st.requirement_ref) : nullptr;
    o["priority"] = st.priority;
    items.push_back(std::move(o));
  }
  json::object out{{"stories", std::move(items)}};
  out["next_cursor"] = more ? json::value(stories.back().id) : json::value(nullptr);
  return out;
}

json::object get_story(ToolServices& s, const ToolCall& call) {
  auto story = s.stories.get(call.caller, required_string(call.arguments, "story_id", 100));
  json::object out = story_json(story);
  out["key"] = key_of(story);
  return out;
}

json::object update_story_status(ToolServices& s, const ToolCall& call) {
  std::string id = required_string(call.arguments, "story_id", 100);
  std::string status = required_string(call.arguments, "status", 20);
  StoryChanges changes;
  changes.status = status;
  auto story = s.stories.update(call.caller, id, changes);
  return story_brief(story);
}

json::object add_comment(ToolServices& s, const ToolCall& call) {
  std::string document = required_string(call.arguments, "document_id", 100);
  json::object body{{"body", required_string(call.arguments, "body", 10000)}};
  if (auto section = optional_string(call.arguments, "section", 200)) body["section"] = *section;
  auto view = s.comments.create(call.caller, document, body);
  return json::object{
      {"comment_id", view.comment.id},
      {"document_id", document},
      {"section", view.comment.section ? json::value(*view.comment.section) : nullptr}};
}

}  // namespace

json::object story_brief(const store::stories::Story& s) {
  return json::object{{"id", s.id}, {"key", key_of(s)}, {"title", s.title}, {"status", s.status}};
}

void add_backlog_tools(std::vector<Tool>& tools, ToolServices s) {
  json::object brief = object_schema(json::object{{"id", string_prop("")},
                                                  {"key", string_prop("")},
                                                  {"title", string_prop("")},
                                                  {"status", string_prop("")}},
                                     json::array{"id", "key", "title", "status"});
  tools.push_back(
      Tool{"list_projects", "List projects",
           "The projects of every organization you belong to (or of `org_id`), with their keys.",
           object_schema(json::object{{"org_id", string_prop("only this organization's")}}),
           object_schema(json::object{{"projects", json::object{{"type", "array"}}}},
                         json::array{"projects"}),
           false, [s](const ToolCall& c) mutable { return list_projects(s, c); }});
  tools.push_back(
      Tool{"list_stories", "List a project's stories",
           "The backlog of a project in creation order, filtered by `status` (todo, in_progress, "
           "done), `requirement` (FR-3) or `document_id`; pages of `limit` (default 50) continued "
           "with `cursor` (the previous answer's next_cursor).",
           object_schema(json::object{{"project_id", string_prop("the project's id")},
                                      {"status", string_prop("todo, in_progress or done")},
                                      {"requirement", string_prop("a requirement id such as FR-3")},
                                      {"document_id", string_prop("stories of this document")},
                                      {"cursor", string_prop("next_cursor of the previous page")},
                                      {"limit", int_prop("stories per page", 1, kMaxPage)}},
                         json::array{"project_id"}),
           object_schema(
               json::object{{"stories", json::object{{"type", "array"}}},
                            {"next_cursor", json::object{{"type", json::array{"string", "null"}}}}},
               json::array{"stories", "next_cursor"}),
           false, [s](const ToolCall& c) mutable { return list_stories(s, c); }});
  tools.push_back(
      Tool{"get_story", "Read a story",
           "A story with its key, as a / I want / so that, acceptance criteria, points, priority, "
           "status and the requirement it covers.",
           object_schema(json::object{{"story_id", string_prop("the story's id")}},
                         json::array{"story_id"}),
           object_schema(json::object{{"id", string_prop("")}, {"key", string_prop("")}},
                         json::array{"id", "key"}),
           false, [s](const ToolCall& c) mutable { return get_story(s, c); }});
  tools.push_back(Tool{
      "update_story_status", "Move a story",
      "Sets a story's status: todo, in_progress or done (needs a token with the write scope).",
      object_schema(json::object{{"story_id", string_prop("the story's id")},
                                 {"status", json::object{{"type", "string"},
                                                         {"enum", json::array{"todo", "in_progress",
                                                                              "done"}}}}},
                    json::array{"story_id", "status"}),
      brief, true, [s](const ToolCall& c) mutable { return update_story_status(s, c); }});
  tools.push_back(Tool{
      "add_comment", "Comment on a document",
      "Starts a comment thread on a document, on one `section` when given (needs a token with "
      "the write scope). The body is Markdown.",
      object_schema(json::object{{"document_id", string_prop("the document's id")},
                                 {"body", string_prop("the comment, Markdown")},
                                 {"section", string_prop("a `##` section title or slug")}},
                    json::array{"document_id", "body"}),
      object_schema(json::object{{"comment_id", string_prop("")}, {"document_id", string_prop("")}},
                    json::array{"comment_id", "document_id"}),
      true, [s](const ToolCall& c) mutable { return add_comment(s, c); }});
}

}  // namespace prism::services::mcp
