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

}  // namespace prism
