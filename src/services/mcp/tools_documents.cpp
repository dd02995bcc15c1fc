// Tools that read a PRD: its Markdown (a version, a section, bounded in
// size) and its requirements with the stories that cover each.
#include <map>

#include "ai/requirements.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "docs/sections.hpp"
#include "services/mcp/tool_args.hpp"
#include "services/mcp/tools_parts.hpp"

namespace prism::services::mcp {

namespace {

constexpr std::int64_t kDefaultMaxChars = 20000;
constexpr std::int64_t kMaxMaxChars = 200000;

// At most `max` bytes of `text`, cut at a line (else a UTF-8) boundary.
std::string bounded(const std::string& text, std::size_t max, bool& truncated) {
  truncated = text.size() > max;
  if (!truncated) return text;
  std::size_t at = text.rfind('\n', max);
  if (at == std::string::npos || at < max / 2) at = utf8_prefix_length(text, max);
  return text.substr(0, at);
}

json::object get_document(ToolServices& s, const ToolCall& call) {
  std::string id = required_string(call.arguments, "document_id", 100);
  auto version = optional_int(call.arguments, "version", 1, 1'000'000'000);
  auto section = optional_string(call.arguments, "section", 200);
  auto max_chars =
      optional_int(call.arguments, "max_chars", 100, kMaxMaxChars).value_or(kDefaultMaxChars);
  auto current = s.documents.get(call.caller, id);
  store::documents::Version v =
      version ? s.documents.version(call.caller, id, *version) : current.version;
  std::string text = v.content;
  if (section) {
    auto sections = docs::parse_sections(text);
    const docs::Section* found = docs::find_section(sections, *section);
    if (found == nullptr) throw validation_failed("section", "the document has no such section");
    text = (found->title.empty() ? "" : "## " + found->title + "\n") + found->body;
  }
  bool truncated = false;
  std::string shown = bounded(text, static_cast<std::size_t>(max_chars), truncated);
  json::object out{{"document_id", id},
                   {"title", current.document.title},
                   {"status", current.document.status},
                   {"project_id", current.document.project_id},
                   {"version", v.version},
                   {"current_version", current.document.current_version},
                   {"markdown", shown},
                   {"truncated", truncated},
                   {"total_chars", static_cast<std::int64_t>(text.size())}};
  if (truncated) {
    out["note"] = "Cut at " + std::to_string(shown.size()) + " of " + std::to_string(text.size()) +
                  " characters: ask for one section, or a larger max_chars.";
  }
  return out;
}

json::object list_requirements(ToolServices& s, const ToolCall& call) {
  std::string id = required_string(call.arguments, "document_id", 100);
  auto current = s.documents.get(call.caller, id);
  auto requirements = ai::requirements_of(current.version.content);
  // The document's stories, every page.
  std::map<std::string, json::array> covering;
  StoryQuery q;
  q.document_id = id;
  q.limit = 200;
  for (int page = 0; page < 50; ++page) {
    auto stories = s.stories.list(call.caller, current.document.project_id, q);
    bool more = stories.size() > static_cast<std::size_t>(q.limit);
    if (more) stories.pop_back();
    for (const auto& st : stories) {
      if (st.requirement_ref) covering[*st.requirement_ref].push_back(story_brief(st));
    }
    if (!more || stories.empty()) break;
    q.cursor = stories.back().id;
  }
  json::array items;
  json::array uncovered;
  for (const auto& r : requirements) {
    json::array stories = covering.count(r.id) ? covering[r.id] : json::array{};
    if (r.kind == "functional" && stories.empty()) uncovered.push_back(json::string(r.id));
    items.push_back(json::object{{"id", r.id},
                                 {"kind", r.kind},
                                 {"text", r.text},
                                 {"section", r.section},
                                 {"stories", std::move(stories)}});
  }
  return json::object{{"document_id", id},
                      {"version", current.document.current_version},
                      {"requirements", std::move(items)},
                      {"uncovered", std::move(uncovered)}};
}

}  // namespace

void add_document_tools(std::vector<Tool>& tools, ToolServices s) {
  tools.push_back(Tool{
      "get_document", "Read a PRD",
      "The Markdown of a document (the current version, or `version`), or of one `section` "
      "(a `##` title or its slug), cut at `max_chars` (default 20000) with a note when longer.",
      object_schema(
          json::object{{"document_id", string_prop("the document's id")},
                       {"version", int_prop("a version number", 1, 1'000'000'000)},
                       {"section", string_prop("a `##` section title or slug")},
                       {"max_chars", int_prop("most characters returned", 100, kMaxMaxChars)}},
          json::array{"document_id"}),
      object_schema(json::object{{"document_id", string_prop("")},
                                 {"title", string_prop("")},
                                 {"markdown", string_prop("")},
                                 {"version", int_prop("", 1, 1'000'000'000)},
                                 {"truncated", json::object{{"type", "boolean"}}}},
                    json::array{"document_id", "title", "markdown", "version", "truncated"}),
      false, [s](const ToolCall& c) mutable { return get_document(s, c); }});
  tools.push_back(
      Tool{"list_requirements", "Requirements and their stories",
           "The numbered requirements (FR-n, NFR-n, SM-n) of a PRD, each with the backlog stories "
           "that name it, and `uncovered`: the functional requirements no story covers yet.",
           object_schema(json::object{{"document_id", string_prop("the document's id")}},
                         json::array{"document_id"}),
           object_schema(json::object{{"requirements", json::object{{"type", "array"}}},
                                      {"uncovered", json::object{{"type", "array"}}}},
                         json::array{"requirements", "uncovered"}),
           false, [s](const ToolCall& c) mutable { return list_requirements(s, c); }});
}

}  // namespace prism::services::mcp
