#include "services/stories/stories_rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

namespace prism::services {
namespace {

std::vector<FieldError> errors_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
    return e.field_errors;
  }
  ADD_FAILURE() << "expected a validation error";
  return {};
}

bool names(const std::vector<FieldError>& errors, const std::string& field) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == field; });
}

json::object parse(std::string_view text) { return json::parse(text).as_object(); }

TEST(StoryRules, ParsesAFullStoryAndNormalizesIt) {
  auto s = parse_new_story(parse(R"({"title":"  Pay by card ","as_a":"shopper",
      "i_want":"to pay by card","so_that":"I finish quickly",
      "acceptance_criteria":["Given a cart When I pay Then I get a receipt"," second "],
      "points":5,"priority":"high","status":"in_progress","requirement_ref":" fr-12 "})"));
  EXPECT_EQ(s.title, "Pay by card");
  EXPECT_EQ(s.acceptance_criteria,
            (std::vector<std::string>{"Given a cart When I pay Then I get a receipt", "second"}));
  EXPECT_EQ(s.points, 5);
  EXPECT_EQ(s.priority, "high");
  EXPECT_EQ(s.status, "in_progress");
  EXPECT_EQ(s.requirement_ref, "FR-12");
  EXPECT_FALSE(s.document_id);
}

TEST(StoryRules, DefaultsAndNulls) {
  auto s = parse_new_story(parse(R"({"title":"T","points":null,"requirement_ref":null})"));
  EXPECT_EQ(s.priority, "medium");
  EXPECT_EQ(s.status, "todo");
  EXPECT_FALSE(s.points);
  EXPECT_FALSE(s.requirement_ref);
  EXPECT_TRUE(s.acceptance_criteria.empty());
}

TEST(StoryRules, ReportsEveryProblemAtOnce) {
  std::string long_text(1001, 'x');
  auto errors = errors_of([&] {
    parse_new_story(parse(R"({"as_a":")" + long_text + R"(","points":4,"priority":"urgent",
        "status":"blocked","requirement_ref":"FR12","acceptance_criteria":["ok",""],"extra":1})"));
  });
  for (const char* field : {"title", "as_a", "points", "priority", "status", "requirement_ref",
                            "acceptance_criteria[1]", "extra"}) {
    EXPECT_TRUE(names(errors, field)) << field;
  }
}

TEST(StoryRules, TitleLimits) {
  EXPECT_FALSE(title_problem(std::string(200, 'a')));
  EXPECT_TRUE(title_problem(std::string(201, 'a')));
  EXPECT_FALSE(title_problem("Zahlung mit Karte — schnell"));
  EXPECT_TRUE(title_problem(""));
  EXPECT_TRUE(title_problem("two\nlines"));
  EXPECT_TRUE(names(errors_of([] { parse_new_story(parse(R"({"title":"   "})")); }), "title"));
  EXPECT_TRUE(names(errors_of([] { parse_new_story(parse(R"({"title":5})")); }), "title"));
}

TEST(StoryRules, Points) {
  for (int p : {0, 1, 2, 3, 5, 8, 13, 21}) EXPECT_TRUE(is_story_points(p)) << p;
  for (int p : {-1, 4, 6, 20, 34, 100}) EXPECT_FALSE(is_story_points(p)) << p;
  EXPECT_TRUE(
      names(errors_of([] { parse_new_story(parse(R"({"title":"t","points":"3"})")); }), "points"));
  EXPECT_TRUE(
      names(errors_of([] { parse_new_story(parse(R"({"title":"t","points":2.5})")); }), "points"));
}

TEST(StoryRules, RequirementIds) {
  for (const char* ok : {"FR-1", "FR-12", "NFR-3", "SM-1", "UC-100"}) {
    EXPECT_FALSE(requirement_ref_problem(ok)) << ok;
  }
  for (const char* bad :
       {"FR", "FR-", "-1", "FR-0", "FR-01", "fr-1", "F R-1", "TOOLONG-1", "FR-1a", "FR-1234567"}) {
    EXPECT_TRUE(requirement_ref_problem(bad)) << bad;
  }
}

TEST(StoryRules, AcceptanceCriteriaLimits) {
  std::vector<std::string> thirty(30, "Given x When y Then z");
  EXPECT_FALSE(criteria_problem(thirty));
  thirty.push_back("one more");
  EXPECT_TRUE(criteria_problem(thirty));
  EXPECT_TRUE(criteria_problem({std::string(1001, 'c')}));
  EXPECT_FALSE(criteria_problem({std::string(1000, 'c')}));
  // Given/When/Then is recommended, not required.
  EXPECT_FALSE(criteria_problem({"The receipt shows the total"}));
  EXPECT_TRUE(
      names(errors_of([] { parse_new_story(parse(R"({"title":"t","acceptance_criteria":[1]})")); }),
            "acceptance_criteria[0]"));
}

TEST(StoryRules, ProblemsArePrefixedForBatches) {
  NewStory s;
  s.title = "";
  s.priority = "urgent";
  auto errors = story_problems(s, "stories[2]");
  EXPECT_TRUE(names(errors, "stories[2].title"));
  EXPECT_TRUE(names(errors, "stories[2].priority"));
}

TEST(StoryRules, PatchKeepsAbsentFieldsAndClearsNullableOnes) {
  auto c = parse_story_changes(parse(R"({"status":"done","points":null,"requirement_ref":null})"));
  EXPECT_EQ(c.status, "done");
  ASSERT_TRUE(c.points);
  EXPECT_FALSE(*c.points);
  ASSERT_TRUE(c.requirement_ref);
  EXPECT_FALSE(*c.requirement_ref);
  EXPECT_FALSE(c.title);
  EXPECT_FALSE(c.document_id);

  auto set = parse_story_changes(parse(R"({"points":8})"));
  ASSERT_TRUE(set.points && *set.points);
  EXPECT_EQ(**set.points, 8);

  EXPECT_TRUE(names(errors_of([] { parse_story_changes(parse("{}")); }), ""));
  auto errors = errors_of([] {
    parse_story_changes(
        parse(R"({"title":null,"priority":null,"acceptance_criteria":null,"x":1})"));
  });
  for (const char* f : {"title", "priority", "acceptance_criteria", "x"}) {
    EXPECT_TRUE(names(errors, f)) << f;
  }
  EXPECT_TRUE(names(errors_of([] { parse_story_changes(parse(R"({"points":7})")); }), "points"));
}

}  // namespace
}  // namespace prism::services
