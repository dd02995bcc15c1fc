#include "docs/sections.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace prism::docs {
namespace {

// Rebuilds a document from its sections: each heading line, taken from the
// source by line number, followed by the section body.
std::string join(std::string_view md) {
  std::string out;
  for (const auto& s : parse_sections(md)) {
    if (!s.title.empty()) {
      std::size_t pos = 0;
      for (std::size_t l = 1; l < s.start_line; ++l) pos = md.find('\n', pos) + 1;
      auto nl = md.find('\n', pos);
      out += md.substr(pos, nl == std::string_view::npos ? nl : nl + 1 - pos);
    }
    out += s.body;
  }
  return out;
}

TEST(Sections, SplitsOnLevelTwoHeadingsWithPreamble) {
  std::string md =
      "# Product\nIntro text\n\n## Problem Statement\nUsers wait.\n### Detail\nmore\n"
      "## Goals ##\n- fast\n";
  auto s = parse_sections(md);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].title, "");
  EXPECT_EQ(s[0].slug, "");
  EXPECT_EQ(s[0].start_line, 1u);
  EXPECT_EQ(s[0].end_line, 3u);
  EXPECT_EQ(s[0].body, "# Product\nIntro text\n\n");
  EXPECT_EQ(s[1].title, "Problem Statement");
  EXPECT_EQ(s[1].slug, "problem-statement");
  EXPECT_EQ(s[1].start_line, 4u);
  EXPECT_EQ(s[1].end_line, 7u);
  EXPECT_EQ(s[1].body, "Users wait.\n### Detail\nmore\n");
  EXPECT_EQ(s[2].title, "Goals");  // the closing ## run is not part of the title
  EXPECT_EQ(s[2].start_line, 8u);
  EXPECT_EQ(s[2].end_line, 9u);
  EXPECT_EQ(join(md), md);
}

TEST(Sections, IgnoresHeadingsInsideFencedCode) {
  std::string md =
      "## A\n```markdown\n## not a heading\n```\n~~~~\n## nor this\n~~~\n## still code\n~~~~\n"
      "## B\nx\n";
  auto s = parse_sections(md);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].title, "A");
  EXPECT_EQ(s[1].title, "B");
  EXPECT_EQ(s[1].start_line, 10u);
  EXPECT_EQ(join(md), md);
}

TEST(Sections, UnclosedFenceRunsToTheEnd) {
  auto s = parse_sections("## A\n```\n## B\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].end_line, 3u);
}

TEST(Sections, BacktickInfoStringWithBacktickIsNotAFence) {
  auto s = parse_sections("## A\n``` a`b\n## B\n");
  ASSERT_EQ(s.size(), 2u);
}

TEST(Sections, NotHeadings) {
  // Four spaces of indent is code, `##x` lacks the space, `###` is a subsection,
  // and a tab-indented line is code too.
  auto s = parse_sections("    ## code\n##x\n### sub\n\t## tab\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].title, "");
}

TEST(Sections, IndentedAndCrlfHeadings) {
  auto s = parse_sections("   ## Spaced  \r\nbody\r\n##\tTabbed\r\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].title, "Spaced");
  EXPECT_EQ(s[0].body, "body\r\n");
  EXPECT_EQ(s[1].title, "Tabbed");
}

TEST(Sections, BlankPreambleIsLeftOutAndEmptyDocHasNoSections) {
  EXPECT_TRUE(parse_sections("").empty());
  EXPECT_TRUE(parse_sections("\n\n  \n").empty());
  auto s = parse_sections("\n\n## Only\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].start_line, 3u);
  auto p = parse_sections("just text, no heading");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].end_line, 1u);
}

TEST(Sections, SlugsAreGithubStyleAndUnique) {
  EXPECT_EQ(slugify("Non-Goals & Out of `Scope`!"), "non-goals--out-of-scope");
  EXPECT_EQ(slugify("Über Ziele"), "Über-ziele");  // non-ASCII kept as is
  auto s = parse_sections("## Risks\n## Risks\n## Risks-1\n## ???\n");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].slug, "risks");
  EXPECT_EQ(s[1].slug, "risks-1");
  EXPECT_EQ(s[2].slug, "risks-1-1");
  EXPECT_EQ(s[3].slug, "section");
}

TEST(Sections, FindByTitleSlugOrLooseTitle) {
  auto s = parse_sections("pre\n## Problem Statement\nx\n## Goals\ny\n");
  EXPECT_EQ(find_section(s, "Goals")->title, "Goals");
  EXPECT_EQ(find_section(s, "problem-statement")->title, "Problem Statement");
  EXPECT_EQ(find_section(s, "problem statement")->title, "Problem Statement");
  EXPECT_EQ(find_section(s, "")->body, "pre\n");
  EXPECT_EQ(find_section(s, "Risks"), nullptr);
}

TEST(Sections, ReplaceKeepsHeadingAndNeighbours) {
  std::string md = "# T\n\n## Problem\nold\n\n## Goals\n- a\n";
  EXPECT_EQ(replace_section(md, "problem", "\n\nnew text\nline two\n\n\n"),
            "# T\n\n## Problem\n\nnew text\nline two\n\n## Goals\n- a\n");
  EXPECT_EQ(replace_section(md, "Goals", "- b"), "# T\n\n## Problem\nold\n\n## Goals\n\n- b\n");
  EXPECT_EQ(replace_section(md, "", "# New"), "# New\n\n## Problem\nold\n\n## Goals\n- a\n");
}

TEST(Sections, ReplaceDropsEchoedHeadingAndClosesOpenFence) {
  std::string md = "## Goals\nold\n## Risks\nr\n";
  EXPECT_EQ(replace_section(md, "Goals", "## goals\n\nnew\n"), "## Goals\n\nnew\n\n## Risks\nr\n");
  std::string out = replace_section(md, "Goals", "```\ncode");
  EXPECT_EQ(out, "## Goals\n\n```\ncode\n```\n\n## Risks\nr\n");
  ASSERT_EQ(parse_sections(out).size(), 2u);
}

TEST(Sections, ReplaceLastSectionWithoutTrailingNewline) {
  EXPECT_EQ(replace_section("## A\nx", "A", "y"), "## A\n\ny\n");
  EXPECT_EQ(replace_section("## A", "A", "y"), "## A\n\ny\n");
}

TEST(Sections, ReplaceUnknownSectionIsNotFound) {
  try {
    replace_section("## A\n", "B", "x");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  }
}

}  // namespace
}  // namespace prism::docs
