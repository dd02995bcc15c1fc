#include "docs/render_limits.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "docs/render.hpp"

namespace prism::docs {
namespace {

// cmark-gfm's cost per character, line, table and table cell, and per unit of
// header scan, in about a nanosecond of one busy core each, measured with
// bench/render_bench.cpp: dense delimiters, brackets, line starts and '@'
// (the autolink extension) are what make some texts of the same size many
// times slower than prose. Rounded up, so that the estimate errs high.
constexpr long long kLineCost = 700;
constexpr long long kTableCost = 3000;
constexpr long long kCellCost = 900;
constexpr long long kHeaderScanCost = 120;
constexpr long long kAutolinkCost = 500;  // each "www." and "://"
// A delimiter row or marker made text: its backslash escape, and the line
// now continuing a paragraph.
constexpr long long kAsTextCost = 1000;

constexpr std::array<long long, 256> make_char_costs() {
  std::array<long long, 256> costs{};
  for (auto& c : costs) c = 2;
  costs[0] = 10;
  for (unsigned char c : {'*', '_', '~'}) costs[c] = 600;
  costs['['] = 300;
  costs[']'] = 2000;  // where a link closes, its reference is looked up
  costs['@'] = 3000;
  for (unsigned char c : {'!', '`', '\\'}) costs[c] = 250;
  for (unsigned char c : {'<', '&', '(', ')'}) costs[c] = 150;
  costs['>'] = 300;
  for (unsigned char c : {':', '-', '+'}) costs[c] = 100;
  costs['|'] = 200;
  return costs;
}
constexpr std::array<long long, 256> kCharCosts = make_char_costs();

// The estimated cost of md[begin, end).
long long text_cost(std::string_view md, std::size_t begin, std::size_t end) {
  long long cost = 0;
  for (std::size_t i = begin; i < end; ++i) {
    cost += kCharCosts[static_cast<unsigned char>(md[i])];
    if (md[i] == '.' && i >= begin + 3 && md.compare(i - 3, 3, "www") == 0) cost += kAutolinkCost;
    if (md[i] == ':' && md.compare(i + 1, 2, "//") == 0) cost += kAutolinkCost;
  }
  return cost;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;                // before the line ending
  std::size_t content = 0;            // after leading spaces, tabs and '>'
  std::size_t pipes = 0;              // unescaped '|'
  std::size_t cells = 1;              // cells if read as a table row
  std::size_t first_pipe = 0;         // where a backslash makes a delimiter row text
  std::size_t delimiter_columns = 0;  // > 0: may be a table's delimiter row
  bool blank = false;
  bool underline = false;  // ends a paragraph (setext underline, thematic break, list item)
};

// cmark-gfm reads a row's cells into a list it walks to the end for every
// cell, and reads delimiter rows the same way, so the cost of a row grows
// with the square of its pipes.
Line read_line(std::string_view md, std::size_t begin, std::size_t end) {
  Line line{begin, end, begin};
  while (line.content < end && (is_space(md[line.content]) || md[line.content] == '>')) {
    ++line.content;
  }
  std::size_t first = begin;
  while (first < end && is_space(md[first])) ++first;
  line.blank = first == end;
  if (line.blank) return line;

  bool escaped = false;
  bool delimiter_chars = true;
  bool has_dash = false, only_dashes = true, only_equals = true;
  std::size_t last = line.content;  // last character that is not a space
  bool last_is_pipe = false;        // an unescaped one
  for (std::size_t i = line.content; i < end; ++i) {
    char c = md[i];
    bool pipe = c == '|' && !escaped;
    if (pipe && line.pipes++ == 0) line.first_pipe = i;
    escaped = c == '\\' && !escaped;
    if (!is_space(c)) {
      last = i;
      last_is_pipe = pipe;
    }
    // cmark-gfm's delimiter rows allow \v and \f as spaces too.
    if (c != '|' && c != ':' && c != '-' && !is_space(c) && c != '\v' && c != '\f') {
      delimiter_chars = false;
    }
    has_dash = has_dash || c == '-';
    if (c != '-' && !is_space(c)) only_dashes = false;
    if (c != '=' && !is_space(c)) only_equals = false;
  }
  if (line.pipes > 0) {
    line.cells = line.pipes + 1 - (md[line.content] == '|' ? 1 : 0) -
                 (last_is_pipe && last != line.content ? 1 : 0);
    line.cells = std::max<std::size_t>(line.cells, 1);
  }
  // Dashes and spaces only: a setext underline, thematic break or list item,
  // which cmark-gfm's own block rules take before any extension sees it.
  line.underline = (only_dashes && has_dash) || only_equals;
  if (delimiter_chars && has_dash && !line.underline) {
    // ":--" or "--\v" has no pipe to escape: the backslash goes first.
    if (line.pipes == 0) line.first_pipe = line.content;
    bool dash_in_cell = false;
    for (std::size_t i = line.content; i <= end; ++i) {
      if (i == end || md[i] == '|') {
        if (dash_in_cell) ++line.delimiter_columns;
        dash_in_cell = false;
      } else if (md[i] == '-') {
        dash_in_cell = true;
      }
    }
  }
  return line;
}

// Block quote markers count one element, list markers two (the list and its
// item); past the bound, the next marker gets a backslash and is text.
void bound_nesting(std::string_view md, const Line& line, std::vector<std::size_t>& inserts,
                   std::size_t& markers_as_text) {
  int depth = 0;
  std::size_t i = line.begin;
  while (i < line.end) {
    while (i < line.end && is_space(md[i])) ++i;
    if (i == line.end) return;
    std::size_t marker = i;
    int levels = 0;
    if (md[i] == '>') {
      levels = 1;
      ++i;
    } else if (md[i] == '-' || md[i] == '+' || md[i] == '*') {
      if (i + 1 < line.end && !is_space(md[i + 1])) return;
      levels = 2;
      ++i;
    } else if (md[i] >= '0' && md[i] <= '9') {
      std::size_t digits = i;
      while (digits < line.end && digits - i < 9 && md[digits] >= '0' && md[digits] <= '9')
        ++digits;
      if (digits == line.end || (md[digits] != '.' && md[digits] != ')')) return;
      if (digits + 1 < line.end && !is_space(md[digits + 1])) return;
      marker = digits;
      levels = 2;
      i = digits + 1;
    } else {
      return;
    }
    // Leave room for the paragraph and an inline element inside the deepest one.
    if (depth + levels > kMaxNesting - 2) {
      inserts.push_back(marker);
      ++markers_as_text;
      return;
    }
    depth += levels;
  }
}

// Where the budget runs out in `line`: at its start, or within it when it
// is long (a text of a few long lines), never inside a UTF-8 sequence.
std::size_t cut_point(std::string_view md, const Line& line, long long spent) {
  constexpr std::size_t kLongLine = 4096;
  if (line.end - line.begin < kLongLine) return line.begin;
  // Costs are summed a block at a time: one character's cost depends on
  // the characters before it.
  std::size_t at = line.begin;
  for (; at < line.end; at += 64) {
    std::size_t next = std::min(at + 64, line.end);
    spent += text_cost(md, at, next);
    if (spent > kRenderBudgetUnits) break;
  }
  at = std::min(at, line.end);
  while (at > line.begin && (static_cast<unsigned char>(md[at]) & 0xC0) == 0x80) --at;
  return at;
}

// Calls fn(line) for each line of md, in order, until it returns false.
template <typename Fn>
void for_each_line(std::string_view md, Fn&& fn) {
  std::size_t begin = 0;
  while (begin < md.size()) {
    std::size_t end = md.find_first_of("\r\n", begin);
    if (end == std::string_view::npos) end = md.size();
    if (!fn(read_line(md, begin, end))) return;
    begin =
        end +
        (end < md.size() && md[end] == '\r' && end + 1 < md.size() && md[end + 1] == '\n' ? 2 : 1);
  }
}

// For each line, the rows a table starting there could have: the non-blank
// lines after it up to the next blank line (a table never continues past
// one), and the widest of them. Eight bytes per line is all the plan keeps
// of the whole text: the lines themselves are read again, one at a time, so
// that a megabyte of line breaks costs 8 MB here rather than ten times that.
struct After {
  std::uint32_t rows = 0;
  std::uint32_t widest = 0;
};

std::uint32_t clamp32(std::size_t n) {
  return static_cast<std::uint32_t>(std::min<std::size_t>(n, UINT32_MAX));
}

std::vector<After> rows_after(std::string_view md) {
  std::vector<After> after;
  after.reserve(static_cast<std::size_t>(std::count(md.begin(), md.end(), '\n')) + 1);
  // First each line's own width (0 for a blank line), then, from the end,
  // what follows it.
  for_each_line(md, [&](const Line& line) {
    after.push_back({0, line.blank ? 0 : std::max<std::uint32_t>(clamp32(line.cells), 1)});
    return true;
  });
  After running;
  for (std::size_t i = after.size(); i-- > 0;) {
    std::uint32_t own = after[i].widest;
    after[i] = running;
    running = own == 0 ? After{} : After{running.rows + 1, std::max(running.widest, own)};
  }
  return after;
}

}  // namespace

MarkdownPlan plan_markdown(std::string_view md) {
  MarkdownPlan plan;
  plan.plain_from = md.size();
  const std::vector<After> after = rows_after(md);

  std::vector<std::size_t> inserts;
  // The paragraph cmark-gfm may re-read for a header: at most the lines
  // since the last blank line or underline.
  std::size_t run = 0;
  // Table cells already charged to rows of this block of lines, per row.
  std::size_t charged_width = 0;
  std::size_t n = 0;
  for_each_line(md, [&](const Line& line) {
    const std::size_t at = n++;
    if (!line.blank) bound_nesting(md, line, inserts, plan.markers_as_text);
    long long line_cost = kLineCost + text_cost(md, line.begin, line.end);
    if (plan.cost + line_cost > kRenderBudgetUnits) {
      plan.plain_from = cut_point(md, line, plan.cost);
      plan.cost = kRenderBudgetUnits;  // about what the text up to the cut costs
      // What is left of a delimiter row there may start no table.
      if (line.delimiter_columns > 0 && line.first_pipe < plan.plain_from) {
        inserts.push_back(line.first_pipe);
        ++plan.tables_as_text;
      }
      return false;
    }
    plan.cost += line_cost;
    if (line.blank) {
      run = 0;
      charged_width = 0;
      return true;
    }
    run += (line.end - line.begin + 1) + line.pipes * line.pipes;
    if (line.underline) {
      // It ends the paragraph, or starts one ("===" under no paragraph).
      run = line.end - line.begin + 1;
      return true;
    }
    if (line.delimiter_columns == 0) return true;
    std::size_t width = std::max<std::size_t>(line.delimiter_columns, after[at].widest);
    // The header row and the rows after the delimiter row; short rows are
    // padded to the width.
    std::size_t extra = width > charged_width ? (width - charged_width) * (after[at].rows + 1) : 0;
    long long table_cost = kTableCost + static_cast<long long>(extra) * kCellCost +
                           static_cast<long long>(run) * kHeaderScanCost;
    bool as_text = line.delimiter_columns > static_cast<std::size_t>(kMaxTableColumns) ||
                   width > static_cast<std::size_t>(kMaxTableColumns) ||
                   plan.header_scan + run > kMaxHeaderScanUnits ||
                   plan.table_cells + extra > kMaxTableCells ||
                   plan.cost + table_cost > kRenderBudgetUnits;
    if (as_text) {
      // A backslash before its first pipe (or colon) keeps the line from
      // being a delimiter row, so no table starts and no header is sought.
      inserts.push_back(line.first_pipe);
      ++plan.tables_as_text;
      plan.cost += kAsTextCost;
      return true;
    }
    plan.cost += table_cost;
    plan.header_scan += run;
    plan.table_cells += extra;
    charged_width = std::max(charged_width, width);
    return true;
  });

  std::sort(inserts.begin(), inserts.end());
  plan.text.reserve(plan.plain_from + inserts.size());
  std::size_t from = 0;
  for (std::size_t at : inserts) {
    if (at >= plan.plain_from) break;
    plan.text.append(md.substr(from, at - from));
    plan.text += '\\';
    from = at;
  }
  plan.text.append(md.substr(from, plan.plain_from - from));
  return plan;
}

}  // namespace prism::docs
