// What PRISM sends to the providers and what it keeps of their answers,
// through the local servers that speak the Anthropic and OpenAI wire
// formats: the template in the system prompt, a rewrite that changes its
// section and nothing else, structured output for stories, and stories that
// cover every functional requirement when asked to.
#include "llm_fixture.hpp"

namespace prism::testing {
namespace {

constexpr const char* kPrd =
    "Intro paragraph  with two spaces.\n\n"
    "## Overview\n\nQuickPay lets small shops take QR payments.\n\n"
    "## Goals\n\nShip.\n\n"
    "## Functional Requirements\n\n"
    "- **FR-1**: Shop owners take a payment by QR code.\n"
    "- **FR-2**: Shop owners refund a payment.\n"
    "- **FR-3**: Shop owners export sales as CSV.\n"
    "- **FR-4**: Shop owners see the day's takings.\n\n"
    "## Risks\n\n| Risk | Mitigation |\n|---|---|\n| Bank outage | Retry |\n";

FakeReply reply(const std::string& text) {
  FakeReply r;
  r.text = text;
  r.deltas = 4;
  return r;
}

std::string story(const std::string& title, const std::string& ref) {
  return R"({"title":")" + title + R"(","as_a":"shop owner","i_want":"to )" + title +
         R"(","so_that":"I run my shop","acceptance_criteria":["Given a shop, when I )" + title +
         R"(, then it is done"],"points":3,"priority":"high","requirement_ref":")" + ref + R"("})";
}

json::object request_json(const RecordedRequest& r) { return json::parse(r.body).as_object(); }

std::string user_turn(const json::object& body, std::size_t index = 0) {
  return std::string(body.at("messages").at(index).at("content").as_string());
}

class PromptsWireTest : public LlmGenerationsTest {
 protected:
  json::object stories_body(const std::string& doc, json::object extra = {}) {
    json::object input{{"document_id", doc}, {"coverage", true}};
    for (auto& kv : extra) input[kv.key()] = kv.value();
    return json::object{{"kind", "stories"}, {"input", std::move(input)}};
  }

  void add_backlog_story(const std::string& doc, const std::string& ref) {
    auto r = owner().post("/api/v1/projects/" + project_ + "/stories",
                          json::object{{"title", "Existing " + ref},
                                       {"as_a", "shop owner"},
                                       {"i_want", "x"},
                                       {"so_that", "y"},
                                       {"document_id", doc},
                                       {"requirement_ref", ref}});
    expect_status(r, 201, "add story");
  }
};

TEST_F(PromptsWireTest, APrdRequestCarriesTheTemplateInTheSystemPromptAndOnlyTheBriefAfter) {
  llm_->push(reply("## Executive Summary\n\nx\n"));
  auto body = prd_body("Wire Co");
  body["provider"] = "anthropic";
  body["template"] = "lean";
  auto g = wait_finished(str(start(body), "id"));
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  auto sent = request_json(llm_->requests().back());
  std::string system(sent.at("system").as_string());
  auto templates = owner().get("/api/v1/orgs/" + owner_.org_id + "/templates");
  ASSERT_EQ(templates.status, 200) << templates.body;
  bool found = false;
  for (const auto& t : templates.json().at("items").as_array()) {
    if (str(t, "name") != "lean") continue;
    found = true;
    for (const auto& s : t.at("sections").as_array()) {
      EXPECT_NE(system.find(str(s, "title")), std::string::npos) << str(s, "title");
    }
  }
  EXPECT_TRUE(found);
  std::string user = user_turn(sent);
  EXPECT_NE(user.find("<product_brief>"), std::string::npos);
  EXPECT_NE(user.find("Wire Co"), std::string::npos);
  EXPECT_EQ(user.find("Ids: FR-1"), std::string::npos);
  EXPECT_FALSE(sent.contains("tools"));
}

TEST_F(PromptsWireTest, ARewriteChangesItsSectionAndKeepsEveryOtherByteOfTheDocument) {
  std::string doc = create_document("QuickPay", kPrd);
  // The model echoes the heading, wraps its answer in a fence and rewrites
  // the next sections too, as models do.
  llm_->push(
      reply("```markdown\n## Goals\n\n- Launch in 3 pilot shops by 2027-03-31.\n- 40% of payments "
            "by QR within 6 months.\n\n## Functional Requirements\n\n- FR-1: changed\n\n"
            "## Risks\n\nnone\n```"));
  auto body = json::object{{"kind", "section"},
                           {"provider", "anthropic"},
                           {"input", json::object{{"document_id", doc},
                                                  {"section", "goals"},
                                                  {"instruction", "Make the goals measurable"}}}};
  std::string id = str(start(body), "id");
  auto g = wait_finished(id);
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  const auto& result = g.at("result");
  EXPECT_EQ(str(result, "proposed"),
            "- Launch in 3 pilot shops by 2027-03-31.\n- 40% of payments by QR within 6 months.");
  EXPECT_NE(str(result, "note").find("Functional Requirements, Risks"), std::string::npos)
      << json::serialize(result);
  for (const auto& s : result.at("diff").at("sections").as_array()) {
    if (str(s, "change") != "unchanged") {
      EXPECT_EQ(str(s, "section"), "Goals");
    }
  }

  // The request: the other sections as context once, the section's text once.
  auto sent = request_json(llm_->requests().back());
  std::string user = user_turn(sent);
  EXPECT_NE(user.find("QuickPay lets small shops take QR payments."), std::string::npos);
  EXPECT_NE(user.find("- **FR-4**: Shop owners see the day's takings."), std::string::npos);
  EXPECT_NE(user.find("[The section being rewritten"), std::string::npos);
  EXPECT_NE(user.find("<section>\nGoals\n</section>"), std::string::npos) << user;
  EXPECT_EQ(user.find("Ship."), user.rfind("Ship.")) << "the section's text is sent once";
  EXPECT_NE(std::string(sent.at("system").as_string()).find("no other sections"),
            std::string::npos);

  auto applied = owner().post(generation_path(id, "/apply"));
  ASSERT_EQ(applied.status, 200) << applied.body;
  std::string after = str(owner().get("/api/v1/documents/" + doc).json(), "content");
  std::string before = kPrd;
  auto goals_at = before.find("## Goals\n");
  auto next_at = before.find("## Functional Requirements");
  EXPECT_EQ(after.substr(0, goals_at), before.substr(0, goals_at));
  EXPECT_EQ(after.substr(after.find("## Functional Requirements")), before.substr(next_at));
  EXPECT_NE(after.find("## Goals\n\n- Launch in 3 pilot shops"), std::string::npos) << after;
}

TEST_F(PromptsWireTest, CoverageAsksForEveryUncoveredRequirementAndFollowsUpOnTheGaps) {
  std::string doc = create_document("QuickPay", kPrd);
  add_backlog_story(doc, "FR-2");
  // The first answer covers FR-1 and FR-3 only; the follow-up covers FR-4.
  llm_->push(reply(R"({"stories":[)" + story("take a QR payment", "FR-1") + "," +
                   story("export sales", "FR-3") + "]}"));
  llm_->push(reply(R"({"stories":[)" + story("see the takings", "FR-4") + "]}"));
  int calls = llm_->calls();
  std::string id = str(start(stories_body(doc)), "id");
  auto g = wait_finished(id);
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  ASSERT_EQ(llm_->calls(), calls + 2);

  auto requests = llm_->requests();
  auto first = request_json(requests[requests.size() - 2]);
  const auto& format = first.at("response_format").as_object();
  EXPECT_EQ(str(format, "type"), "json_schema");
  EXPECT_EQ(str(format.at("json_schema"), "name"), "stories");
  EXPECT_TRUE(format.at("json_schema").at("strict").as_bool());
  std::string asked = user_turn(first, 1);  // after the system message
  auto list = asked.find("<requirements>");
  ASSERT_NE(list, std::string::npos) << asked;
  for (const char* id_text :
       {"- FR-1: Shop owners take a payment by QR code.",
        "- FR-3: Shop owners export sales as CSV.", "- FR-4: Shop owners see the day's takings."}) {
    EXPECT_NE(asked.find(id_text, list), std::string::npos) << id_text;
  }
  EXPECT_EQ(asked.find("- FR-2:", list), std::string::npos);

  auto second = request_json(requests.back());
  const auto& turns = second.at("messages").as_array();
  ASSERT_EQ(turns.size(), 4u);  // system, user, the first answer, the follow-up
  EXPECT_EQ(str(turns[2], "role"), "assistant");
  std::string follow(turns[3].at("content").as_string());
  EXPECT_NE(follow.find("- FR-4: Shop owners see the day's takings."), std::string::npos);
  EXPECT_EQ(follow.find("FR-1"), std::string::npos);

  const auto& result = g.at("result");
  ASSERT_EQ(result.at("stories").as_array().size(), 3u);
  const auto& coverage = result.at("coverage");
  EXPECT_EQ(coverage.at("functional_requirements").as_int64(), 4);
  EXPECT_EQ(coverage.at("covered_by_backlog").as_int64(), 1);
  EXPECT_EQ(coverage.at("covered_by_proposals").as_int64(), 3);
  EXPECT_TRUE(coverage.at("uncovered").as_array().empty()) << json::serialize(coverage);

  // Now every FR has a story once these are accepted; asking again is a 409.
  ASSERT_EQ(owner().post(generation_path(id, "/apply")).status, 200);
  expect_error(owner().post(generations_path(), stories_body(doc)), 409, "nothing_to_cover");
}

TEST_F(PromptsWireTest, AnthropicGivesStoriesThroughAForcedToolAndGapsStayVisible) {
  std::string doc = create_document("QuickPay", kPrd);
  // Both the answer and its follow-up leave FR-4 out.
  llm_->push(reply(R"({"stories":[)" + story("take a QR payment", "FR-1") + "," +
                   story("refund", "FR-2") + "," + story("export sales", "FR-3") + "]}"));
  llm_->push(reply(R"({"stories":[)" + story("export again", "FR-3") + "]}"));
  auto body = stories_body(doc);
  body["provider"] = "anthropic";
  auto g = wait_finished(str(start(body), "id"));
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  auto sent = request_json(llm_->requests().back());
  EXPECT_EQ(str(sent.at("tool_choice"), "name"), "stories");
  EXPECT_EQ(str(sent.at("tools").at(0), "name"), "stories");
  EXPECT_TRUE(sent.at("tools").at(0).at("input_schema").is_object());
  const auto& coverage = g.at("result").at("coverage");
  ASSERT_EQ(coverage.at("uncovered").as_array().size(), 1u) << json::serialize(coverage);
  EXPECT_EQ(str(coverage.at("uncovered").at(0), "id"), "FR-4");
  EXPECT_EQ(str(coverage.at("uncovered").at(0), "text"), "Shop owners see the day's takings.");
  EXPECT_EQ(g.at("result").at("stories").as_array().size(), 4u);
}

TEST_F(PromptsWireTest, CoverageRefusesWhatItCannotDoWithAClearError) {
  std::string plain = create_document("Notes", "## Notes\n\nNothing numbered.\n");
  auto none = owner().post(generations_path(), stories_body(plain));
  expect_error(none, 422, "validation_failed");
  EXPECT_NE(none.body.find("no numbered functional requirements"), std::string::npos) << none.body;

  std::string doc = create_document("QuickPay", kPrd);
  auto few = owner().post(generations_path(), stories_body(doc, {{"count", 2}}));
  expect_error(few, 422, "validation_failed");
  EXPECT_NE(few.body.find("4 functional requirements have no story yet"), std::string::npos)
      << few.body;
  auto wrong = owner().post(generations_path(), stories_body(doc, {{"coverage", "yes"}}));
  expect_error(wrong, 422, "validation_failed");
}

}  // namespace
}  // namespace prism::testing
