#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace prism::docs {

// What one render may cost. cmark-gfm (Debian's 0.29.0.gfm.6, which we may
// not patch) has steps that grow with the square of a table's width and of a
// paragraph's length, and a padding step that turns each short row into as
// many cells as the header has columns. Before cmark-gfm sees the text, a
// linear scan (render_limits.cpp) finds what would pass these bounds, and the
// render keeps the text but drops the structure that would be too costly:
//
// - A table with more than kMaxTableColumns columns, a row with more than
//   kMaxTableColumns cells, or a table whose cells (rows × header columns,
//   counting the empty cells short rows are padded with) would take the
//   document past kMaxTableCells in all, is shown as its text (a paragraph
//   with the pipes), not as a table. The same holds for a delimiter row once
//   the document's delimiter rows have made cmark-gfm re-read
//   kMaxHeaderScanUnits of paragraph text looking for a header.
// - Block quote and list markers that would nest deeper than kMaxNesting
//   elements are shown as text. Output whose elements would still nest deeper
//   than kMaxNesting (lists nested by indentation, emphasis or links inside
//   each other) is shown as escaped plain text as a whole.
// - Markup so dense that its estimated cost passes kRenderBudgetUnits (about
//   60 ms of cmark-gfm work on one core: thousands of unmatched delimiters,
//   brackets or e-mail-like words in every few bytes) is shown as escaped
//   plain text as a whole. An ordinary 1 MiB document costs a fraction of it.
//
// With the 1 MiB document limit, every render takes well under 100 ms
// (bench/render_bench.cpp), and none ever fails because of these bounds.
inline constexpr int kMaxTableColumns = 100;
inline constexpr std::size_t kMaxTableCells = 50'000;
inline constexpr std::size_t kMaxHeaderScanUnits = 500'000;
inline constexpr int kMaxNesting = 32;
inline constexpr long long kRenderBudgetUnits = 100'000'000;

// Markdown (CommonMark + GitHub tables, strikethrough, autolinks, task lists)
// to an HTML fragment that is safe to embed: raw HTML never passes through,
// and links and images keep only http, https, mailto (links) and scheme-less
// relative URLs such as "#goals"; any other link becomes its text and any
// other image its alt text. Invalid UTF-8 is replaced, never rejected.
// Within the bounds above; never throws because of them.
std::string render_html_fragment(std::string_view md);

// A standalone HTML5 page for export and share links: embedded stylesheet
// (screen and print), a Content-Security-Policy that allows no script, and the
// title (escaped) as <title> and, when the text does not open with a level-one
// heading, as the page heading.
std::string render_html_document(std::string_view title, std::string_view md);

// The page of render_html_document around a fragment that
// render_html_fragment made, so a cached fragment serves both.
std::string wrap_html_document(std::string_view title, std::string_view fragment);

// Whether a link target may be rendered: exposed for tests and for other
// renderers of user or model text.
bool is_safe_url(std::string_view url, bool image);

std::string escape_html(std::string_view text);

}  // namespace prism::docs
