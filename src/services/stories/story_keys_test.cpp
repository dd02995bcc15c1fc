// Story keys (CHK-12): what a key is, and how the backlog hands out, keeps and
// finds them, on whichever backend TempDatabase is (PostgreSQL when
// PRISM_TEST_POSTGRES_URL is set).
#include "services/stories/story_keys.hpp"

#include <gtest/gtest.h>

#include "core/error_testing.hpp"
#include "services/orgs/projects_service.hpp"
#include "services/orgs/testing_orgs.hpp"
#include "services/stories/stories_export.hpp"
#include "services/stories/stories_service.hpp"

namespace prism::services {
namespace {

TEST(StoryKeys, ParseAcceptsAnyCaseAndRejectsWhatIsNotAKey) {
  auto key = parse_story_key(" chk-12 ");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->project_key, "CHK");
  EXPECT_EQ(key->number, 12);
  EXPECT_EQ(parse_story_key("WEB2-1")->project_key, "WEB2");
  for (const char* bad : {"CHK", "CHK-", "-12", "CHK-0", "CHK-012", "CHK-1x", "C-1",
                          "ABCDEFGHIJK-1", "CH K-1", "CHK--1", "CHK-1234567890123456", ""}) {
    EXPECT_FALSE(parse_story_key(bad)) << bad;
  }
  EXPECT_EQ(story_key("CHK", 12), "CHK-12");
}

TEST(StoryKeys, ASearchNamesANumberByKeyHashOrDigits) {
  EXPECT_EQ(story_number_in("CHK-7", "CHK"), 7);
  EXPECT_EQ(story_number_in("chk-7", "CHK"), 7);
  EXPECT_EQ(story_number_in("#7", "CHK"), 7);
  EXPECT_EQ(story_number_in(" 7 ", "CHK"), 7);
  EXPECT_FALSE(story_number_in("APP-7", "CHK")) << "another project's key";
  EXPECT_FALSE(story_number_in("refund", "CHK"));
  EXPECT_FALSE(story_number_in("#", "CHK"));
}

class StoryKeysServiceTest : public ::testing::Test, protected testing::TwoOrgs {
 protected:
  void SetUp() override {
    project = projects.create(as_owner, org_a, {"Checkout", "CHK", ""}).id;
    other_project = projects.create(as_owner, org_a, {"App", "APP", ""}).id;
  }

  Story add(const std::string& project_id, const std::string& title) {
    NewStory s;
    s.title = title;
    return stories.create(as_member, project_id, s);
  }

  std::vector<std::string> titles(const StoryQuery& q) {
    std::vector<std::string> out;
    for (const auto& s : stories.list(as_viewer, project, q)) out.push_back(s.title);
    return out;
  }

  ProjectsService projects{tdb.db()};
  StoriesService stories{tdb.db()};
  std::string project, other_project;
};

TEST_F(StoryKeysServiceTest, NumbersCountUpPerProjectAndShowAsKeys) {
  auto a = add(project, "Pay");
  auto b = add(project, "Refund");
  auto elsewhere = add(other_project, "Login");
  EXPECT_EQ(a.number, 1);
  EXPECT_EQ(b.number, 2);
  EXPECT_EQ(elsewhere.number, 1) << "each project counts on its own";
  EXPECT_EQ(story_json(b).at("key"), "CHK-2");
  EXPECT_EQ(story_json(b).at("number"), 2);
  EXPECT_EQ(story_json(stories.get(as_viewer, b.id)).at("key"), "CHK-2");
  EXPECT_EQ(story_json(stories.list(as_viewer, other_project, {}).at(0)).at("key"), "APP-1");

  // A batch applied from a generation takes consecutive numbers, in order.
  std::vector<NewStory> batch(3);
  batch[0].title = "G1";
  batch[1].title = "G2";
  batch[2].title = "G3";
  auto added = tdb.db().write([&](store::Tx& tx) {
    return stories.add_stories_in_tx(tx, as_member, project, std::nullopt, std::nullopt, batch);
  });
  ASSERT_EQ(added.size(), 3u);
  EXPECT_EQ(added[0].number, 3);
  EXPECT_EQ(added[2].number, 5);
  EXPECT_EQ(story_key(added[2].project_key, added[2].number), "CHK-5");
}

TEST_F(StoryKeysServiceTest, ADeletedStorysNumberIsNeverGivenAgain) {
  add(project, "One");
  auto two = add(project, "Two");
  stories.remove(as_member, two.id);
  EXPECT_EQ(add(project, "Three").number, 3) << "not 2, though the highest live story is 1";
  // A story that failed validation takes no number either.
  NewStory empty;
  EXPECT_EQ(code_of([&] { stories.create(as_member, project, empty); }),
            ErrorCode::kValidationFailed);
  EXPECT_EQ(add(project, "Four").number, 4);
  StoryQuery by_key;
  by_key.key = "CHK-2";
  EXPECT_TRUE(stories.list(as_viewer, project, by_key).empty()) << "the deleted story is gone";
}

TEST_F(StoryKeysServiceTest, KeysFollowARenamedProjectAndNumbersStay) {
  auto s = add(project, "Pay");
  UpdateProjectInput rename;
  rename.key = "PAY";
  projects.update(as_owner, project, rename);
  auto again = stories.get(as_viewer, s.id);
  EXPECT_EQ(again.number, 1);
  EXPECT_EQ(story_json(again).at("key"), "PAY-1");
  StoryQuery old_key;
  old_key.key = "CHK-1";
  EXPECT_TRUE(stories.list(as_viewer, project, old_key).empty());
  StoryQuery new_key;
  new_key.key = "pay-1";
  ASSERT_EQ(stories.list(as_viewer, project, new_key).size(), 1u);
  EXPECT_EQ(add(project, "Next").number, 2);
}

TEST_F(StoryKeysServiceTest, TheBacklogIsSearchedByKeyNumberOrTitle) {
  add(project, "Pay by card");       // CHK-1
  add(project, "Refund a payment");  // CHK-2
  add(project, "100% sure_thing");   // CHK-3
  for (int i = 4; i <= 12; ++i) add(project, "Filler " + std::to_string(i));
  add(other_project, "Pay elsewhere");  // APP-1

  StoryQuery q;
  q.key = "CHK-2";
  EXPECT_EQ(titles(q), std::vector<std::string>{"Refund a payment"});
  q.key = "APP-1";
  EXPECT_TRUE(titles(q).empty()) << "another project's key finds nothing here";
  q.key = "CHK-99";
  EXPECT_TRUE(titles(q).empty());
  q.key = "refund";
  EXPECT_EQ(code_of([&] { stories.list(as_viewer, project, q); }), ErrorCode::kValidationFailed);

  StoryQuery text;
  text.text = "chk-12";
  EXPECT_EQ(titles(text), std::vector<std::string>{"Filler 12"});
  text.text = "#2";
  EXPECT_EQ(titles(text), std::vector<std::string>{"Refund a payment"});
  text.text = "PAY";
  EXPECT_EQ(titles(text), (std::vector<std::string>{"Pay by card", "Refund a payment"}))
      << "title words, case-insensitive, in this project only";
  text.text = "1";
  EXPECT_EQ(titles(text), (std::vector<std::string>{"Pay by card", "100% sure_thing", "Filler 10",
                                                    "Filler 11", "Filler 12"}))
      << "CHK-1 by number, and titles holding a 1";
  text.text = "0% s";
  EXPECT_EQ(titles(text), std::vector<std::string>{"100% sure_thing"});
  text.text = "%";
  EXPECT_EQ(titles(text), std::vector<std::string>{"100% sure_thing"}) << "% is no wildcard";
  text.text = "e_t";
  EXPECT_EQ(titles(text), std::vector<std::string>{"100% sure_thing"}) << "_ is no wildcard";
  text.text = "APP-1";
  EXPECT_TRUE(titles(text).empty());
  text.text = std::string(1000, 'x');
  EXPECT_EQ(code_of([&] { stories.list(as_viewer, project, text); }), ErrorCode::kValidationFailed);

  // The export takes the same filters.
  StoryQuery one;
  one.key = "CHK-3";
  auto csv = stories.export_stories(as_viewer, project, one, StoryExportFormat::kCsv).body;
  EXPECT_NE(csv.find(",CHK-3\r\n"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("CHK-1\r\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace prism::services
