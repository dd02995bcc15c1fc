#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace prism::docs {

// How one section changed between two versions. Sections are matched by slug
// (their title, case and punctuation aside); a renamed section shows up as one
// removed and one added. The preamble's name is the empty string.
struct SectionChange {
  std::string section;
  std::string change;  // "added" | "removed" | "modified"
  int lines_added = 0;
  int lines_removed = 0;
};

struct DiffResult {
  std::string unified;  // empty when the texts are equal
  std::vector<SectionChange> sections;
  int lines_added = 0;
  int lines_removed = 0;
};

// A line-based unified diff (3 lines of context, labels "v<from>" / "v<to>",
// the format `patch` and `git apply` read) plus per-section changes, in the
// new version's section order followed by removed sections.
DiffResult diff_documents(std::string_view from, std::string_view to, int from_version,
                          int to_version);

// Only the per-section changes, for summaries.
std::vector<SectionChange> section_changes(std::string_view from, std::string_view to);

}  // namespace prism::docs
