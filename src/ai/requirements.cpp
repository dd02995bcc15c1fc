#include "ai/requirements.hpp"

#include <map>
#include <regex>

#include "ai/templates.hpp"
#include "core/text.hpp"
#include "docs/sections.hpp"

namespace prism::ai {

namespace {

// std::regex matches recursively, so only the start of a very long line is
// matched; ids and list markers are at the start anyway.
constexpr std::size_t kMaxMatched = 4000;
constexpr std::size_t kMaxText = 500;

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// At most kMaxText bytes, cut at a UTF-8 boundary.
std::string bounded(std::string text) {
  text.resize(utf8_prefix_length(text, kMaxText));
  return text;
}

bool fence_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  line.remove_prefix(i);
  return line.starts_with("```") || line.starts_with("~~~");
}

// "| FR-3 | Pay by card | Must |" → FR-3 and "Pay by card"; a row whose
// first cell holds no id (a header or separator) gives id "".
LeadingId table_row(std::string_view line) {
  std::string t = trim(line);
  if (!t.starts_with('|')) return {};
  std::vector<std::string> cells;
  std::size_t pos = 1;
  while (pos <= t.size()) {
    auto bar = t.find('|', pos);
    if (bar == std::string::npos) bar = t.size();
    cells.push_back(trim(std::string_view(t).substr(pos, bar - pos)));
    pos = bar + 1;
  }
  if (cells.empty()) return {};
  LeadingId first = leading_requirement(cells[0]);
  if (first.id.empty()) return {};
  if (first.text.empty() && cells.size() > 1) first.text = without_emphasis(cells[1]);
  return first;
}

std::string kind_of(std::string_view id) {
  if (id.starts_with("FR-")) return "functional";
  if (id.starts_with("NFR-")) return "non_functional";
  return "metric";
}

std::string prefix_of(std::string_view id) { return std::string(id.substr(0, id.find('-'))); }

}  // namespace

std::string without_emphasis(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] == '*' || s[i] == '_') && i + 1 < s.size() && s[i + 1] == s[i]) {
      ++i;
      continue;
    }
    out += s[i];
  }
  return trim(out);
}

ListItem list_item(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  std::size_t indent = i;
  if (i < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+')) {
    ++i;
  } else {
    std::size_t digits = i;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
    if (i == digits || i >= line.size() || (line[i] != '.' && line[i] != ')')) return {};
    ++i;
  }
  if (i >= line.size() || (line[i] != ' ' && line[i] != '\t')) return {};
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return ListItem{true, indent, std::string(line.substr(i))};
}

LeadingId leading_requirement(std::string_view line) {
  // Only the id and what stands before it are matched: std::regex recurses
  // over what it matches, and the rest of the line can be long.
  static const std::regex kId(
      R"(^[\s#>*_\[-]*(?:\d+[.)]\s*)?[*_\[]*((?:FR|NFR|SM)-[1-9][0-9]*)\b[*_\]]*\s*[:.)-]?\s*)");
  std::string head(line.substr(0, kMaxMatched));
  std::smatch m;
  if (!std::regex_search(head, m, kId)) return {};
  std::string text(line.substr(static_cast<std::size_t>(m.length(0))));
  for (std::string_view dash : {"\u2013", "\u2014"}) {
    if (text.starts_with(dash)) text = text.substr(dash.size());
  }
  return LeadingId{m[1].str(), without_emphasis(text)};
}

std::vector<RequirementItem> requirement_items(std::string_view md) {
  std::vector<RequirementItem> out;
  for (const auto& s : docs::parse_sections(md)) {
    std::string prefix = requirement_prefix(s.title);
    bool in_fence = false;
    std::size_t number = s.title.empty() ? s.start_line - 1 : s.start_line;
    std::size_t pos = 0;
    std::string_view body = s.body;
    while (pos < body.size()) {
      auto end = body.find('\n', pos);
      if (end == std::string_view::npos) end = body.size();
      std::string_view line = body.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      pos = end + 1;
      ++number;
      if (fence_line(line)) {
        in_fence = !in_fence;
        continue;
      }
      if (in_fence) continue;
      LeadingId found = table_row(line);
      ListItem item = list_item(line);
      if (found.id.empty()) found = leading_requirement(line);
      // In a requirements section every top-level item is one, numbered or
      // not; elsewhere only what starts with an id.
      bool unnumbered = found.id.empty() && !prefix.empty() && item.is_item && item.indent <= 3;
      if (found.id.empty() && !unnumbered) continue;
      if (unnumbered) found.text = without_emphasis(item.text);
      out.push_back(RequirementItem{std::move(found.id), bounded(std::move(found.text)), s.title,
                                    prefix, number});
    }
  }
  return out;
}

std::vector<Requirement> requirements_of(std::string_view md) {
  auto items = requirement_items(md);
  std::set<std::string> kinds_with_section;
  for (const auto& i : items) {
    if (!i.prefix.empty()) kinds_with_section.insert(i.prefix);
  }
  std::vector<Requirement> out;
  std::set<std::string> seen;
  for (const auto& i : items) {
    if (i.id.empty()) continue;
    std::string prefix = prefix_of(i.id);
    // A section of the id's kind defines it; elsewhere an id is a
    // reference ("FR-3 depends on …"), unless no section defines that kind.
    bool defines = i.prefix == prefix || (i.prefix.empty() && !kinds_with_section.contains(prefix));
    if (!defines || !seen.insert(i.id).second) continue;
    out.push_back(Requirement{i.id, kind_of(i.id), i.text, i.section, i.line});
  }
  return out;
}

std::vector<Requirement> uncovered_requirements(const std::vector<Requirement>& requirements,
                                                const std::set<std::string, std::less<>>& covered) {
  std::vector<Requirement> out;
  for (const auto& r : requirements) {
    if (r.kind == "functional" && !covered.contains(r.id)) out.push_back(r);
  }
  return out;
}

}  // namespace prism::ai
