#pragma once

#include <string>
#include <string_view>

namespace prism {

// `s` with A–Z turned into a–z and every other byte (UTF-8 included) kept,
// whatever the process's locale: for comparing keywords, header values and
// headings without regard to case.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Whether `a` and `b` are equal but for the case of A–Z: for header names,
// codings and other ASCII tokens.
inline bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The length of the longest prefix of `s` of at most `max` bytes that does
// not cut a UTF-8 sequence in half (continuation bytes are 10xxxxxx). It is
// 0 only when `max` is 0 or `s` starts with `max` continuation bytes.
inline std::size_t utf8_prefix_length(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s.size();
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

// At most `max` bytes of `s`, cut at a UTF-8 character boundary.
inline std::string utf8_prefix(std::string_view s, std::size_t max) {
  return std::string(s.substr(0, utf8_prefix_length(s, max)));
}

// `s` without the spaces and tabs around it (HTTP's optional white space).
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace prism
