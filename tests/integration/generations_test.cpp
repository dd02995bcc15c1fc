// Generations through the real binary: the checks that come before any
// provider is called (validation, roles, tenant isolation, budget), the
// history, usage and provider listing.
#include <gtest/gtest.h>

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
  EXPECT_TRUE(providers.at("items").is_array());
  expect_error(client()->get("/api/v1/ai/providers"), 401);
}

}  // namespace
}  // namespace prism::testing
