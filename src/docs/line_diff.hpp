#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace prism::docs {

// A run of `length` equal lines starting at line `a` of the old text and line
// `b` of the new one (0-based). Everything between two runs is a change.
struct MatchRun {
  std::size_t a = 0;
  std::size_t b = 0;
  std::size_t length = 0;
};

// Splits text into lines, each keeping its '\n' (the last one may lack it).
std::vector<std::string_view> split_lines(std::string_view text);

// The equal runs of a line diff, in order. Small regions get dtl's minimal
// O(NP) diff; large ones are first cut at lines that occur exactly once on
// each side (patience anchors), and a region still too large after that, or
// left when the work budget is spent, is reported as replaced outright. So the
// result is always a correct diff, and minimal whenever that is affordable:
// two 1 MiB documents diff in well under a second whatever their content.
std::vector<MatchRun> match_lines(const std::vector<std::string_view>& a,
                                  const std::vector<std::string_view>& b);

}  // namespace prism::docs
