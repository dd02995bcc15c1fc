// Roles and tenants on every generation route, with generations that exist:
// a viewer reads but cannot start, cancel or apply (403); another
// organization's user gets 404 everywhere and changes nothing.
#include "llm_fixture.hpp"

namespace prism::testing {
namespace {

class GenerationRolesTest : public LlmGenerationsTest {};

TEST_F(GenerationRolesTest, ViewersReadButCannotGenerateCancelOrApplyAndStrangersSeeNothing) {
  std::string doc = create_document("Spec", "## Goals\n\nShip.\n");
  FakeReply proposal;
  proposal.text = "Ship by June.";
  llm_->push(proposal);
  std::string section_id =
      str(start(json::object{{"kind", "section"},
                             {"input", json::object{{"document_id", doc},
                                                    {"section", "Goals"},
                                                    {"instruction", "Add a date"}}}}),
          "id");
  ASSERT_EQ(str(wait_finished(section_id), "status"), "succeeded");
  FakeReply stalled;
  stalled.stall = true;
  llm_->push(stalled);
  int closes = llm_->client_closes();
  std::string running_id = str(start(prd_body("Stalled")), "id");

  auto viewer = join_as("viewer");
  expect_error(viewer->post(generations_path(), prd_body("Viewer")), 403);
  auto section_body = json::object{
      {"kind", "section"},
      {"input", json::object{{"document_id", doc}, {"section", "Goals"}, {"instruction", "x"}}}};
  expect_error(viewer->post(generations_path(), section_body), 403);
  expect_error(viewer->post(generation_path(running_id, "/cancel")), 403);
  expect_error(viewer->post(generation_path(section_id, "/apply")), 403);
  EXPECT_EQ(viewer->get(generation_path(section_id)).status, 200);
  EXPECT_EQ(viewer->get(generations_path()).status, 200);
  SseClient viewer_events(server_->port(), generation_path(section_id, "/events"),
                          viewer->bearer());
  EXPECT_EQ(viewer_events.status(), 200);
  EXPECT_EQ(viewer_events.read_to_end().back().event, "done");

  auto stranger = client();
  register_user(*stranger, "gen-stranger", "Elsewhere");
  for (const std::string& id : {section_id, running_id}) {
    expect_error(stranger->get(generation_path(id)), 404);
    expect_error(stranger->post(generation_path(id, "/cancel")), 404);
    expect_error(stranger->post(generation_path(id, "/apply")), 404);
    SseClient stranger_events(server_->port(), generation_path(id, "/events"), stranger->bearer());
    EXPECT_EQ(stranger_events.status(), 404) << stranger_events.error_body();
  }
  expect_error(stranger->get(generations_path()), 404);
  expect_error(stranger->post(generations_path(), prd_body("Stranger")), 404);

  // Nothing the viewer or the stranger did had an effect.
  auto running = owner().get(generation_path(running_id));
  EXPECT_EQ(str(running.json(), "status"), "running");
  EXPECT_TRUE(owner().get(generation_path(section_id)).json().at("applied_at").is_null());
  EXPECT_EQ(owner().get("/api/v1/documents/" + doc).header("etag"), "\"1\"");
  auto history = owner().get(generations_path());
  EXPECT_EQ(history.json().at("items").as_array().size(), 2u);

  // The owner can cancel; the stalled upstream call is closed.
  auto cancelled = owner().post(generation_path(running_id, "/cancel"));
  EXPECT_EQ(str(cancelled.json(), "status"), "cancelled");
  EXPECT_TRUE(llm_->wait_for_client_closes(closes + 1, std::chrono::seconds(3)));
}

TEST_F(GenerationRolesTest, ProvidersListWhatTheServerWasConfiguredWith) {
  auto viewer = join_as("viewer");
  auto r = viewer->get("/api/v1/ai/providers");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  EXPECT_EQ(str(body, "default"), "openai");
  std::vector<std::string> names;
  for (const auto& p : body.at("items").as_array()) {
    names.push_back(str(p, "name"));
    EXPECT_EQ(p.at("default").as_bool(), str(p, "name") == "openai");
    if (str(p, "name") == "openai") {
      EXPECT_EQ(str(p, "default_model"), "gpt-4o-mini");
    } else if (str(p, "name") == "anthropic") {
      EXPECT_EQ(str(p, "default_model"), "claude-sonnet-4-5");
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"anthropic", "openai", "template"}));
  EXPECT_EQ(r.body.find("127.0.0.1"), std::string::npos) << "base URLs stay on the server";
  EXPECT_EQ(r.body.find("sk-"), std::string::npos) << "keys stay on the server";
}

}  // namespace
}  // namespace prism::testing
