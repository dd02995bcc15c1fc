// The stories export through the real binary: the CSV parsed back as Jira's
// importer would read it, the Markdown and JSON files.
#include <gtest/gtest.h>

#include "stories_fixture.hpp"
#include "support/csv_reader.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::parse_csv;
using testing::str;

class StoriesExportTest : public testing::StoriesTest {};

TEST_F(StoriesExportTest, ExportsCsvMarkdownAndJson) {
  auto s = setup("ada", "SHOP");
  auto& c = *s.client;
  create(c, s.project, full_story());
  create(c, s.project,
         json::object{{"title", "=HYPERLINK(\"http://evil.example\",\"x\"), @me"},
                      {"i_want", "-1 refunds"},
                      {"status", "done"},
                      {"priority", "low"}});
  std::string path = stories_of(s.project) + "/export";

  auto csv = c.get(path + "?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(csv.header("content-type").starts_with("text/csv")) << csv.header("content-type");
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"SHOP-stories.csv\"");
  auto rows = parse_csv(csv.body);
  ASSERT_EQ(rows.size(), 3u) << csv.body;
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Summary", "Issue Type", "Description", "Priority",
                                               "Story Points", "Labels", "Status", "PRISM Key"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{
                         "Pay by card", "Story",
                         "As a shopper, I want to pay by card, so that I finish quickly.\n\n"
                         "Acceptance criteria:\n"
                         "* Given a cart, When I pay, Then I see \"Paid\"\n"
                         "* Given a declined card When I pay Then I see why",
                         "Highest", "5", "FR-12", "To Do", "SHOP-1"}));
  EXPECT_EQ(rows[2][0], "'=HYPERLINK(\"http://evil.example\",\"x\"), @me");
  EXPECT_EQ(rows[2][2], "I want -1 refunds.");
  EXPECT_EQ(rows[2][3], "Low");
  EXPECT_EQ(rows[2][4], "");
  EXPECT_EQ(rows[2][6], "Done");
  EXPECT_EQ(rows[2][7], "SHOP-2");
  EXPECT_EQ(c.get(path).body, csv.body) << "csv is the default format";

  auto done_only = parse_csv(c.get(path + "?status=done").body);
  EXPECT_EQ(done_only.size(), 2u);

  auto md = c.get(path + "?format=md");
  ASSERT_EQ(md.status, 200);
  EXPECT_TRUE(md.header("content-type").starts_with("text/markdown"));
  EXPECT_EQ(md.header("content-disposition"), "attachment; filename=\"SHOP-stories.md\"");
  EXPECT_EQ(md.body.rfind("# Checkout — user stories\n", 0), 0u);
  EXPECT_LT(md.body.find("## To do (1)"), md.body.find("## Done (1)"));
  EXPECT_LT(md.body.find("### SHOP-1: Pay by card\n"), md.body.find("## Done (1)"));
  EXPECT_NE(md.body.find("- [ ] Given a cart, When I pay, Then I see \"Paid\""), std::string::npos);

  auto js = c.get(path + "?format=json");
  ASSERT_EQ(js.status, 200);
  EXPECT_TRUE(js.header("content-type").starts_with("application/json"));
  EXPECT_EQ(js.header("content-disposition"), "attachment; filename=\"SHOP-stories.json\"");
  auto body = js.json();
  EXPECT_EQ(str(body.at("project"), "key"), "SHOP");
  ASSERT_EQ(body.at("items").as_array().size(), 2u);
  EXPECT_EQ(str(body.at("items").as_array()[0], "requirement_ref"), "FR-12");
  EXPECT_EQ(str(body.at("items").as_array()[1], "key"), "SHOP-2");
  EXPECT_EQ(body.at("items").as_array()[1].at("number"), 2);
}

}  // namespace
}  // namespace prism
