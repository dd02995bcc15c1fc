#include "services/stories/stories_export.hpp"

#include <gtest/gtest.h>

#include "support/csv_reader.hpp"

namespace prism::services {
namespace {

using testing::parse_csv;

store::stories::Story story(std::string title, std::string status = "todo",
                            std::int64_t number = 12) {
  store::stories::Story s;
  s.id = "01900000-0000-7000-8000-000000000001";
  s.number = number;
  s.project_key = "CHK";
  s.title = std::move(title);
  s.as_a = "shopper";
  s.i_want = "to pay by card";
  s.so_that = "I finish quickly";
  s.acceptance_criteria = {"Given a cart, When I pay, Then I see \"Paid\""};
  s.points = 3;
  s.priority = "critical";
  s.status = std::move(status);
  s.requirement_ref = "FR-7";
  return s;
}

TEST(StoriesExport, JiraNames) {
  EXPECT_EQ(jira_priority("low"), "Low");
  EXPECT_EQ(jira_priority("medium"), "Medium");
  EXPECT_EQ(jira_priority("high"), "High");
  EXPECT_EQ(jira_priority("critical"), "Highest");
  EXPECT_EQ(jira_status("todo"), "To Do");
  EXPECT_EQ(jira_status("in_progress"), "In Progress");
  EXPECT_EQ(jira_status("done"), "Done");
}

TEST(StoriesExport, CsvParsesBackIntoJiraColumns) {
  auto evil = story("=cmd|' /C calc'!A0, \"quoted\"\nnext", "todo", 13);
  evil.points.reset();
  evil.requirement_ref.reset();
  evil.priority = "low";
  std::string csv = stories_csv({story("Pay by card"), evil});
  EXPECT_NE(csv.substr(0, 3), "\xEF\xBB\xBF") << "no byte order mark";
  auto rows = parse_csv(csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Summary", "Issue Type", "Description", "Priority",
                                               "Story Points", "Labels", "Status", "PRISM Key"}));
  EXPECT_EQ(rows[1][0], "Pay by card");
  EXPECT_EQ(rows[1][1], "Story");
  EXPECT_EQ(rows[1][2],
            "As a shopper, I want to pay by card, so that I finish quickly.\n\n"
            "Acceptance criteria:\n* Given a cart, When I pay, Then I see \"Paid\"");
  EXPECT_EQ(rows[1][3], "Highest");
  EXPECT_EQ(rows[1][4], "3");
  EXPECT_EQ(rows[1][5], "FR-7");
  EXPECT_EQ(rows[1][6], "To Do");
  EXPECT_EQ(rows[1][7], "CHK-12");
  EXPECT_EQ(rows[2][0], "'=cmd|' /C calc'!A0, \"quoted\"\nnext");
  EXPECT_EQ(rows[2][3], "Low");
  EXPECT_EQ(rows[2][4], "");
  EXPECT_EQ(rows[2][5], "");
  EXPECT_EQ(rows[2][7], "CHK-13");
}

TEST(StoriesExport, DescriptionWithMissingParts) {
  auto s = story("x");
  s.as_a.clear();
  s.acceptance_criteria.clear();
  EXPECT_EQ(jira_description(s), "I want to pay by card, so that I finish quickly.");
  s.i_want.clear();
  s.so_that.clear();
  EXPECT_EQ(jira_description(s), "");
}

TEST(StoriesExport, MarkdownGroupsByStatusWithChecklists) {
  auto multi = story("Refund", "done", 2);
  multi.acceptance_criteria = {"Given a paid order\nWhen I refund\nThen money returns"};
  std::string md = stories_markdown(
      "Checkout", {story("Pay", "todo", 1), multi, story("Save card", "in_progress", 3)});
  EXPECT_EQ(md.rfind("# Checkout — user stories\n", 0), 0u);
  auto todo = md.find("## To do (1)");
  auto doing = md.find("## In progress (1)");
  auto done = md.find("## Done (1)");
  ASSERT_NE(todo, std::string::npos);
  ASSERT_NE(doing, std::string::npos);
  ASSERT_NE(done, std::string::npos);
  EXPECT_LT(todo, doing);
  EXPECT_LT(doing, done);
  EXPECT_LT(md.find("### CHK-1: Pay\n"), doing);
  EXPECT_GT(md.find("### CHK-2: Refund\n"), done);
  EXPECT_NE(md.find("### CHK-3: Save card\n"), std::string::npos);
  EXPECT_NE(md.find("- [ ] Given a cart, When I pay, Then I see \"Paid\"\n"), std::string::npos);
  EXPECT_NE(md.find("- [x] Given a paid order\n  When I refund\n  Then money returns\n"),
            std::string::npos);
  EXPECT_NE(md.find("Priority: critical · Points: 3 · Covers: FR-7"), std::string::npos);
  EXPECT_NE(md.find("As a shopper, I want to pay by card, so that I finish quickly."),
            std::string::npos);
  EXPECT_NE(stories_markdown("Empty", {}).find("No stories."), std::string::npos);
}

TEST(StoriesExport, StoryJsonHasEveryField) {
  auto v = story_json(story("Pay"));
  EXPECT_EQ(v.at("title"), "Pay");
  EXPECT_EQ(v.at("key"), "CHK-12");
  EXPECT_EQ(v.at("number"), 12);
  EXPECT_EQ(v.at("points"), 3);
  EXPECT_TRUE(v.at("document_id").is_null());
  EXPECT_TRUE(v.at("generation_id").is_null());
  EXPECT_EQ(v.at("acceptance_criteria").as_array().size(), 1u);
  EXPECT_EQ(v.at("requirement_ref"), "FR-7");
  EXPECT_TRUE(v.contains("created_at"));
}

}  // namespace
}  // namespace prism::services
