// Section rewrites and stories end to end over HTTP, through the fake
// OpenAI server: proposal, /apply, the backlog and its export, and stories
// answers that need cleaning or repair.
#include "llm_fixture.hpp"

namespace prism::testing {
namespace {

constexpr const char* kPrd =
    "## Goals\n\nShip.\n\n## Functional Requirements\n\n"
    "- **FR-1**: Shoppers pay by card\n- **FR-2**: Shoppers get a receipt\n";

const char* kStoriesJson = R"({"stories":[
 {"title":"Pay by card","as_a":"shopper","i_want":"to pay by card","so_that":"I finish quickly",
  "acceptance_criteria":["Given a cart, when I pay by card, then the order is placed"],
  "points":3,"priority":"high","requirement_ref":"FR-1"},
 {"title":"Receive a receipt","as_a":"shopper","i_want":"a receipt","so_that":"I can expense it",
  "acceptance_criteria":["Given a paid order, when it completes, then I get a receipt by e-mail"],
  "points":2,"priority":"medium","requirement_ref":"FR-2"}]})";

FakeReply reply(const std::string& text) {
  FakeReply r;
  r.text = text;
  r.deltas = 3;
  return r;
}

class GenerationApplyTest : public LlmGenerationsTest {
 protected:
  json::object stories_body(const std::string& doc) {
    return json::object{{"kind", "stories"},
                        {"input", json::object{{"document_id", doc}, {"count", 2}}}};
  }
};

TEST_F(GenerationApplyTest, ASectionRewriteIsAProposalWithADiffAppliedOnceAsANewVersion) {
  std::string doc = create_document("Checkout PRD", kPrd);
  llm_->push(reply("Ship a one-page checkout by Q3 (SM-1: conversion +5%)."));
  std::string id = str(start(json::object{{"kind", "section"},
                                          {"input", json::object{{"document_id", doc},
                                                                 {"section", "Goals"},
                                                                 {"instruction", "Be specific"}}}}),
                       "id");
  auto g = wait_finished(id);
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  const auto& result = g.at("result");
  EXPECT_EQ(str(result, "section"), "Goals");
  EXPECT_EQ(str(result, "proposed"), "Ship a one-page checkout by Q3 (SM-1: conversion +5%).");
  EXPECT_EQ(result.at("base_version").as_int64(), 1);
  std::string unified = str(result.at("diff"), "unified");
  EXPECT_NE(unified.find("-Ship."), std::string::npos) << unified;
  EXPECT_NE(unified.find("+Ship a one-page checkout"), std::string::npos) << unified;
  // A proposal changes nothing until it is applied.
  EXPECT_EQ(owner().get("/api/v1/documents/" + doc).header("etag"), "\"1\"");

  auto applied = owner().post(generation_path(id, "/apply"));
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(applied.json().at("version").as_int64(), 2);
  auto d = owner().get("/api/v1/documents/" + doc);
  ASSERT_EQ(d.status, 200);
  std::string content = str(d.json(), "content");
  EXPECT_NE(content.find("Ship a one-page checkout by Q3"), std::string::npos) << content;
  EXPECT_NE(content.find("- **FR-2**: Shoppers get a receipt"), std::string::npos) << content;
  EXPECT_EQ(content.find("\nShip.\n"), std::string::npos) << content;
  auto v = owner().get("/api/v1/documents/" + doc + "/versions/2");
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(str(v.json(), "source"), "ai");
  EXPECT_EQ(str(v.json(), "generation_id"), id);
  EXPECT_FALSE(owner().get(generation_path(id)).json().at("applied_at").is_null());

  auto twice = owner().post(generation_path(id, "/apply"));
  expect_error(twice, 409, "conflict");
  EXPECT_NE(twice.body.find("already been applied"), std::string::npos) << twice.body;
  EXPECT_EQ(owner().get("/api/v1/documents/" + doc).header("etag"), "\"2\"");
}

TEST_F(GenerationApplyTest, StoriesWrappedInThinkingFencesAndProseAreCleanedAppliedAndExported) {
  std::string doc = create_document("Checkout PRD", kPrd);
  llm_->push(reply(std::string("<think>The PRD has FR-1 and FR-2 {not json}.</think>\n") +
                   "Here are your stories:\n```json\n" + kStoriesJson +
                   "\n```\nLet me know if you need more."));
  int calls = llm_->calls();
  std::string id = str(start(stories_body(doc)), "id");
  auto g = wait_finished(id);
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  EXPECT_EQ(llm_->calls(), calls + 1) << "clean-up needs no repair call";
  const auto& proposed = g.at("result").at("stories").as_array();
  ASSERT_EQ(proposed.size(), 2u);
  EXPECT_EQ(str(proposed[0], "requirement_ref"), "FR-1");
  // The request asked for JSON output.
  EXPECT_NE(llm_->requests().back().body.find("response_format"), std::string::npos);

  auto applied = owner().post(generation_path(id, "/apply"));
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(applied.json().at("stories").as_array().size(), 2u);
  auto backlog = owner().get("/api/v1/projects/" + project_ + "/stories?document_id=" + doc);
  ASSERT_EQ(backlog.status, 200) << backlog.body;
  const auto& items = backlog.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  for (const auto& s : items) {
    EXPECT_FALSE(str(s, "requirement_ref").empty()) << json::serialize(s);
    EXPECT_FALSE(s.at("acceptance_criteria").as_array().empty());
  }
  expect_error(owner().post(generation_path(id, "/apply")), 409, "conflict");
  EXPECT_EQ(owner()
                .get("/api/v1/projects/" + project_ + "/stories?document_id=" + doc)
                .json()
                .at("items")
                .as_array()
                .size(),
            2u)
      << "applying twice must not add the stories twice";

  auto csv = owner().get("/api/v1/projects/" + project_ + "/stories/export?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("Pay by card"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("Receive a receipt"), std::string::npos) << csv.body;
  auto md = owner().get("/api/v1/projects/" + project_ + "/stories/export?format=md");
  ASSERT_EQ(md.status, 200);
  EXPECT_NE(md.body.find("FR-1"), std::string::npos) << md.body;
}

TEST_F(GenerationApplyTest, InvalidStoriesGetOneRepairAttempt) {
  std::string doc = create_document("Checkout PRD", kPrd);
  llm_->push(reply("I'm sorry, here are the stories: Pay by card (FR-1), Receipt (FR-2)."));
  llm_->push(reply(kStoriesJson));
  int calls = llm_->calls();
  std::string id = str(start(stories_body(doc)), "id");
  auto g = wait_finished(id);
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  EXPECT_EQ(llm_->calls(), calls + 2);
  EXPECT_EQ(g.at("result").at("stories").as_array().size(), 2u);
  // The repair call shows the model its answer and what was wrong with it.
  std::string repair = llm_->requests().back().body;
  EXPECT_NE(repair.find("I'm sorry, here are the stories"), std::string::npos) << repair;
  // Both calls are counted.
  EXPECT_EQ(g.at("tokens_in").as_int64(), 24);
  EXPECT_EQ(g.at("tokens_out").as_int64(), 68);
  auto stream = events(id).read_to_end();
  bool repairing = false;
  for (const auto& e : stream) {
    repairing = repairing || e.data.find("\"repairing\"") != std::string::npos;
  }
  EXPECT_TRUE(repairing) << "the stream says that the answer is being repaired";
}

TEST_F(GenerationApplyTest, StoriesInvalidTwiceFailClearlyAndCannotBeApplied) {
  std::string doc = create_document("Checkout PRD", kPrd);
  llm_->push(reply("no JSON here"));
  llm_->push(reply(R"({"stories":[{"title":"Pay","points":4}]})"));
  int calls = llm_->calls();
  std::string id = str(start(stories_body(doc)), "id");
  auto g = wait_finished(id);
  EXPECT_EQ(str(g, "status"), "failed");
  EXPECT_EQ(llm_->calls(), calls + 2) << "exactly one repair attempt";
  ASSERT_TRUE(g.at("error").is_object()) << json::serialize(g);
  EXPECT_EQ(str(g.at("error"), "code"), "invalid_output");
  std::string message = str(g.at("error"), "message");
  EXPECT_NE(message.find("repair"), std::string::npos) << message;
  EXPECT_NE(message.find("points"), std::string::npos)
      << "the message says what is wrong: " << message;
  EXPECT_GT(g.at("tokens_in").as_int64(), 0) << "a failed generation still records its usage";
  auto stream = events(id).read_to_end();
  ASSERT_FALSE(stream.empty());
  EXPECT_EQ(stream.back().event, "error");
  expect_error(owner().post(generation_path(id, "/apply")), 409, "conflict");
  auto backlog = owner().get("/api/v1/projects/" + project_ + "/stories");
  EXPECT_TRUE(backlog.json().at("items").as_array().empty());
}

}  // namespace
// Over HTTP: a stories generation's proposals accepted one at a time by
// index, then the rest with no body; the generation lists what was added.
TEST_F(GenerationApplyTest, StoryProposalsAreAcceptedOneByOneOverHttp) {
  std::string doc = create_document("One by one PRD", kPrd);
  llm_->push(reply(kStoriesJson));
  std::string id = str(start(stories_body(doc)), "id");
  ASSERT_EQ(str(wait_finished(id), "status"), "succeeded");
  auto one = owner().post(generation_path(id, "/apply"), json::object{{"stories", json::array{1}}});
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json().at("stories").as_array().size(), 1u);
  EXPECT_EQ(one.json().at("remaining").as_int64(), 1);
  EXPECT_EQ(json::serialize(owner().get(generation_path(id)).json().at("applied_stories")), "[1]");
  expect_error(owner().post(generation_path(id, "/apply"), json::object{{"stories", json::array{1}}}),
               409);
  expect_error(owner().post(generation_path(id, "/apply"), json::object{{"stories", json::array{7}}}),
               422, "validation_failed");
  auto rest = owner().post(generation_path(id, "/apply"));
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_EQ(rest.json().at("remaining").as_int64(), 0);
  auto g = owner().get(generation_path(id)).json();
  EXPECT_FALSE(g.at("applied_at").is_null());
  EXPECT_EQ(json::serialize(g.at("applied_stories")), "[0,1]");
}

}  // namespace prism::testing
