#include "ai/requirements.hpp"

#include <gtest/gtest.h>

namespace prism::ai {
namespace {

std::vector<std::string> ids(const std::vector<Requirement>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.id);
  return out;
}

TEST(RequirementsTest, ListsTheDefinitionsOfEachKindWithTheirTextSectionAndLine) {
  std::string md =
      "Intro mentions FR-9 in passing.\n"
      "\n"
      "## Functional Requirements\n"
      "\n"
      "- **FR-1**: Shoppers pay with a saved card.\n"
      "- FR-2 — Refunds reach the card within 5 days.\n"
      "  - FR-3: Partial refunds (nested, still a definition).\n"
      "\n"
      "## Non-Functional Requirements\n"
      "\n"
      "1. NFR-1. p95 checkout under 800 ms.\n"
      "\n"
      "## Success Metrics\n"
      "\n"
      "| Id | Metric |\n"
      "|----|--------|\n"
      "| SM-1 | 30% of orders paid by QR within 3 months |\n"
      "\n"
      "## Dependencies\n"
      "\n"
      "- FR-2 depends on the payment provider's refund API.\n";
  auto rs = requirements_of(md);
  ASSERT_EQ(ids(rs), (std::vector<std::string>{"FR-1", "FR-2", "FR-3", "NFR-1", "SM-1"}));
  EXPECT_EQ(rs[0].kind, "functional");
  EXPECT_EQ(rs[0].text, "Shoppers pay with a saved card.");
  EXPECT_EQ(rs[0].section, "Functional Requirements");
  EXPECT_EQ(rs[0].line, 5U);
  EXPECT_EQ(rs[1].text, "Refunds reach the card within 5 days.");
  EXPECT_EQ(rs[3].kind, "non_functional");
  EXPECT_EQ(rs[3].text, "p95 checkout under 800 ms.");
  EXPECT_EQ(rs[4].kind, "metric");
  EXPECT_EQ(rs[4].text, "30% of orders paid by QR within 3 months");
  EXPECT_EQ(rs[4].line, 17U);
}

TEST(RequirementsTest, IdsOutsideAnFrSectionDefineOnlyWhenThereIsNone) {
  std::string md =
      "## Requirements\n\n"
      "### Checkout\n\n"
      "- FR-1: Pay by QR code.\n"
      "- FR-2: Print a receipt.\n\n"
      "## Risks\n\n"
      "- FR-1 depends on the bank.\n";
  auto rs = requirements_of(md);
  ASSERT_EQ(ids(rs), (std::vector<std::string>{"FR-1", "FR-2"}));
  EXPECT_EQ(rs[0].text, "Pay by QR code.");
  EXPECT_EQ(rs[0].section, "Requirements");
}

TEST(RequirementsTest, SkipsCodeFencesAndKeepsTheFirstDefinition) {
  std::string md =
      "## Functional Requirements\n\n"
      "```\n- FR-7: inside a fence\n```\n"
      "- FR-1: First.\n"
      "- FR-1: Again.\n"
      "- A requirement without an id\n";
  auto items = requirement_items(md);
  ASSERT_EQ(items.size(), 3U);
  EXPECT_EQ(items[2].id, "");
  EXPECT_EQ(items[2].text, "A requirement without an id");
  EXPECT_EQ(items[2].prefix, "FR");
  auto rs = requirements_of(md);
  ASSERT_EQ(ids(rs), (std::vector<std::string>{"FR-1"}));
  EXPECT_EQ(rs[0].text, "First.");
}

TEST(RequirementsTest, UncoveredAreTheFunctionalOnesNoStoryNames) {
  auto rs = requirements_of(
      "## Functional Requirements\n- FR-1: a\n- FR-2: b\n- FR-3: c\n"
      "## Non-Functional Requirements\n- NFR-1: d\n");
  auto open = uncovered_requirements(rs, {"FR-2", "NFR-9"});
  EXPECT_EQ(ids(open), (std::vector<std::string>{"FR-1", "FR-3"}));
}

TEST(RequirementsTest, BoundsTheTextOfAVeryLongRequirement) {
  std::string md = "## Functional Requirements\n- FR-1: " + std::string(3000, 'x') + "\n";
  auto rs = requirements_of(md);
  ASSERT_EQ(rs.size(), 1U);
  EXPECT_EQ(rs[0].text.size(), 500U);
}

}  // namespace
}  // namespace prism::ai
