#include "services/stories/stories_export.hpp"

#include <array>
#include <utility>

#include "core/clock.hpp"
#include "core/csv.hpp"
#include "services/stories/story_keys.hpp"

namespace prism::services {

namespace {

json::value or_null(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

// A line break inside a list item would end the item: continuation lines are
// indented so Markdown keeps them in it.
std::string list_item_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\r') continue;
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

// "As a …, I want …, so that …." from the parts that are filled in.
std::string sentence(const store::stories::Story& s) {
  std::string out;
  auto part = [&out](std::string_view first, std::string_view later, const std::string& text) {
    if (text.empty()) return;
    out += out.empty() ? first : later;
    out += text;
  };
  part("As a ", ", as a ", s.as_a);
  part("I want ", ", I want ", s.i_want);
  part("So that ", ", so that ", s.so_that);
  if (!out.empty() && out.back() != '.') out += '.';
  return out;
}

}  // namespace

json::object story_json(const store::stories::Story& s) {
  json::array criteria;
  for (const auto& c : s.acceptance_criteria) criteria.emplace_back(c);
  return json::object{{"id", s.id},
                      {"key", story_key(s.project_key, s.number)},
                      {"number", s.number},
                      {"org_id", s.org_id},
                      {"project_id", s.project_id},
                      {"document_id", or_null(s.document_id)},
                      {"generation_id", or_null(s.generation_id)},
                      {"title", s.title},
                      {"as_a", s.as_a},
                      {"i_want", s.i_want},
                      {"so_that", s.so_that},
                      {"acceptance_criteria", std::move(criteria)},
                      {"points", s.points ? json::value(*s.points) : json::value(nullptr)},
                      {"priority", s.priority},
                      {"status", s.status},
                      {"requirement_ref", or_null(s.requirement_ref)},
                      {"created_by", s.created_by},
                      {"created_at", rfc3339_ms(s.created_at)},
                      {"updated_at", rfc3339_ms(s.updated_at)}};
}

std::string_view jira_priority(std::string_view priority) {
  // PRISM has four levels; Jira's default scheme has five. "Lowest" stays
  // unused so that "medium" lands on Jira's default, Medium.
  if (priority == "low") return "Low";
  if (priority == "high") return "High";
  if (priority == "critical") return "Highest";
  return "Medium";
}

std::string_view jira_status(std::string_view status) {
  if (status == "in_progress") return "In Progress";
  if (status == "done") return "Done";
  return "To Do";
}

std::string jira_description(const store::stories::Story& s) {
  std::string out = sentence(s);
  if (!s.acceptance_criteria.empty()) {
    if (!out.empty()) out += "\n\n";
    out += "Acceptance criteria:";
    // "* " starts a bullet in Jira's wiki markup, which its importer reads.
    for (const auto& c : s.acceptance_criteria) out += "\n* " + c;
  }
  return out;
}

std::string stories_csv(const std::vector<store::stories::Story>& stories) {
  std::string out =
      "Summary,Issue Type,Description,Priority,Story Points,Labels,Status,PRISM Key\r\n";
  for (const auto& s : stories) {
    std::array<std::string, 8> cells = {s.title,
                                        "Story",
                                        jira_description(s),
                                        std::string(jira_priority(s.priority)),
                                        s.points ? std::to_string(*s.points) : std::string(),
                                        s.requirement_ref.value_or(""),
                                        std::string(jira_status(s.status)),
                                        story_key(s.project_key, s.number)};
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += csv_cell(cells[i]);
    }
    out += "\r\n";
  }
  return out;
}

std::string stories_markdown(std::string_view project_name,
                             const std::vector<store::stories::Story>& stories) {
  std::string out = "# " + std::string(project_name) + " — user stories\n";
  if (stories.empty()) out += "\nNo stories.\n";
  const std::array<std::pair<std::string_view, std::string_view>, 3> groups = {
      {{"todo", "To do"}, {"in_progress", "In progress"}, {"done", "Done"}}};
  for (const auto& [status, heading] : groups) {
    std::vector<const store::stories::Story*> in_group;
    for (const auto& s : stories) {
      if (s.status == status) in_group.push_back(&s);
    }
    if (in_group.empty()) continue;
    out += "\n## " + std::string(heading) + " (" + std::to_string(in_group.size()) + ")\n";
    for (const auto* s : in_group) {
      out += "\n### " + story_key(s->project_key, s->number) + ": " + s->title + "\n\n";
      std::string meta = "Priority: " + s->priority;
      meta += " · Points: " + (s->points ? std::to_string(*s->points) : std::string("—"));
      if (s->requirement_ref) meta += " · Covers: " + *s->requirement_ref;
      out += meta + "\n";
      if (std::string text = sentence(*s); !text.empty()) out += "\n" + text + "\n";
      if (!s->acceptance_criteria.empty()) {
        // A done story has met its criteria: they are shown ticked.
        std::string box = s->status == "done" ? "- [x] " : "- [ ] ";
        out += "\n**Acceptance criteria**\n\n";
        for (const auto& c : s->acceptance_criteria) out += box + list_item_text(c) + "\n";
      }
    }
  }
  return out;
}

std::string stories_json_export(const store::projects::Project& project,
                                const std::vector<store::stories::Story>& stories) {
  json::array items;
  for (const auto& s : stories) items.push_back(story_json(s));
  json::object body{
      {"project", json::object{{"id", project.id}, {"key", project.key}, {"name", project.name}}},
      {"exported_at", rfc3339_ms(now_unix_ms())},
      {"items", std::move(items)}};
  return json::serialize(body);
}

}  // namespace prism::services
