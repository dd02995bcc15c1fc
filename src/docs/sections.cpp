#include "docs/sections.hpp"

#include <optional>
#include <set>

#include "core/error.hpp"
#include "docs/markdown_lines.hpp"

namespace prism::docs {
namespace {

std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// The title of a `## ` heading line, nullopt for any other line.
std::optional<std::string> h2_title(std::string_view raw_line) {
  auto rest = after_indent(strip_cr(raw_line));
  if (!rest || rest->size() < 2 || (*rest)[0] != '#' || (*rest)[1] != '#') return std::nullopt;
  std::string_view text = rest->substr(2);
  if (!text.empty() && text[0] != ' ' && text[0] != '\t') return std::nullopt;  // ### or ##x
  text = trim(text);
  // An optional closing run of '#' preceded by a space is not part of the title.
  auto last = text.find_last_not_of('#');
  if (last == std::string_view::npos) {
    text = {};
  } else if (last + 1 < text.size() && (text[last] == ' ' || text[last] == '\t')) {
    text = trim(text.substr(0, last));
  }
  return std::string(text);
}

struct Located {
  Section section;
  std::size_t head_begin = 0;  // offset of the heading line (== body_begin for the preamble)
  std::size_t body_begin = 0;
  std::size_t end = 0;  // offset just past the section
};

std::vector<Located> locate(std::string_view md) {
  struct Heading {
    std::size_t line, begin, after;
    std::string title;
  };
  std::vector<Heading> heads;
  FenceTracker fence;
  std::size_t line_no = 0, total_lines = 0;
  for (std::size_t pos = 0; pos < md.size();) {
    auto nl = md.find('\n', pos);
    std::size_t after = nl == std::string_view::npos ? md.size() : nl + 1;
    std::string_view line = md.substr(pos, after - pos);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    ++line_no;
    if (!fence.consume(line)) {
      if (auto title = h2_title(line)) heads.push_back({line_no, pos, after, std::move(*title)});
    }
    pos = after;
  }
  total_lines = line_no;

  std::vector<Located> out;
  std::size_t first = heads.empty() ? md.size() : heads.front().begin;
  if (!is_blank(md.substr(0, first))) {
    Located pre;
    pre.section.start_line = 1;
    pre.section.end_line = heads.empty() ? total_lines : heads.front().line - 1;
    pre.section.body = std::string(md.substr(0, first));
    pre.end = first;
    out.push_back(std::move(pre));
  }
  std::set<std::string, std::less<>> used;
  for (std::size_t i = 0; i < heads.size(); ++i) {
    const auto& h = heads[i];
    bool last = i + 1 == heads.size();
    Located s;
    s.head_begin = h.begin;
    s.body_begin = h.after;
    s.end = last ? md.size() : heads[i + 1].begin;
    s.section.title = h.title;
    std::string base = slugify(h.title);
    if (base.empty()) base = "section";
    std::string slug = base;
    for (int n = 1; used.count(slug) != 0; ++n) slug = base + "-" + std::to_string(n);
    used.insert(slug);
    s.section.slug = std::move(slug);
    s.section.start_line = h.line;
    s.section.end_line = last ? total_lines : heads[i + 1].line - 1;
    s.section.body = std::string(md.substr(s.body_begin, s.end - s.body_begin));
    out.push_back(std::move(s));
  }
  return out;
}

// Drops blank lines at the start and all trailing whitespace, keeping the
// first line's indentation (it may be an indented code block).
std::string_view trim_block(std::string_view s) {
  while (!s.empty()) {
    auto nl = s.find('\n');
    if (nl == std::string_view::npos || !is_blank(s.substr(0, nl))) break;
    s.remove_prefix(nl + 1);
  }
  auto e = s.find_last_not_of(" \t\r\n");
  return e == std::string_view::npos ? std::string_view{} : s.substr(0, e + 1);
}

std::string normalized_body(std::string_view new_body, const Section& target) {
  std::string_view body = trim_block(new_body);
  if (!target.title.empty()) {
    auto nl = body.find('\n');
    auto title = h2_title(body.substr(0, nl));
    if (title && slugify(*title) == slugify(target.title)) {
      body = nl == std::string_view::npos ? std::string_view{} : trim_block(body.substr(nl + 1));
    }
  }
  std::string out(body);
  // An unclosed fence in the new text would swallow every later heading.
  FenceTracker fence;
  for (std::size_t pos = 0; pos < body.size();) {
    auto nl = body.find('\n', pos);
    std::size_t after = nl == std::string_view::npos ? body.size() : nl + 1;
    fence.consume(body.substr(pos, (nl == std::string_view::npos ? body.size() : nl) - pos));
    pos = after;
  }
  if (fence.open()) out += "\n" + fence.closing();
  return out;
}

}  // namespace

std::vector<Section> parse_sections(std::string_view md) {
  std::vector<Section> out;
  for (auto& l : locate(md)) out.push_back(std::move(l.section));
  return out;
}

std::string slugify(std::string_view title) {
  std::string out;
  for (char ch : title) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '_') {
      out.push_back(ch);
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c == ' ') {
      out.push_back('-');
    }
  }
  return out;
}

const Section* find_section(const std::vector<Section>& sections, std::string_view key) {
  if (key.empty()) {
    for (const auto& s : sections)
      if (s.title.empty() && s.slug.empty()) return &s;
    return nullptr;
  }
  for (const auto& s : sections)
    if (s.title == key) return &s;
  for (const auto& s : sections)
    if (s.slug == key) return &s;
  std::string slug = slugify(key);
  for (const auto& s : sections)
    if (!slug.empty() && s.slug == slug) return &s;
  return nullptr;
}

std::string replace_section(std::string_view md, std::string_view title_or_slug,
                            std::string_view new_body) {
  auto located = locate(md);
  std::vector<Section> sections;
  for (const auto& l : located) sections.push_back(l.section);
  const Section* target = find_section(sections, title_or_slug);
  if (target == nullptr) throw not_found("section \"" + std::string(title_or_slug) + "\"");
  const Located& loc = located[static_cast<std::size_t>(target - sections.data())];
  bool has_next = loc.end < md.size();

  std::string body = normalized_body(new_body, loc.section);
  std::string out(md.substr(0, loc.body_begin));
  if (!loc.section.title.empty()) {
    if (out.empty() || out.back() != '\n') out += '\n';
    if (!body.empty()) out += "\n" + body + "\n";
  } else if (!body.empty()) {
    out += body + "\n";
  }
  if (has_next && !out.empty()) out += '\n';
  out.append(md.substr(loc.end));
  return out;
}

}  // namespace prism::docs
