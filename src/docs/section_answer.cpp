#include "docs/section_answer.hpp"

#include <optional>

#include "docs/markdown_lines.hpp"
#include "docs/sections.hpp"

namespace prism::docs {

namespace {

struct Heading {
  std::size_t level = 0;
  std::string title;
};

// An ATX heading line (`#` to `######` and a space), nullopt otherwise.
std::optional<Heading> heading_of(std::string_view raw_line) {
  auto rest = after_indent(strip_cr(raw_line));
  if (!rest) return std::nullopt;
  std::size_t level = 0;
  while (level < rest->size() && (*rest)[level] == '#') ++level;
  if (level == 0 || level > 6) return std::nullopt;
  std::string_view text = rest->substr(level);
  if (!text.empty() && text[0] != ' ' && text[0] != '\t') return std::nullopt;
  auto b = text.find_first_not_of(" \t");
  auto e = text.find_last_not_of(" \t#");
  if (b == std::string_view::npos || e == std::string_view::npos || e < b)
    return Heading{level, ""};
  return Heading{level, std::string(text.substr(b, e - b + 1))};
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string_view trim_blank_lines(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  // Keep the first line's indentation: back to the start of its line.
  auto line_start = s.rfind('\n', b);
  b = line_start == std::string_view::npos ? 0 : line_start + 1;
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The inside of a fence that wraps the whole text, else the text.
std::string_view unwrap_fence(std::string_view text) {
  auto lines = lines_of(text);
  if (lines.size() < 2) return text;
  auto first = after_indent(strip_cr(lines.front()));
  auto last = after_indent(strip_cr(lines.back()));
  if (!first || !last) return text;
  char c = first->empty() ? '\0' : first->front();
  if (c != '`' && c != '~') return text;
  std::size_t run = 0;
  while (run < first->size() && (*first)[run] == c) ++run;
  std::string_view info = first->substr(run);
  auto word_end = info.find_first_of(" \t");
  std::string_view lang = info.substr(0, word_end);
  while (!lang.empty() && lang.front() == ' ') lang.remove_prefix(1);
  bool markdown = lang.empty() || lang == "markdown" || lang == "md";
  if (run < 3 || !markdown) return text;
  std::size_t close = 0;
  while (close < last->size() && (*last)[close] == c) ++close;
  if (close < run || !is_blank(last->substr(close))) return text;
  // The fence must close only at the end: an inner fence closing it early
  // means the answer is Markdown that merely starts with a code block.
  FenceTracker fence;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    fence.consume(lines[i]);
    if (!fence.open()) return text;
  }
  std::size_t begin = lines.front().size() + 1;
  std::size_t end = static_cast<std::size_t>(lines.back().data() - text.data());
  return begin <= end ? text.substr(begin, end - begin) : std::string_view{};
}

}  // namespace

SectionAnswer section_answer(std::string_view answer, std::string_view section_title) {
  std::string_view text = unwrap_fence(trim_blank_lines(answer));
  auto lines = lines_of(text);
  SectionAnswer out;
  std::size_t i = 0;
  while (i < lines.size() && is_blank(lines[i])) ++i;
  if (i < lines.size()) {
    auto h = heading_of(lines[i]);
    if (h && !section_title.empty() && slugify(h->title) == slugify(section_title)) ++i;
  }
  std::size_t cut_level = section_title.empty() ? 2 : 1;
  FenceTracker fence;
  std::string body;
  bool cut = false;
  for (; i < lines.size(); ++i) {
    auto h = fence.consume(lines[i]) ? std::nullopt : heading_of(lines[i]);
    bool starts_section = h && h->level <= 2 && h->level >= cut_level;
    cut = cut || starts_section;
    if (cut) {
      if (starts_section) out.dropped.push_back(h->title);
      continue;
    }
    body.append(lines[i]);
    body += '\n';
  }
  out.body = std::string(trim_blank_lines(body));
  return out;
}

}  // namespace prism::docs
