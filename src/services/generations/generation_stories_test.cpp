// Stories of a document too long for one call: one provider call per part,
// each answer parsed (and repaired) on its own, the parts merged.
#include <gtest/gtest.h>

#include "services/generations/generation_service_fixture.hpp"

namespace prism::services::generations {
namespace {

using service_testing::GenerationServiceTest;

const char* kPartOne = R"([{"title":"Search"},{"title":"Filter"}])";
const char* kPartTwo = R"([{"title":"Export"}])";

TEST_F(GenerationServiceTest, EveryPartOfALongDocumentIsSentAndTheStoriesMerged) {
  story_parts = 2;
  auto doc = make_document("## Requirements\n\nFR-1 search.\n\n## More\n\nFR-2 export.\n");
  provider.answers = {kPartOne, kPartTwo};
  auto id = finished(json::object{{"kind", "stories"},
                                  {"input", json::object{{"document_id", doc}, {"count", 3}}}},
                     as_member);
  auto g = service->get(as_member, id);
  ASSERT_EQ(g.status, "succeeded") << g.error_message.value_or("");
  EXPECT_EQ(provider.calls.load(), 2);
  EXPECT_EQ(provider.last_request.system, "kind stories part 2");
  ASSERT_EQ(merged_parts.size(), 2u);
  EXPECT_EQ(merged_parts[0].size(), 2u);
  EXPECT_EQ(merged_parts[1].size(), 1u);
  EXPECT_EQ(merged_count, 3);
  auto result = json::parse(g.result.value_or("{}"));
  ASSERT_EQ(result.at("stories").as_array().size(), 3u);
  EXPECT_EQ(result.at("stories").at(2).at("title").as_string(), "Export");
  // Both answers are in the output, apart; both calls are counted.
  EXPECT_EQ(g.output, std::string(kPartOne) + "\n\n" + kPartTwo);
  EXPECT_EQ(g.tokens_in, 200);
  EXPECT_EQ(g.tokens_out, 100);
  service->apply(as_member, id);
  EXPECT_EQ(added_stories, 3);
}

TEST_F(GenerationServiceTest, APartThatStaysInvalidFailsTheWholeGeneration) {
  story_parts = 2;
  auto doc = make_document("## Requirements\n\nFR-1 search.\n");
  // The first part is repaired, the second stays invalid.
  provider.answers = {"nope", kPartOne, "still nope", "nor this"};
  auto id = finished(
      json::object{{"kind", "stories"}, {"input", json::object{{"document_id", doc}}}}, as_member);
  auto g = service->get(as_member, id);
  EXPECT_EQ(g.status, "failed");
  EXPECT_EQ(g.error_code, "invalid_output");
  EXPECT_EQ(provider.calls.load(), 4);
  EXPECT_EQ(g.tokens_in, 400);
  EXPECT_TRUE(merged_parts.empty()) << "nothing is merged when a part failed";
}

TEST_F(GenerationServiceTest, OnePartNeedsNoMergeOfSeveral) {
  auto doc = make_document("## Requirements\n\nFR-1 search.\n");
  provider.answers = {kPartOne};
  auto id = finished(
      json::object{{"kind", "stories"}, {"input", json::object{{"document_id", doc}}}}, as_member);
  EXPECT_EQ(service->get(as_member, id).status, "succeeded");
  EXPECT_EQ(provider.calls.load(), 1);
  ASSERT_EQ(merged_parts.size(), 1u);
  EXPECT_EQ(merged_count, kDefaultStoryCount);
}

}  // namespace
}  // namespace prism::services::generations
