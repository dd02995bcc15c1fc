#include "docs/diff.hpp"

#include <algorithm>
#include <map>

#include "docs/line_diff.hpp"
#include "docs/sections.hpp"

namespace prism::docs {
namespace {

constexpr std::size_t kContext = 3;

enum class Tag { kEqual, kReplace };

struct Opcode {
  Tag tag;
  std::size_t i1, i2, j1, j2;
};

std::vector<Opcode> opcodes(const std::vector<MatchRun>& runs, std::size_t na, std::size_t nb) {
  std::vector<Opcode> out;
  std::size_t i = 0, j = 0;
  auto add = [&](const MatchRun& r) {
    if (i < r.a || j < r.b) out.push_back({Tag::kReplace, i, r.a, j, r.b});
    if (r.length > 0) out.push_back({Tag::kEqual, r.a, r.a + r.length, r.b, r.b + r.length});
    i = r.a + r.length;
    j = r.b + r.length;
  };
  for (const auto& r : runs) add(r);
  add({na, nb, 0});
  return out;
}

// Groups opcodes into hunks with kContext lines of context (difflib's rule:
// changes closer than twice the context share a hunk).
std::vector<std::vector<Opcode>> hunks(std::vector<Opcode> codes) {
  std::vector<std::vector<Opcode>> out;
  if (codes.empty() || (codes.size() == 1 && codes[0].tag == Tag::kEqual)) return out;
  if (codes.front().tag == Tag::kEqual) {
    auto& c = codes.front();
    c.i1 = std::max(c.i1, c.i2 - std::min(c.i2, kContext));
    c.j1 = std::max(c.j1, c.j2 - std::min(c.j2, kContext));
  }
  if (codes.back().tag == Tag::kEqual) {
    auto& c = codes.back();
    c.i2 = std::min(c.i2, c.i1 + kContext);
    c.j2 = std::min(c.j2, c.j1 + kContext);
  }
  std::vector<Opcode> group;
  for (auto c : codes) {
    if (c.tag == Tag::kEqual && c.i2 - c.i1 > 2 * kContext) {
      group.push_back({Tag::kEqual, c.i1, c.i1 + kContext, c.j1, c.j1 + kContext});
      out.push_back(std::move(group));
      group.clear();
      c.i1 = c.i2 - kContext;
      c.j1 = c.j2 - kContext;
    }
    group.push_back(c);
  }
  if (!group.empty() && !(group.size() == 1 && group[0].tag == Tag::kEqual)) {
    out.push_back(std::move(group));
  }
  return out;
}

std::string range(std::size_t start, std::size_t stop) {
  std::size_t first = start + 1, length = stop - start;
  if (length == 1) return std::to_string(first);
  if (length == 0) --first;
  return std::to_string(first) + "," + std::to_string(length);
}

void emit(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

struct LineCounts {
  int added = 0, removed = 0;
};

LineCounts count(const std::vector<MatchRun>& runs, std::size_t na, std::size_t nb) {
  std::size_t same = 0;
  for (const auto& r : runs) same += r.length;
  return {static_cast<int>(nb - same), static_cast<int>(na - same)};
}

// Blank lines that end a section only separate it from the next heading, so
// they are not part of what changed.
std::string_view content(const Section& s) {
  auto end = s.body.find_last_not_of(" \t\r\n");
  return end == std::string::npos ? std::string_view{}
                                  : std::string_view(s.body).substr(0, end + 1);
}

int line_count(const Section& s) {
  return static_cast<int>(split_lines(content(s)).size() + (s.title.empty() ? 0 : 1));
}

}  // namespace

std::vector<SectionChange> section_changes(std::string_view from, std::string_view to) {
  auto old_sections = parse_sections(from);
  auto new_sections = parse_sections(to);
  std::map<std::string, const Section*, std::less<>> old_by_slug;
  for (const auto& s : old_sections) old_by_slug.emplace(s.slug, &s);

  std::vector<SectionChange> out;
  for (const auto& s : new_sections) {
    auto it = old_by_slug.find(s.slug);
    if (it == old_by_slug.end()) {
      out.push_back({s.title, "added", line_count(s), 0});
      continue;
    }
    const Section& old = *it->second;
    old_by_slug.erase(it);
    // A heading whose spelling changed (same slug) counts as one changed line.
    bool heading_changed = old.title != s.title;
    if (!heading_changed && content(old) == content(s)) continue;
    auto a = split_lines(content(old)), b = split_lines(content(s));
    auto c = count(match_lines(a, b), a.size(), b.size());
    out.push_back({s.title, "modified", c.added + (heading_changed ? 1 : 0),
                   c.removed + (heading_changed ? 1 : 0)});
  }
  for (const auto& s : old_sections) {
    if (old_by_slug.count(s.slug) == 0) continue;
    out.push_back({s.title, "removed", 0, line_count(s)});
  }
  return out;
}

DiffResult diff_documents(std::string_view from, std::string_view to, int from_version,
                          int to_version) {
  DiffResult result;
  result.sections = section_changes(from, to);
  if (from == to) return result;

  auto a = split_lines(from), b = split_lines(to);
  auto runs = match_lines(a, b);
  auto totals = count(runs, a.size(), b.size());
  result.lines_added = totals.added;
  result.lines_removed = totals.removed;

  std::string& out = result.unified;
  out = "--- v" + std::to_string(from_version) + "\n+++ v" + std::to_string(to_version) + "\n";
  for (const auto& group : hunks(opcodes(runs, a.size(), b.size()))) {
    out += "@@ -" + range(group.front().i1, group.back().i2) + " +" +
           range(group.front().j1, group.back().j2) + " @@\n";
    for (const auto& op : group) {
      if (op.tag == Tag::kEqual) {
        for (std::size_t i = op.i1; i < op.i2; ++i) emit(out, ' ', a[i]);
      } else {
        for (std::size_t i = op.i1; i < op.i2; ++i) emit(out, '-', a[i]);
        for (std::size_t j = op.j1; j < op.j2; ++j) emit(out, '+', b[j]);
      }
    }
  }
  return result;
}

}  // namespace prism::docs
