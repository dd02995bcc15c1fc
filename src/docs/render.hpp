#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace prism::docs {

// What one render may cost. cmark-gfm (Debian's 0.29.0.gfm.6, which we may
// not patch) has steps that grow with the square of a table's width (a
// row's cells are appended to a list walked from its head; the HTML renderer
// walks a cell's siblings to find its column) and of a paragraph's length
// (every delimiter row re-reads the paragraph above it for a header), and it
// pads each short row with empty cells up to the header's width. Before
// cmark-gfm sees the text, one linear scan (render_limits.hpp) finds what
// would pass these bounds, and the render keeps the text but drops the
// structure that would cost too much:
//
// - A table with more than kMaxTableColumns columns or a row of more than
//   kMaxTableColumns cells, a table that would take the document's tables
//   past kMaxTableCells cells in all (rows × width, padded cells counted),
//   and every delimiter row once the document's delimiter rows have made
//   cmark-gfm re-read kMaxHeaderScanUnits of paragraph (bytes, plus the
//   square of each line's pipes) is shown as its text, a paragraph with the
//   pipes, not as a table.
// - Block quote and list markers on one line past kMaxNesting elements of
//   depth are shown as text. When the output would still nest deeper than
//   kMaxNesting elements (lists nested by indentation, emphasis or links
//   inside each other), the whole text is shown as escaped plain text.
// - The cost of the rest is estimated per character class (dense
//   delimiters, brackets, '@' and line starts cost cmark-gfm many times what
//   prose does); from the line where it passes kRenderBudgetUnits (about
//   100 ms of one busy core), the text is shown as escaped plain text in a
//   <pre class="markdown-text">. An ordinary document of several hundred
//   KiB stays Markdown throughout.
//
// So no text within the 1 MiB document limit takes more than about 100 ms to
// render (bench/render_bench.cpp), and no render fails because of a bound.
inline constexpr int kMaxTableColumns = 100;
inline constexpr std::size_t kMaxTableCells = 50'000;
inline constexpr std::size_t kMaxHeaderScanUnits = 250'000;
inline constexpr int kMaxNesting = 32;
inline constexpr long long kRenderBudgetUnits = 100'000'000;

// Markdown (CommonMark + GitHub tables, strikethrough, autolinks, task lists)
// to an HTML fragment that is safe to embed: raw HTML never passes through,
// and links and images keep only http, https, mailto (links) and scheme-less
// relative URLs such as "#goals"; any other link becomes its text and any
// other image its alt text. Invalid UTF-8 is replaced, never rejected.
// Within the bounds above; never throws because of them.
std::string render_html_fragment(std::string_view md);

// The standalone HTML5 page for exports around a fragment that
// render_html_fragment made, so one cached fragment serves share links and
// exports: an embedded stylesheet (screen and print), a
// Content-Security-Policy that allows no script, and the title (escaped) as
// <title> and, when the fragment does not open with a level-one heading, as
// the page heading.
std::string wrap_html_document(std::string_view title, std::string_view fragment);

// Whether a link target may be rendered: exposed for tests and for other
// renderers of user or model text.
bool is_safe_url(std::string_view url, bool image);

std::string escape_html(std::string_view text);

}  // namespace prism::docs
