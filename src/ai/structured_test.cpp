#include "ai/structured.hpp"

#include <gtest/gtest.h>

namespace prism::ai {
namespace {

constexpr const char* kGood = R"({"stories":[{"title":"Pay by card","as_a":"shopper",
"i_want":"to pay by card","so_that":"I can finish my order",
"acceptance_criteria":["Given a cart, when I pay with a valid card, then the order is placed"],
"points":3,"priority":"high","requirement_ref":"FR-1"}]})";

TEST(ParseStories, AcceptsCleanJson) {
  auto r = parse_stories(kGood);
  ASSERT_TRUE(r.ok()) << r.problems.front();
  ASSERT_EQ(r.stories.size(), 1u);
  EXPECT_EQ(r.stories[0].title, "Pay by card");
  EXPECT_EQ(r.stories[0].points, 3);
  EXPECT_EQ(r.stories[0].priority, "high");
  EXPECT_EQ(r.stories[0].requirement_ref, "FR-1");
}

TEST(ParseStories, KeepsAnOptionalNote) {
  EXPECT_FALSE(parse_stories(kGood).note);
  std::string with_note = std::string(kGood);
  with_note.insert(with_note.rfind('}'), R"(,"note":"  Made 1 story, not the 5 asked for. ")");
  auto r = parse_stories(with_note);
  ASSERT_TRUE(r.ok()) << r.problems.front();
  EXPECT_EQ(r.stories.size(), 1u);
  EXPECT_EQ(r.note, "Made 1 story, not the 5 asked for.");
  // A note that is not a string is ignored rather than failing the answer.
  std::string odd = std::string(kGood);
  odd.insert(odd.rfind('}'), R"(,"note":{"x":1})");
  auto o = parse_stories(odd);
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o.note);
}

TEST(ParseStories, StripsThinkBlocksFencesAndProse) {
  std::string messy = std::string(
                          "<think>The user wants stories. Maybe {\"stories\": []} would do? "
                          "No, let me write one.</think>\nSure! Here are the stories you asked "
                          "for [1 of 1]:\n\n```json\n") +
                      kGood + "\n```\nLet me know if you need more.";
  auto r = parse_stories(messy);
  ASSERT_TRUE(r.ok()) << r.problems.front();
  EXPECT_EQ(r.stories.size(), 1u);
}

TEST(ParseStories, FindsJsonInProseWithoutFences) {
  std::string messy = std::string("Here are 2 [two] stories:\n") + kGood + "\nHope that helps!";
  auto r = parse_stories(messy);
  ASSERT_TRUE(r.ok()) << r.problems.front();
  EXPECT_EQ(r.stories[0].requirement_ref, "FR-1");
}

TEST(ParseStories, AcceptsABareArrayAndNullRef) {
  auto r = parse_stories(R"([{"title":"T","as_a":"a","i_want":"b","so_that":"c",
    "acceptance_criteria":["GIVEN x WHEN y THEN z"],"points":8.0,"priority":"Critical",
    "requirement_ref":null}])");
  ASSERT_TRUE(r.ok()) << r.problems.front();
  EXPECT_EQ(r.stories[0].points, 8);
  EXPECT_EQ(r.stories[0].priority, "critical");
  EXPECT_FALSE(r.stories[0].requirement_ref);
}

TEST(ParseStories, ReportsEveryProblemWithItsPlace) {
  auto r = parse_stories(R"({"stories":[{"title":"","as_a":"a","i_want":"b","so_that":"c",
    "acceptance_criteria":["the user can log in"],"points":4,"priority":"urgent",
    "requirement_ref":"REQ-1"}, 7]})");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.stories.empty());
  auto has = [&](const std::string& s) {
    for (const auto& p : r.problems) {
      if (p.find(s) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("stories[0].title"));
  EXPECT_TRUE(has("stories[0].acceptance_criteria[0]"));
  EXPECT_TRUE(has("stories[0].points"));
  EXPECT_TRUE(has("stories[0].priority"));
  EXPECT_TRUE(has("stories[0].requirement_ref"));
  EXPECT_TRUE(has("stories[1]: must be an object"));
}

TEST(ParseStories, TruncatedOrMissingJsonIsAProblem) {
  EXPECT_FALSE(parse_stories(R"(```json
{"stories":[{"title":"Pay by card","as_a":"shopper")")
                   .ok());
  EXPECT_FALSE(parse_stories("I cannot help with that.").ok());
  EXPECT_FALSE(parse_stories("<think>{\"stories\":[]} still thinking").ok());
  EXPECT_FALSE(parse_stories(R"({"items":[]})").ok());
  EXPECT_FALSE(parse_stories(R"({"stories":[]})").ok());
}

TEST(ParseStories, BracketsInsideStringsDoNotConfuseExtraction) {
  std::string s = R"(Note: {"stories":[{"title":"Handle } and ] in names","as_a":"a [b]",
    "i_want":"c","so_that":"d","acceptance_criteria":["Given \"{\", when saved, then kept"],
    "points":1,"priority":"low"}]} done)";
  auto r = parse_stories(s);
  ASSERT_TRUE(r.ok()) << r.problems.front();
  EXPECT_EQ(r.stories[0].title, "Handle } and ] in names");
}

TEST(RequirementRef, KnowsTheThreeKinds) {
  EXPECT_TRUE(is_requirement_ref("FR-1"));
  EXPECT_TRUE(is_requirement_ref("NFR-12"));
  EXPECT_TRUE(is_requirement_ref("SM-3"));
  EXPECT_FALSE(is_requirement_ref("FR-"));
  EXPECT_FALSE(is_requirement_ref("FR-1a"));
  EXPECT_FALSE(is_requirement_ref("fr-1"));
  EXPECT_FALSE(is_requirement_ref("FR-01"));
}

TEST(RepairRequest, AppendsTheBadAnswerAndTheProblems) {
  CompletionRequest original;
  original.system = "sys";
  original.messages.push_back(Message{"user", "make stories"});
  original.task = json::object{{"kind", "stories"}};
  auto r = repair_request(original, "not json", {"stories[0].points: must be one of 1"});
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[1].role, "assistant");
  EXPECT_EQ(r.messages[1].content, "not json");
  EXPECT_EQ(r.messages[2].role, "user");
  EXPECT_NE(r.messages[2].content.find("stories[0].points"), std::string::npos);
  EXPECT_TRUE(r.json_output);
  ASSERT_TRUE(r.json_schema);
  EXPECT_EQ(r.task.at("kind"), "stories");
  EXPECT_EQ(r.task.at("repair").at("problems").as_array().size(), 1u);
}

TEST(StoriesJson, RoundTripsThroughTheParser) {
  Story s{"T", "a", "b", "c", {"Given x, when y, then z"}, 5, "medium", "NFR-2"};
  auto r = parse_stories(json::serialize(stories_json({s})));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.stories[0].requirement_ref, "NFR-2");
  EXPECT_EQ(r.stories[0].acceptance_criteria, s.acceptance_criteria);
}

}  // namespace
}  // namespace prism::ai
