#include "docs/summary.hpp"

#include <gtest/gtest.h>

namespace prism::docs {
namespace {

TEST(Summary, NamesEditedAddedAndRemovedSections) {
  std::string before = "# PRD\n\n## Problem Statement\nslow\n\n## Scope\nall\n";
  std::string after = "# PRD\n\n## Problem Statement\nvery slow\n\n## Risks\nnone\n";
  EXPECT_EQ(summarize_change(before, after),
            "Edited Problem Statement; added Risks; removed Scope");
  EXPECT_EQ(summarize_change(before, "# PRD v2\n" + before.substr(6)), "Edited introduction");
}

TEST(Summary, ListsAreShortened) {
  std::string before, after;
  for (char c = 'A'; c <= 'E'; ++c) {
    before += std::string("## ") + c + "\nold\n";
    after += std::string("## ") + c + "\nnew\n";
  }
  EXPECT_EQ(summarize_change(before, after), "Edited A, B, C and 2 more sections");
  EXPECT_EQ(summarize_change("", "## A\nx\n## B\ny\n"), "Added A and B");
  EXPECT_EQ(summarize_change("## A\nx\n## B\ny\n## C\nz\n## D\nw\n", ""),
            "Removed A, B, C and 1 more section");
}

TEST(Summary, NoChangesAndWhitespace) {
  EXPECT_EQ(summarize_change("## A\nx\n", "## A\nx\n"), "No content changes");
  EXPECT_EQ(summarize_change("## A\nx\n", "## A\nx\n\n\n"), "Whitespace changes");
}

TEST(Summary, LongTitlesAreCutOnACharacterBoundary) {
  std::string title(59, 'a');
  title += "éé";  // a cut at byte 60 would split the first é
  auto s = summarize_change("", "## " + title + "\nx\n");
  EXPECT_EQ(s, "Added " + std::string(59, 'a') + "\u2026");
}

}  // namespace
}  // namespace prism::docs
