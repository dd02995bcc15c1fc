// Organizations through the real binary: create, list, read, update and
// delete, slugs, paging, and the protocol and validation errors.
#include <gtest/gtest.h>

#include <memory>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_error;
using testing::has_error_for;
using testing::HttpClient;
using testing::str;
using testing::TestUser;

class OrgsTest : public testing::OrgApiTest {};

TEST_F(OrgsTest, RegistrationOrganizationIsListedWithTheOwnerRole) {
  auto [ada, c] = user("ada");
  auto r = c->get("/api/v1/orgs");
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = r.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(str(items[0], "id"), ada.org_id);
  EXPECT_EQ(str(items[0], "role"), "owner");
  EXPECT_TRUE(r.json().at("next_cursor").is_null());
}

TEST_F(OrgsTest, CreateReadUpdateAndDelete) {
  auto [ada, c] = user("ada");
  auto created = c->post("/api/v1/orgs", json::object{{"name", "Umbrella Research"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto org = created.json();
  std::string id = str(org, "id");
  EXPECT_EQ(str(org, "name"), "Umbrella Research");
  EXPECT_TRUE(str(org, "slug").starts_with("umbrella-research")) << created.body;
  EXPECT_EQ(str(org, "role"), "owner");
  EXPECT_TRUE(org.at("monthly_budget_tokens").is_null());
  EXPECT_TRUE(str(org, "created_at").ends_with("Z"));
  EXPECT_EQ(created.header("location"), "/api/v1/orgs/" + id);

  auto read = c->get("/api/v1/orgs/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(str(read.json(), "slug"), str(org, "slug"));

  auto patched = c->patch("/api/v1/orgs/" + id, json::object{{"name", "Umbrella"},
                                                             {"monthly_budget_tokens", 250000},
                                                             {"monthly_budget_usd", 42.5}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(str(patched.json(), "name"), "Umbrella");
  EXPECT_EQ(patched.json().at("monthly_budget_tokens").as_int64(), 250000);
  EXPECT_DOUBLE_EQ(patched.json().at("monthly_budget_usd").to_number<double>(), 42.5);
  auto cleared = c->patch("/api/v1/orgs/" + id, json::object{{"monthly_budget_usd", nullptr}});
  EXPECT_TRUE(cleared.json().at("monthly_budget_usd").is_null());
  EXPECT_EQ(cleared.json().at("monthly_budget_tokens").as_int64(), 250000);

  std::string project = testing::create_project(*c, id, "Gone soon", "GONE");
  EXPECT_EQ(c->get("/api/v1/orgs").json().at("items").as_array().size(), 2u);
  ASSERT_EQ(c->del("/api/v1/orgs/" + id).status, 204);
  expect_error(c->get("/api/v1/orgs/" + id), 404, "not_found");
  expect_error(c->get("/api/v1/orgs/" + id + "/members"), 404);
  expect_error(c->get("/api/v1/orgs/" + id + "/projects"), 404);
  expect_error(c->get("/api/v1/projects/" + project), 404);
  expect_error(c->del("/api/v1/orgs/" + id), 404);
  EXPECT_EQ(c->get("/api/v1/orgs").json().at("items").as_array().size(), 1u);
}

TEST_F(OrgsTest, ExplicitSlugsAreCheckedAndUnique) {
  auto [ada, c] = user("ada");
  std::string slug = "acme-" + ada.user_id.substr(ada.user_id.size() - 8);
  auto first = c->post("/api/v1/orgs", json::object{{"name", "Acme"}, {"slug", slug}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(str(first.json(), "slug"), slug);
  auto taken = c->post("/api/v1/orgs", json::object{{"name", "Acme 2"}, {"slug", slug}});
  expect_error(taken, 409, "conflict");
  EXPECT_NE(str(taken.json(), "detail").find("slug"), std::string::npos);
  auto bad = c->post("/api/v1/orgs", json::object{{"name", "Acme"}, {"slug", "Not OK"}});
  expect_error(bad, 422, "validation_failed");
  EXPECT_TRUE(has_error_for(bad, "slug"));
}

TEST_F(OrgsTest, ProtocolAndValidationErrors) {
  auto [ada, c] = user("ada");
  expect_error(c->raw("POST", "/api/v1/orgs", "name=x", "text/plain"), 415,
               "unsupported_media_type");
  expect_error(c->raw("POST", "/api/v1/orgs", "{\"name\":", "application/json"), 400,
               "bad_request");
  auto invalid = c->post("/api/v1/orgs", json::object{{"name", std::string(101, 'n')}, {"x", 1}});
  expect_error(invalid, 422, "validation_failed");
  EXPECT_TRUE(has_error_for(invalid, "name"));
  EXPECT_TRUE(has_error_for(invalid, "x"));
  auto blank = c->post("/api/v1/orgs", json::object{{"name", "   "}});
  EXPECT_TRUE(has_error_for(blank, "name"));
  auto budget = c->patch("/api/v1/orgs/" + ada.org_id,
                         json::object{{"monthly_budget_tokens", -5}, {"monthly_budget_usd", "1"}});
  expect_error(budget, 422);
  EXPECT_TRUE(has_error_for(budget, "monthly_budget_tokens"));
  EXPECT_TRUE(has_error_for(budget, "monthly_budget_usd"));
  expect_error(c->raw("PATCH", "/api/v1/orgs/" + ada.org_id, "{}", "text/plain"), 415);
  expect_error(c->get("/api/v1/orgs?limit=500"), 422);
  expect_error(c->get("/api/v1/orgs?cursor=bogus"), 422);
  expect_error(c->get("/api/v1/orgs/01900000-0000-7000-8000-000000000000"), 404);
  expect_error(c->get("/api/v1/orgs/not-an-id"), 404);

  auto anonymous = anonymous_client();
  expect_error(anonymous->get("/api/v1/orgs"), 401, "unauthorized");
  expect_error(anonymous->post("/api/v1/orgs", json::object{{"name", "X"}}), 401);
  expect_error(anonymous->get("/api/v1/orgs/" + ada.org_id + "/members"), 401);
  expect_error(anonymous->post("/api/v1/invitations/abc/accept"), 401);
}

TEST_F(OrgsTest, ListsPageWithCursors) {
  auto [ada, c] = user("ada");
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(c->post("/api/v1/orgs", json::object{{"name", "Paged " + std::to_string(i)}}).status,
              201);
  }
  std::vector<std::string> seen;
  std::string path = "/api/v1/orgs?limit=2";
  for (int page = 0; page < 5; ++page) {
    auto r = c->get(path);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();  // kept alive: a range-for over a temporary's member dangles
    for (const auto& item : body.at("items").as_array()) seen.push_back(str(item, "id"));
    if (r.json().at("next_cursor").is_null()) break;
    path = "/api/v1/orgs?limit=2&cursor=" + str(r.json(), "next_cursor");
  }
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0], ada.org_id);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

}  // namespace
}  // namespace prism
