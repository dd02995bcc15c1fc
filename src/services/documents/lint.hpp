#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ai/templates.hpp"
#include "core/json.hpp"

namespace prism::services {

struct LintFinding {
  std::string rule;      // e.g. "missing_section", "vague_word"
  std::string severity;  // error | warning | info
  std::string section;   // the `##` title it is in ("" for the preamble or the whole document)
  std::string message;
  std::optional<std::size_t> line;  // 1-based, when the finding is on one line
};

struct LintReport {
  int score = 100;
  std::vector<LintFinding> findings;
};

struct LintInput {
  std::string_view content;
  // The sections of the document's template; empty when it has none, and
  // then no section is required.
  std::vector<ai::TemplateSection> template_sections;
  // Requirement ids (FR-n …) that at least one story refers to.
  std::set<std::string, std::less<>> covered_refs;
};

// Rule-based PRD quality check. Rules and severities:
//   missing_section (error)          a required section of the template is absent
//   empty_section (warning)          a required section has no text of its own
//   duplicate_requirement_id (error) two requirements share an id
//   requirement_without_id (warning) a list item in a FR/NFR/SM section has no id
//   metric_without_number (warning)  a success metric has no number in it
//   todo_left (warning)              TBD, TODO, FIXME, "To complete:" or ??? left
//   vague_word (warning)             fast, easy, user-friendly, robust, etc. …
//   uncovered_requirement (info)     a functional requirement no story covers
// Score: 100 minus 15 per error, 5 per warning and 1 per info, each rule
// taking away at most 30 points (so one noisy rule cannot hide the others),
// never below 0.
LintReport lint_document(const LintInput& input);

json::object lint_report_json(const LintReport& report);

}  // namespace prism::services
