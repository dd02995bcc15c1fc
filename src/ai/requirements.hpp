#pragma once

// The numbered requirements of a PRD (FR-n, NFR-n, SM-n) as its Markdown
// states them, and which of them stories cover. One reading for the quality
// check, the stories prompt, the coverage report and the MCP tools.
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace prism::ai {

// A list item ("- x", "* x", "1. x"): its indent and text; is_item false
// when the line is no list item.
struct ListItem {
  bool is_item = false;
  std::size_t indent = 0;
  std::string text;
};
ListItem list_item(std::string_view line);

// "**x**" → "x", also "__x__", trimmed.
std::string without_emphasis(std::string_view s);

// The id a line or list item starts with ("FR-3" from "- **FR-3**: …") and
// the text after it without emphasis; id "" when it starts with none.
struct LeadingId {
  std::string id;
  std::string text;
};
LeadingId leading_requirement(std::string_view line);

// One top-level list item or table row of a requirements section (one whose
// title names FR, NFR or SM, see requirement_prefix), or a line elsewhere
// that starts with a requirement id.
struct RequirementItem {
  std::string id;        // "" for an item of a requirements section without one
  std::string text;      // after the id, without emphasis; at most 500 bytes
  std::string section;   // the `##` title it is under
  std::string prefix;    // the section's kind: "FR", "NFR", "SM", or "" elsewhere
  std::size_t line = 0;  // 1-based, in the whole document
};

// Every such item in document order; code fences are skipped.
std::vector<RequirementItem> requirement_items(std::string_view md);

struct Requirement {
  std::string id;    // FR-3
  std::string kind;  // functional | non_functional | metric
  std::string text;
  std::string section;
  std::size_t line = 0;
};

// The requirements the document defines, first definition of each id, in
// document order. Ids are defined by the items of requirements sections;
// a document without a section of some kind (no "Functional Requirements"
// heading) defines that kind by the lines that start with its ids.
std::vector<Requirement> requirements_of(std::string_view md);

// The functional requirements no reference in `covered` names, in order.
// Only those are expected to have stories; non-functional ones constrain
// every story rather than being built by one.
std::vector<Requirement> uncovered_requirements(const std::vector<Requirement>& requirements,
                                                const std::set<std::string, std::less<>>& covered);

}  // namespace prism::ai
