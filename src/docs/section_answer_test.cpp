#include "docs/section_answer.hpp"

#include <gtest/gtest.h>

#include "docs/sections.hpp"

namespace prism::docs {
namespace {

TEST(SectionAnswer, APlainBodyIsKeptAsItIs) {
  auto a = section_answer("\n\n- Goal one\n- Goal two\n\n", "Goals");
  EXPECT_EQ(a.body, "- Goal one\n- Goal two");
  EXPECT_TRUE(a.dropped.empty());
}

TEST(SectionAnswer, DropsAnEchoedHeadingAndAFenceAroundEverything) {
  auto a = section_answer("```markdown\n### Goals\n- Measurable goal\n```\n", "Goals");
  EXPECT_EQ(a.body, "- Measurable goal");
  auto b = section_answer("# goals\n\n- One\n", "Goals");
  EXPECT_EQ(b.body, "- One");
}

TEST(SectionAnswer, ACodeBlockInsideTheAnswerIsNotAWrappingFence) {
  std::string text = "```json\n{\"a\":1}\n```\n\nThen prose.\n\n```\nmore\n```";
  EXPECT_EQ(section_answer(text, "API").body, text);
  // A fence in another language wrapping everything is content, not a wrapper.
  std::string sql = "```sql\nSELECT 1;\n```";
  EXPECT_EQ(section_answer(sql, "Data").body, sql);
}

TEST(SectionAnswer, OtherSectionsTheModelWroteAreCutOff) {
  auto a = section_answer(
      "- Goal one\n\n### Stretch goals\n- Two\n\n```\n## not a heading\n```\n\n"
      "## Non-Goals\n- Three\n\n# Appendix\nx\n",
      "Goals");
  EXPECT_EQ(a.body, "- Goal one\n\n### Stretch goals\n- Two\n\n```\n## not a heading\n```");
  EXPECT_EQ(a.dropped, (std::vector<std::string>{"Non-Goals", "Appendix"}));
}

TEST(SectionAnswer, ThePreambleKeepsItsTitleButNotASection) {
  auto a = section_answer("# QuickPay\n\nIntro.\n\n## Goals\n- x\n", "");
  EXPECT_EQ(a.body, "# QuickPay\n\nIntro.");
  EXPECT_EQ(a.dropped, (std::vector<std::string>{"Goals"}));
}

TEST(SectionAnswer, ReplacingWithTheAnswerChangesOnlyThatSection) {
  std::string doc =
      "Intro\n\n## Overview\nSome  text with trailing spaces  \n\n## Goals\nOld goals\n\n"
      "## Risks\n- r1\n";
  auto a = section_answer("## Goals\nNew goals\n\n## Risks\n- changed risk\n", "Goals");
  std::string updated = replace_section(doc, "Goals", a.body);
  auto before = parse_sections(doc);
  auto after = parse_sections(updated);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i].title == "Goals") {
      EXPECT_EQ(after[i].body, "\nNew goals\n\n");
    } else {
      EXPECT_EQ(after[i].body, before[i].body) << before[i].title;
    }
  }
}

}  // namespace
}  // namespace prism::docs
