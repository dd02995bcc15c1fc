#include "services/documents/lint.hpp"

#include <gtest/gtest.h>

namespace prism::services {
namespace {

std::vector<const LintFinding*> of_rule(const LintReport& r, std::string_view rule) {
  std::vector<const LintFinding*> out;
  for (const auto& f : r.findings) {
    if (f.rule == rule) out.push_back(&f);
  }
  return out;
}

constexpr const char* kGood =
    "## Executive Summary\n"
    "Checkout in one page for returning shoppers.\n"
    "\n"
    "## Objectives and Success Metrics\n"
    "- SM-1: 30% of returning shoppers use saved cards within 90 days\n"
    "\n"
    "## Functional Requirements\n"
    "- FR-1: Shoppers pay with a saved card\n"
    "- **FR-2**: Shoppers edit the delivery address inline\n"
    "\n"
    "## Non-Functional Requirements\n"
    "- NFR-1: p95 page load under 1 s on 4G\n";

TEST(Lint, ACleanDocumentScoresFull) {
  LintInput in{kGood, {}, {"FR-1", "FR-2"}};
  auto r = lint_document(in);
  EXPECT_EQ(r.score, 100);
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().rule << ": " << r.findings.front().message;
}

TEST(Lint, MissingAndEmptyRequiredSections) {
  LintInput in{"## Problem\n> guidance only\n\n## Extra\ntext\n",
               {{"Problem", "", true}, {"Target Users", "", true}, {"Out of Scope", "", false}},
               {}};
  auto r = lint_document(in);
  auto missing = of_rule(r, "missing_section");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0]->section, "Target Users");
  EXPECT_EQ(missing[0]->severity, "error");
  EXPECT_FALSE(missing[0]->line);
  auto empty = of_rule(r, "empty_section");
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0]->section, "Problem");
  EXPECT_EQ(empty[0]->line, 1u);
  EXPECT_EQ(r.score, 100 - 15 - 5);
}

TEST(Lint, VagueWordsTodosAndIdsOnTheirLines) {
  std::string md =
      "## Functional Requirements\n"              // 1
      "- The app must be fast and easy to use\n"  // 2: no id, 2 vague
      "- FR-1: Export CSV, PDF, etc.\n"           // 3: vague etc
      "- FR-1: Import files TBD\n"                // 4: duplicate, todo
      "```\n- fast code block line\n```\n"        // 5-7 ignored
      "## Success Metrics\n"                      // 8
      "- SM-1: users are happier\n"               // 9: no number
      "> To complete: add targets\n"              // 10: todo (guidance left)
      "Fastest ever, and fasten belts\n";         // 11: not whole words
  auto r = lint_document(LintInput{md, {}, {"FR-1"}});
  auto without_id = of_rule(r, "requirement_without_id");
  ASSERT_EQ(without_id.size(), 1u);
  EXPECT_EQ(without_id[0]->line, 2u);
  EXPECT_EQ(without_id[0]->section, "Functional Requirements");
  auto vague = of_rule(r, "vague_word");
  ASSERT_EQ(vague.size(), 3u);
  EXPECT_EQ(vague[0]->line, 2u);
  EXPECT_EQ(vague[2]->line, 3u);
  auto dup = of_rule(r, "duplicate_requirement_id");
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0]->line, 4u);
  auto todo = of_rule(r, "todo_left");
  ASSERT_EQ(todo.size(), 2u);
  EXPECT_EQ(todo[0]->line, 4u);
  EXPECT_EQ(todo[1]->line, 10u);
  auto metric = of_rule(r, "metric_without_number");
  ASSERT_EQ(metric.size(), 1u);
  EXPECT_EQ(metric[0]->line, 9u);
  EXPECT_EQ(metric[0]->section, "Success Metrics");
  // 15 (dup) + 5 (no id) + min(30, 15) vague + 10 todo + 5 metric.
  EXPECT_EQ(r.score, 100 - 15 - 5 - 15 - 10 - 5);
}

TEST(Lint, UncoveredFunctionalRequirementsAreInfo) {
  auto r = lint_document(LintInput{kGood, {}, {"FR-2", "NFR-1"}});
  auto uncovered = of_rule(r, "uncovered_requirement");
  ASSERT_EQ(uncovered.size(), 1u);
  EXPECT_EQ(uncovered[0]->severity, "info");
  EXPECT_NE(uncovered[0]->message.find("FR-1"), std::string::npos);
  EXPECT_EQ(r.score, 99);
}

TEST(Lint, EachRuleTakesAtMostThirtyPoints) {
  std::string md = "## Notes\n";
  for (int i = 0; i < 40; ++i) md += "It is robust.\n";
  auto r = lint_document(LintInput{md, {}, {}});
  EXPECT_EQ(of_rule(r, "vague_word").size(), 40u);
  EXPECT_EQ(r.score, 70);
}

TEST(Lint, ScoreNeverGoesBelowZero) {
  std::vector<ai::TemplateSection> many;
  for (int i = 0; i < 3; ++i) many.push_back({"S" + std::to_string(i), "", true});
  std::string md = "## Functional Requirements\n";
  for (int i = 0; i < 6; ++i) md += "- x TBD fast\n- FR-1: a\n";
  auto r = lint_document(LintInput{md, many, {}});
  EXPECT_EQ(r.score, 0);  // five rules at their 30-point cap
  auto j = lint_report_json(r);
  EXPECT_EQ(j.at("findings").as_array().size(), r.findings.size());
  EXPECT_EQ(j.at("score").as_int64(), 0);
  EXPECT_EQ(j.at("findings").as_array()[0].at("rule"), "missing_section");
  EXPECT_FALSE(j.at("findings").as_array()[0].as_object().contains("line"));
}

}  // namespace
}  // namespace prism::services
