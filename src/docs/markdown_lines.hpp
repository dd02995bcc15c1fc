#pragma once

// Line-level Markdown reading shared by the section and answer parsers.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace prism::docs {

inline std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

inline bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// CommonMark allows up to three spaces before a block marker; four make an
// indented code block.
inline std::optional<std::string_view> after_indent(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  if (n > 3) return std::nullopt;
  return line.substr(n);
}

// Tracks fenced code blocks (``` and ~~~) line by line.
class FenceTracker {
 public:
  // Feeds one line; true when the line is inside or delimits a fenced block.
  bool consume(std::string_view raw_line) {
    auto rest = after_indent(strip_cr(raw_line));
    if (!rest) return open_;
    char c = rest->empty() ? '\0' : (*rest)[0];
    std::size_t run = 0;
    if (c == '`' || c == '~') {
      while (run < rest->size() && (*rest)[run] == c) ++run;
    }
    if (open_) {
      if (c == char_ && run >= len_ && is_blank(rest->substr(run))) open_ = false;
      return true;
    }
    if (run < 3) return false;
    // A backtick fence's info string may not contain backticks (it is inline code).
    if (c == '`' && rest->substr(run).find('`') != std::string_view::npos) return false;
    open_ = true;
    char_ = c;
    len_ = run;
    return true;
  }
  bool open() const { return open_; }
  std::string closing() const { return std::string(len_, char_); }

 private:
  bool open_ = false;
  char char_ = '\0';
  std::size_t len_ = 0;
};

}  // namespace prism::docs
