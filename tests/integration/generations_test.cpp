// Generations through the real binary: the checks that come before any
// provider is called (validation, roles, tenant isolation, budget), the
// history, usage and provider listing.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "documents_fixture.hpp"
#include "support/org_helpers.hpp"

namespace prism::testing {
namespace {

json::object prd_body() {
  return json::object{{"kind", "prd"},
                      {"input", json::object{{"product_name", "Acme"},
                                             {"description", "A tool for teams"},
                                             {"key_features", json::array{"search"}}}}};
}

class GenerationsTest : public DocumentsApiTest {
 protected:
  std::string generations_path() const { return "/api/v1/projects/" + project_ + "/generations"; }
  std::string usage_path() const { return "/api/v1/orgs/" + owner_.org_id + "/usage"; }
};

TEST_F(GenerationsTest, OverBudgetIs402BeforeAnyProviderIsCalled) {
  auto patched =
      owner().patch("/api/v1/orgs/" + owner_.org_id, json::object{{"monthly_budget_tokens", 0}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto r = owner().post(generations_path(), prd_body());
  expect_error(r, 402, "budget_exceeded");
  // Nothing was started, so nothing is in the history.
  auto history = owner().get(generations_path());
  ASSERT_EQ(history.status, 200);
  auto items = history.json();
  EXPECT_TRUE(items.at("items").as_array().empty());
}

TEST_F(GenerationsTest, ViewersCannotGenerateAndOtherOrganizationsGet404) {
  auto viewer = join_as("viewer");
  expect_error(viewer->post(generations_path(), prd_body()), 403);
  // A viewer still reads the history and the usage.
  EXPECT_EQ(viewer->get(generations_path()).status, 200);
  EXPECT_EQ(viewer->get(usage_path()).status, 200);

  auto stranger = client();
  register_user(*stranger, "gen-stranger", "Elsewhere");
  expect_error(stranger->post(generations_path(), prd_body()), 404);
  expect_error(stranger->get(generations_path()), 404);
  expect_error(stranger->get(usage_path()), 404);
  for (const char* suffix : {"", "/events"}) {
    expect_error(
        stranger->get(std::string("/api/v1/generations/0190aaaa-0000-7000-8000-000000000000") +
                      suffix),
        404);
  }
  expect_error(stranger->post("/api/v1/generations/0190aaaa-0000-7000-8000-000000000000/cancel"),
               404);
  expect_error(stranger->post("/api/v1/generations/0190aaaa-0000-7000-8000-000000000000/apply"),
               404);
}

TEST_F(GenerationsTest, RequestsAreValidatedPerKind) {
  auto r =
      owner().post(generations_path(), json::object{{"kind", "poem"}, {"input", json::object{}}});
  expect_error(r, 422, "validation_failed");
  EXPECT_TRUE(has_error_for(r, "kind"));
  r = owner().post(generations_path(),
                   json::object{{"kind", "prd"}, {"input", json::object{{"product_name", "A"}}}});
  expect_error(r, 422);
  EXPECT_TRUE(has_error_for(r, "input.description"));
  r = owner().post(
      generations_path(),
      json::object{{"kind", "stories"}, {"input", json::object{{"document_id", "missing"}}}});
  expect_error(r, 404);
  std::string doc = create_document("Spec", "## Goals\n\nShip.\n");
  r = owner().post(generations_path(), json::object{{"kind", "section"},
                                                    {"input", json::object{{"document_id", doc},
                                                                           {"section", "Nowhere"},
                                                                           {"instruction", "x"}}}});
  expect_error(r, 422);
  EXPECT_TRUE(has_error_for(r, "input.section"));
}

TEST_F(GenerationsTest, UsageReportsTheMonthAndTheBudget) {
  auto r = owner().get(usage_path());
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  const auto& u = body.as_object();
  EXPECT_EQ(u.at("totals").at("generations").as_int64(), 0);
  EXPECT_TRUE(u.at("by_day").as_array().empty());
  EXPECT_TRUE(u.at("budget").as_object().contains("month_tokens_used"));
  auto ranged = owner().get(usage_path() + "?from=2026-01-01&to=2026-01-31");
  ASSERT_EQ(ranged.status, 200);
  auto range = ranged.json();
  EXPECT_EQ(str(range, "from"), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(str(range, "to"), "2026-02-01T00:00:00.000Z");
  expect_error(owner().get(usage_path() + "?from=2026-02-30"), 422);
  expect_error(owner().get(usage_path() + "?from=2024-01-01&to=2026-01-01"), 422);
}

TEST_F(GenerationsTest, ProvidersAreListedToSignedInUsersOnly) {
  auto r = owner().get("/api/v1/ai/providers");
  ASSERT_EQ(r.status, 200) << r.body;
  auto providers = r.json();
  // Nothing but the built-in template provider is configured for this server.
  EXPECT_EQ(str(providers, "default"), "template");
  const auto& items = providers.at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << r.body;
  EXPECT_EQ(str(items[0], "name"), "template");
  EXPECT_FALSE(items[0].at("is_ai").as_bool());
  EXPECT_TRUE(items[0].at("default").as_bool());
  expect_error(client()->get("/api/v1/ai/providers"), 401);
}

}  // namespace
}  // namespace prism::testing

namespace prism::testing {
namespace {

// The offline template provider (the default): the whole flow through the API.
class TemplateGenerationTest : public GenerationsTest {
 protected:
  json::value wait_finished(const std::string& id) {
    for (int i = 0; i < 200; ++i) {
      auto r = owner().get("/api/v1/generations/" + id);
      auto g = r.json();
      std::string status = str(g, "status");
      if (status != "queued" && status != "running") return g;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ADD_FAILURE() << "generation " << id << " did not finish";
    return {};
  }
};

TEST_F(TemplateGenerationTest, PrdIsStreamedSavedAsADocumentAndThenCached) {
  auto started = owner().post(generations_path(), prd_body());
  ASSERT_EQ(started.status, 202) << started.body;
  auto s = started.json();
  std::string id = str(s, "id");
  EXPECT_FALSE(s.at("cached").as_bool());
  auto g = wait_finished(id);
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  EXPECT_EQ(str(g, "provider"), "template");
  std::string doc = str(g, "document_id");
  ASSERT_FALSE(doc.empty());
  auto d = owner().get("/api/v1/documents/" + doc);
  ASSERT_EQ(d.status, 200);
  EXPECT_EQ(str(d.json(), "content"), str(g, "output"));

  auto events = owner().get("/api/v1/generations/" + id + "/events");
  ASSERT_EQ(events.status, 200);
  EXPECT_NE(events.header("content-type").find("text/event-stream"), std::string::npos);
  EXPECT_EQ(events.body.rfind("id: 1\nevent: status\n", 0), 0u) << events.body;
  EXPECT_NE(events.body.find("event: delta\n"), std::string::npos);
  EXPECT_NE(events.body.find("event: done\ndata: {\"document_id\":\"" + doc), std::string::npos);
  auto resumed = owner().get("/api/v1/generations/" + id + "/events", {{"Last-Event-ID", "2"}});
  EXPECT_EQ(resumed.body.rfind("id: 3\n", 0), 0u) << resumed.body;
  EXPECT_EQ(events.body.substr(events.body.find("id: 3\n")), resumed.body);

  auto again = owner().post(generations_path(), prd_body());
  ASSERT_EQ(again.status, 202);
  auto a = again.json();
  EXPECT_TRUE(a.at("cached").as_bool());
  auto cached = wait_finished(str(a, "id"));
  EXPECT_EQ(cached.at("cost_usd").to_number<double>(), 0);
  EXPECT_EQ(cached.at("tokens_in").as_int64() + cached.at("tokens_out").as_int64(), 0);
  auto history = owner().get(generations_path());
  auto h = history.json();
  EXPECT_EQ(h.at("items").as_array().size(), 2u);
}

// Asked for more stories than the offline template can honestly make, it
// makes fewer and the generation's result says why.
TEST_F(TemplateGenerationTest, TooManyStoriesComeBackFewerWithANoteSayingWhy) {
  auto prd = owner().post(generations_path(), prd_body());
  ASSERT_EQ(prd.status, 202) << prd.body;
  auto g = wait_finished(str(prd.json(), "id"));
  std::string doc = str(g, "document_id");
  ASSERT_FALSE(doc.empty()) << json::serialize(g);
  auto started = owner().post(
      generations_path(),
      json::object{{"kind", "stories"}, {"input", json::object{{"document_id", doc}, {"count", 20}}}});
  ASSERT_EQ(started.status, 202) << started.body;
  auto stories = wait_finished(str(started.json(), "id"));
  ASSERT_EQ(str(stories, "status"), "succeeded") << json::serialize(stories);
  const auto& result = stories.at("result").as_object();
  EXPECT_LT(result.at("stories").as_array().size(), 20u);
  ASSERT_TRUE(result.contains("note")) << json::serialize(result);
  EXPECT_NE(std::string(result.at("note").as_string()).find("not the 20 asked for"),
            std::string::npos)
      << json::serialize(result);
}

}  // namespace
}  // namespace prism::testing
