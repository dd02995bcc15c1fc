// Prompts that start a coding agent from PRISM's context in one step.
#include "ai/requirements.hpp"
#include "core/error.hpp"
#include "docs/sections.hpp"
#include "services/mcp/context.hpp"
#include "services/mcp/jsonrpc.hpp"
#include "services/mcp/tool_args.hpp"

namespace prism::services::mcp {

namespace {

json::object user_message(std::string text) {
  return json::object{{"role", "user"},
                      {"content", json::object{{"type", "text"}, {"text", std::move(text)}}}};
}

// The `##` section of the document that defines `ref`, as Markdown.
std::string section_defining(const std::string& content, const std::string& ref) {
  for (const auto& r : ai::requirements_of(content)) {
    if (r.id != ref) continue;
    auto sections = docs::parse_sections(content);
    if (const auto* s = docs::find_section(sections, r.section)) {
      return (s->title.empty() ? "" : "## " + s->title + "\n") + s->body;
    }
  }
  return {};
}

json::object implement_story(ToolServices& s, const Caller& caller, const json::object& args) {
  auto story = s.stories.get(caller, required_string(args, "story_id", 100));
  std::string key = story.project_key + "-" + std::to_string(story.number);
  std::string text = "Implement user story " + key + ": " + story.title + "\n\n";
  if (!story.as_a.empty()) {
    text +=
        "As " + story.as_a + ", I want " + story.i_want + ", so that " + story.so_that + ".\n\n";
  }
  if (!story.acceptance_criteria.empty()) {
    text += "Acceptance criteria (each must pass):\n";
    for (const auto& c : story.acceptance_criteria) text += "- " + c + "\n";
    text += "\n";
  }
  if (story.document_id) {
    auto doc = s.documents.get(caller, *story.document_id);
    text += "It comes from the PRD \"" + doc.document.title + "\" (document " + doc.document.id +
            ", version " + std::to_string(doc.document.current_version) + ").\n";
    if (story.requirement_ref) {
      std::string section = section_defining(doc.version.content, *story.requirement_ref);
      text += "It delivers requirement " + *story.requirement_ref + "." +
              (section.empty() ? "\n" : " The PRD section that defines it:\n\n" + section + "\n");
    }
  }
  text +=
      "\nWork in small steps, keep to the acceptance criteria, and when they pass call "
      "update_story_status with status \"done\" for story " +
      story.id + ".";
  return json::object{{"description", "Implement " + key + " against its acceptance criteria"},
                      {"messages", json::array{user_message(std::move(text))}}};
}

json::object review_against_prd(ToolServices& s, const Caller& caller, const json::object& args) {
  auto doc = s.documents.get(caller, required_string(args, "document_id", 100));
  std::string text = "Review the current implementation against the PRD \"" + doc.document.title +
                     "\" (version " + std::to_string(doc.document.current_version) +
                     "). For each requirement below, say whether the code meets it, where, and "
                     "what is missing:\n\n";
  int n = 0;
  for (const auto& r : ai::requirements_of(doc.version.content)) {
    text += "- [ ] " + r.id + ": " + r.text + "\n";
    ++n;
  }
  if (n == 0) {
    text += "(The PRD numbers no requirements; review against its text, read with get_document.)\n";
  }
  text +=
      "\nRead the whole PRD with get_document (document_id " + doc.document.id +
      ") when a requirement needs its context. Report findings as a list; add_comment can leave "
      "them on the PRD.";
  return json::object{{"description", "Check the code against " + doc.document.title},
                      {"messages", json::array{user_message(std::move(text))}}};
}

}  // namespace

json::object list_prompts() {
  return json::object{
      {"prompts",
       json::array{
           json::object{
               {"name", "implement_story"},
               {"title", "Implement a story"},
               {"description", "The story, its acceptance criteria and the PRD section it covers"},
               {"arguments",
                json::array{json::object{
                    {"name", "story_id"}, {"description", "the story's id"}, {"required", true}}}}},
           json::object{{"name", "review_against_prd"},
                        {"title", "Review against the PRD"},
                        {"description", "The PRD's requirements as a checklist"},
                        {"arguments", json::array{json::object{{"name", "document_id"},
                                                               {"description", "the PRD's id"},
                                                               {"required", true}}}}}}}};
}

json::object get_prompt(ToolServices& s, const Caller& caller, const std::string& name,
                        const json::object& arguments) {
  try {
    if (name == "implement_story") return implement_story(s, caller, arguments);
    if (name == "review_against_prd") return review_against_prd(s, caller, arguments);
  } catch (const Error& e) {
    throw RpcError(kInvalidParams, e.client_message());
  }
  throw RpcError(kInvalidParams, "Unknown prompt: " + name.substr(0, 100));
}

}  // namespace prism::services::mcp
