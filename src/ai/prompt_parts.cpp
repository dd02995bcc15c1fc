// A document too long for one call is processed in parts: split by section
// under a token budget, answered part by part, and the answers merged.
#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "ai/prompts.hpp"
#include "core/text.hpp"
#include "docs/sections.hpp"

namespace prism::ai {

namespace {

// Splits text at the last separator before `max_bytes`, else at a UTF-8
// boundary, so every piece fits.
std::vector<std::string> cut(std::string_view text, std::size_t max_bytes) {
  std::vector<std::string> out;
  while (text.size() > max_bytes) {
    std::string_view head = text.substr(0, max_bytes);
    std::size_t at = head.rfind("\n\n");
    if (at != std::string_view::npos && at > 0) {
      at += 2;
    } else if ((at = head.rfind('\n')) != std::string_view::npos && at > 0) {
      at += 1;
    } else {
      // A whole character, or one byte when the text is not UTF-8.
      at = std::max<std::size_t>(utf8_prefix_length(text, max_bytes), 1);
    }
    out.emplace_back(text.substr(0, at));
    text.remove_prefix(at);
  }
  if (!text.empty()) out.emplace_back(text);
  return out;
}

std::string normal_title(std::string_view t) {
  std::string out;
  for (char c : ascii_lower(t)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::vector<std::string> split_by_sections(std::string_view md, std::int64_t token_budget) {
  std::size_t max_bytes = static_cast<std::size_t>(std::max<std::int64_t>(token_budget, 16)) * 4;
  // Byte offsets of line starts, so a section is cut out exactly as written.
  std::vector<std::size_t> line_starts{0};
  for (std::size_t i = 0; i < md.size(); ++i) {
    if (md[i] == '\n') line_starts.push_back(i + 1);
  }
  auto offset = [&](std::size_t line) {
    return line - 1 < line_starts.size() ? line_starts[line - 1] : md.size();
  };
  std::vector<std::string> pieces;
  for (const auto& s : docs::parse_sections(md)) {
    std::size_t from = offset(s.start_line);
    std::size_t to = std::max(from, offset(s.end_line + 1));
    for (auto& piece : cut(md.substr(from, to - from), max_bytes))
      pieces.push_back(std::move(piece));
  }
  std::vector<std::string> parts;
  for (auto& piece : pieces) {
    if (!parts.empty() && parts.back().size() + piece.size() <= max_bytes) {
      parts.back() += piece;
    } else {
      parts.push_back(std::move(piece));
    }
  }
  return parts;
}

std::vector<Story> merge_stories(const std::vector<std::vector<Story>>& parts, int count) {
  std::vector<Story> out;
  std::set<std::string> titles;
  // Two parts can both see a requirement (a later section refers back to
  // it) and each propose the same story under another title.
  std::set<std::pair<std::string, std::string>> covered;
  for (const auto& part : parts) {
    for (const auto& s : part) {
      if (static_cast<int>(out.size()) >= count) return out;
      std::string title = normal_title(s.title);
      std::pair<std::string, std::string> ref{normal_title(s.requirement_ref.value_or("")),
                                              normal_title(s.i_want)};
      if (titles.count(title) > 0 || (!ref.first.empty() && covered.count(ref) > 0)) continue;
      titles.insert(title);
      if (!ref.first.empty()) covered.insert(ref);
      out.push_back(s);
    }
  }
  return out;
}

}  // namespace prism::ai
