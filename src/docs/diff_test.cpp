#include "docs/diff.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "docs/line_diff.hpp"

namespace prism::docs {
namespace {

// Applies a unified diff produced by diff_documents, checking every context and
// removed line against the old text, so a test fails on any wrong hunk.
std::string apply_patch(std::string_view old_text, std::string_view patch) {
  auto old_lines = split_lines(old_text);
  auto lines = split_lines(patch);
  std::string out;
  std::size_t next_old = 0;  // 0-based index of the next old line not yet copied
  std::size_t k = 2;         // skip the --- / +++ header
  while (k < lines.size()) {
    std::string_view h = lines[k++];
    EXPECT_EQ(h.substr(0, 4), "@@ -");
    std::size_t old_start = std::stoul(std::string(h.substr(4)));
    std::size_t old_len = 1;
    auto comma = h.find(',');
    if (comma != std::string_view::npos && comma < h.find(' ', 4)) {
      old_len = std::stoul(std::string(h.substr(comma + 1)));
    }
    std::size_t first = old_len == 0 ? old_start : old_start - 1;
    while (next_old < first) out += old_lines[next_old++];
    char prev = 0;
    while (k < lines.size() && lines[k].substr(0, 2) != "@@") {
      std::string_view l = lines[k++];
      if (l[0] == '\\') {  // the previous line had no final newline
        if (prev == ' ' || prev == '+') out.pop_back();
        continue;
      }
      prev = l[0];
      if (l[0] == ' ' || l[0] == '-') {
        EXPECT_LT(next_old, old_lines.size());
        std::string expect(old_lines[next_old]);
        if (expect.back() != '\n') expect += '\n';
        EXPECT_EQ(std::string(l.substr(1)), expect);
        if (l[0] == ' ') out += expect;
        ++next_old;
      } else {
        EXPECT_EQ(l[0], '+');
        out += l.substr(1);
      }
    }
  }
  while (next_old < old_lines.size()) out += old_lines[next_old++];
  return out;
}

TEST(Diff, UnifiedFormatWithContextAndLabels) {
  std::string a = "# T\n\n## Goals\n- a\n- b\n- c\n- d\n- e\n- f\n- g\n- h\n";
  std::string b = "# T\n\n## Goals\n- a\n- b\n- c\n- D\n- e\n- f\n- g\n- h\n- i\n";
  auto r = diff_documents(a, b, 3, 4);
  EXPECT_EQ(r.unified,
            "--- v3\n+++ v4\n"
            "@@ -4,8 +4,9 @@\n"
            " - a\n - b\n - c\n-- d\n+- D\n - e\n - f\n - g\n - h\n+- i\n");
  EXPECT_EQ(r.lines_added, 2);
  EXPECT_EQ(r.lines_removed, 1);
  EXPECT_EQ(apply_patch(a, r.unified), b);
}

TEST(Diff, DistantChangesGetSeparateHunks) {
  std::string a, b;
  for (int i = 1; i <= 30; ++i) {
    a += "line " + std::to_string(i) + "\n";
    b += (i == 2 || i == 25 ? "changed " : "line ") + std::to_string(i) + "\n";
  }
  auto r = diff_documents(a, b, 1, 2);
  EXPECT_NE(r.unified.find("@@ -1,5 +1,5 @@\n"), std::string::npos);
  EXPECT_NE(r.unified.find("@@ -22,7 +22,7 @@\n"), std::string::npos);
  EXPECT_EQ(apply_patch(a, r.unified), b);
}

TEST(Diff, InsertionIntoEmptyAndDeletionToEmpty) {
  auto r = diff_documents("", "a\nb\n", 1, 2);
  EXPECT_EQ(r.unified, "--- v1\n+++ v2\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  auto d = diff_documents("a\n", "", 2, 3);
  EXPECT_EQ(d.unified, "--- v2\n+++ v3\n@@ -1 +0,0 @@\n-a\n");
}

TEST(Diff, MissingFinalNewlineIsMarked) {
  auto r = diff_documents("a\nb", "a\nb\n", 1, 2);
  EXPECT_EQ(r.unified,
            "--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

TEST(Diff, EqualTextsHaveNoDiff) {
  auto r = diff_documents("## A\nx\n", "## A\nx\n", 1, 2);
  EXPECT_EQ(r.unified, "");
  EXPECT_TRUE(r.sections.empty());
  EXPECT_EQ(r.lines_added + r.lines_removed, 0);
}

TEST(Diff, SectionChangesAddedRemovedModified) {
  std::string a = "# PRD\n\n## Problem Statement\nslow\n\n## Scope\nall\n\n## Goals\nfast\n";
  std::string b = "# PRD\n\n## Problem Statement\nvery slow\n\n## Goals\nfast\n\n## Risks\nnone\n";
  auto r = diff_documents(a, b, 1, 2);
  ASSERT_EQ(r.sections.size(), 3u);
  EXPECT_EQ(r.sections[0].section, "Problem Statement");
  EXPECT_EQ(r.sections[0].change, "modified");
  EXPECT_EQ(r.sections[0].lines_added, 1);
  EXPECT_EQ(r.sections[0].lines_removed, 1);
  EXPECT_EQ(r.sections[1].section, "Risks");
  EXPECT_EQ(r.sections[1].change, "added");
  EXPECT_EQ(r.sections[1].lines_added, 2);
  EXPECT_EQ(r.sections[2].section, "Scope");
  EXPECT_EQ(r.sections[2].change, "removed");
  EXPECT_EQ(r.sections[2].lines_removed, 2);  // the trailing blank line is a separator
  EXPECT_EQ(apply_patch(a, r.unified), b);
}

TEST(Diff, MovedSectionIsNotAChangeButRetitledOneIs) {
  auto moved = section_changes("## A\nx\n## B\ny\n", "## B\ny\n## A\nx\n");
  EXPECT_TRUE(moved.empty());
  auto recased = section_changes("## Goals\nx\n", "## GOALS\nx\n");
  ASSERT_EQ(recased.size(), 1u);
  EXPECT_EQ(recased[0].change, "modified");
  auto preamble = section_changes("intro\n## A\n", "new intro\n## A\n");
  ASSERT_EQ(preamble.size(), 1u);
  EXPECT_EQ(preamble[0].section, "");
}

TEST(Diff, RandomEditsRoundTrip) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::string a, b;
    int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      std::string line = "l" + std::to_string(rng() % 8) + "\n";
      a += line;
      switch (rng() % 4) {
        case 0:
          break;  // dropped
        case 1:
          b += line + "new" + std::to_string(rng() % 3) + "\n";
          break;
        default:
          b += line;
      }
    }
    if (rng() % 3 == 0 && !b.empty()) b.pop_back();  // sometimes no final newline
    auto r = diff_documents(a, b, 1, 2);
    ASSERT_EQ(apply_patch(a, r.unified), b) << "round " << round << "\n" << r.unified;
  }
}

double seconds_to_diff(const std::string& a, const std::string& b, std::string* patch = nullptr) {
  auto t0 = std::chrono::steady_clock::now();
  auto r = diff_documents(a, b, 1, 2);
  auto dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (patch) *patch = std::move(r.unified);
  return dt;
}

std::string repeat(std::string_view line, std::size_t bytes) {
  std::string s;
  while (s.size() + line.size() <= bytes) s += line;
  return s;
}

// Documents are capped at 1 MiB; these pairs are the worst cases for a line
// diff (no common lines, only repeated lines, reordered lines, many edits).
TEST(DiffPerformance, PathologicalOneMebibyteDocumentsStayFast) {
  constexpr std::size_t kMiB = 1 << 20;
  std::mt19937 rng(7);
  std::string distinct_a, distinct_b, shuffled;
  std::vector<std::string> lines;
  for (int i = 0; distinct_a.size() < kMiB - 64; ++i) {
    lines.push_back("requirement " + std::to_string(i) + " must hold\n");
    distinct_a += lines.back();
    distinct_b += "other " + std::to_string(i) + "\n";
  }
  std::shuffle(lines.begin(), lines.end(), rng);
  for (const auto& l : lines) shuffled += l;
  std::string edited = distinct_a;
  for (std::size_t pos = 1000; pos + 10 < edited.size(); pos += 997) edited[pos] = '#';
  std::string reversed;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) reversed += *it;

  struct Case {
    const char* name;
    const std::string& a;
    std::string b;
  } cases[] = {
      {"nothing in common", distinct_a, distinct_b},
      {"shuffled lines", distinct_a, shuffled},
      {"reversed lines", shuffled, reversed},
      {"edit every 1000 bytes", distinct_a, edited},
      {"one repeated line vs another", repeat("a\n", kMiB), repeat("b\n", kMiB)},
      {"alternating lines", repeat("a\nb\n", kMiB), repeat("b\na\n", kMiB)},
      {"single huge lines", std::string(kMiB - 1, 'x'), std::string(kMiB - 1, 'y')},
  };
  for (const auto& c : cases) {
    std::string patch;
    double dt = seconds_to_diff(c.a, c.b, &patch);
    std::printf("  diff of 1 MiB documents, %-30s %.3f s, %zu bytes of diff\n", c.name, dt,
                patch.size());
    EXPECT_LT(dt, 5.0) << c.name;
    EXPECT_EQ(apply_patch(c.a, patch), c.b) << c.name;
  }
}

}  // namespace
}  // namespace prism::docs
