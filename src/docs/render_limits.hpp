#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace prism::docs {

// What render_html_fragment does with a text, decided by one linear scan
// before cmark-gfm sees it (the bounds are documented in render.hpp).
struct MarkdownPlan {
  // The text cmark-gfm parses: the input up to plain_from, with a backslash
  // before each delimiter row and container marker that would pass the
  // bounds, so that it is read as text.
  std::string text;
  // Where the estimated cost passes kRenderBudgetUnits: the input from here
  // on is shown as escaped plain text. The input's size when it never does.
  std::size_t plain_from = 0;
  std::size_t tables_as_text = 0;   // delimiter rows made text
  std::size_t markers_as_text = 0;  // block quote and list markers made text
  std::size_t table_cells = 0;      // at most this many table cells are made
  std::size_t header_scan = 0;      // units of paragraph cmark-gfm re-reads for headers
  long long cost = 0;               // estimated cost of `text`, in units of kRenderBudgetUnits
};

MarkdownPlan plan_markdown(std::string_view md);

}  // namespace prism::docs
