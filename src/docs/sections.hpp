#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace prism::docs {

// A document's sections are its level-two ATX headings (`## Title`). Text
// before the first heading forms a preamble section with an empty title and
// slug. `###` and deeper headings belong to their `##` parent, and headings
// inside fenced code blocks are not headings.
struct Section {
  std::string title;
  std::string slug;            // GitHub-style, unique within the document ("goals", "goals-1")
  std::size_t start_line = 0;  // 1-based line of the heading (1 for the preamble)
  std::size_t end_line = 0;    // 1-based last line of the section, inclusive
  std::string body;            // the exact text after the heading line, up to the next section
};

// Splits Markdown into sections. Concatenating each section's heading line and
// body reproduces the input byte for byte. A preamble made only of blank lines
// is left out; an empty document has no sections.
std::vector<Section> parse_sections(std::string_view md);

// The GitHub-style anchor of a heading text: lower-case, punctuation dropped,
// spaces turned into hyphens. Non-ASCII letters are kept as they are.
std::string slugify(std::string_view title);

// The section whose title equals `title_or_slug`, else whose slug equals it or
// the slug of it; nullptr when there is none. An empty key names the preamble.
const Section* find_section(const std::vector<Section>& sections, std::string_view title_or_slug);

// Replaces one section's body (its heading line is kept) and returns the new
// document. A leading `## Title` line in `new_body` repeating the section's own
// heading is dropped, so model output that echoes the heading is not doubled.
// Throws prism::Error (not found) when no section matches.
std::string replace_section(std::string_view md, std::string_view title_or_slug,
                            std::string_view new_body);

}  // namespace prism::docs
