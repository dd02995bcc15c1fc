// Organizations, members, invitations and the audit log through the real
// binary: every route's success path and its error answers, role rules,
// tenant isolation and the invitation e-mail round trip.
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

class OrgsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sink_ = std::make_unique<testing::SmtpSink>();
    server_ = std::make_unique<testing::ServerProcess>(
        testing::EnvVars{{"SMTP_URL", sink_->url()}, {"PUBLIC_URL", testing::kTestPublicUrl}});
  }
  static void TearDownTestSuite() {
    server_.reset();
    sink_.reset();
  }

  std::unique_ptr<HttpClient> client() { return std::make_unique<HttpClient>(server_->base_url()); }
  // A user with their own organization, and a client signed in as them.
  std::pair<TestUser, std::unique_ptr<HttpClient>> user(const std::string& prefix) {
    auto c = client();
    auto u = testing::register_user(*c, prefix, prefix + " org");
    return {u, std::move(c)};
  }

  static std::unique_ptr<testing::SmtpSink> sink_;
  static std::unique_ptr<testing::ServerProcess> server_;
};
std::unique_ptr<testing::SmtpSink> OrgsTest::sink_;
std::unique_ptr<testing::ServerProcess> OrgsTest::server_;

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

  auto anonymous = client();
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
    for (const auto& item : r.json().at("items").as_array()) seen.push_back(str(item, "id"));
    if (r.json().at("next_cursor").is_null()) break;
    path = "/api/v1/orgs?limit=2&cursor=" + str(r.json(), "next_cursor");
  }
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0], ada.org_id);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_F(OrgsTest, InvitationIsMailedAndAcceptedAndTheInviteeSeesProjectsAsViewer) {
  auto [owner, oc] = user("owner");
  auto [eve, ec] = user("eve");
  auto [mallory, mc] = user("mallory");
  std::string project = testing::create_project(*oc, owner.org_id, "Website", "WEB");

  auto inv = oc->post("/api/v1/orgs/" + owner.org_id + "/invitations",
                      json::object{{"email", eve.email}, {"role", "viewer"}});
  ASSERT_EQ(inv.status, 201) << inv.body;
  EXPECT_EQ(str(inv.json(), "email"), eve.email);
  EXPECT_EQ(str(inv.json(), "role"), "viewer");
  EXPECT_EQ(str(inv.json(), "invited_by"), owner.user_id);
  EXPECT_FALSE(inv.json().as_object().contains("token"));
  std::string token = testing::invitation_token_for(*sink_, eve.email);
  ASSERT_GE(token.size(), 40u);
  auto mail = testing::wait_for_invitation(*sink_, eve.email);
  ASSERT_TRUE(mail);
  EXPECT_NE(mail->decoded_header("Subject").find("owner org"), std::string::npos);
  EXPECT_NE(mail->body().find("as viewer"), std::string::npos);

  auto pending = oc->get("/api/v1/orgs/" + owner.org_id + "/invitations");
  ASSERT_EQ(pending.status, 200);
  ASSERT_EQ(pending.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(str(pending.json().at("items").at(0), "id"), str(inv.json(), "id"));

  auto wrong_user = mc->post("/api/v1/invitations/" + token + "/accept");
  expect_error(wrong_user, 403, "forbidden");
  EXPECT_NE(str(wrong_user.json(), "detail").find("different e-mail"), std::string::npos);
  expect_error(ec->post("/api/v1/invitations/not-a-real-token/accept"), 404);

  auto accepted = ec->post("/api/v1/invitations/" + token + "/accept");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(str(accepted.json(), "org_id"), owner.org_id);
  EXPECT_EQ(str(accepted.json(), "org_name"), "owner org");
  EXPECT_EQ(str(accepted.json(), "role"), "viewer");
  expect_error(ec->post("/api/v1/invitations/" + token + "/accept"), 410, "gone");

  auto seen = ec->get("/api/v1/projects/" + project);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(str(seen.json(), "key"), "WEB");
  EXPECT_EQ(
      ec->get("/api/v1/orgs/" + owner.org_id + "/projects").json().at("items").as_array().size(),
      1u);
  expect_error(ec->patch("/api/v1/projects/" + project, json::object{{"name", "Mine"}}), 403);
  auto orgs = ec->get("/api/v1/orgs").json().at("items").as_array();
  EXPECT_EQ(orgs.size(), 2u);

  auto members = oc->get("/api/v1/orgs/" + owner.org_id + "/members").json().at("items").as_array();
  ASSERT_EQ(members.size(), 2u);
  bool found = false;
  for (const auto& m : members) {
    if (str(m, "user_id") != eve.user_id) continue;
    found = true;
    EXPECT_EQ(str(m, "email"), eve.email);
    EXPECT_EQ(str(m, "name"), "Test User");
    EXPECT_EQ(str(m, "role"), "viewer");
    EXPECT_TRUE(str(m, "joined_at").ends_with("Z"));
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(oc->get("/api/v1/orgs/" + owner.org_id + "/invitations")
                  .json()
                  .at("items")
                  .as_array()
                  .empty());
  auto audit = oc->get("/api/v1/orgs/" + owner.org_id + "/audit?limit=1");
  ASSERT_EQ(audit.status, 200);
  auto entry = audit.json().at("items").at(0);
  EXPECT_EQ(str(entry, "action"), "member.joined");
  EXPECT_EQ(str(entry, "actor_id"), eve.user_id);
  EXPECT_EQ(str(entry.at("details"), "role"), "viewer");
  EXPECT_FALSE(audit.json().at("next_cursor").is_null());
}

TEST_F(OrgsTest, InvitationConflictsWithdrawalAndRoleLimits) {
  auto [owner, oc] = user("owner");
  auto [admin, ac] = user("admin");
  auto [eve, ec] = user("eve");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, admin, *ac, "admin");
  std::string base = "/api/v1/orgs/" + owner.org_id + "/invitations";

  expect_error(ac->post(base, json::object{{"email", admin.email}, {"role", "member"}}), 409);
  expect_error(ac->post(base, json::object{{"email", "x@example.com"}, {"role", "owner"}}), 403);
  auto bad = ac->post(base, json::object{{"email", "nope"}, {"role", "chief"}});
  expect_error(bad, 422);
  EXPECT_TRUE(has_error_for(bad, "email"));
  EXPECT_TRUE(has_error_for(bad, "role"));
  expect_error(ac->raw("POST", base, "email=x", "application/x-www-form-urlencoded"), 415);
  expect_error(ac->raw("POST", base, "[", "application/json"), 400);

  auto inv = ac->post(base, json::object{{"email", eve.email}, {"role", "member"}});
  ASSERT_EQ(inv.status, 201) << inv.body;
  std::string token = testing::invitation_token_for(*sink_, eve.email);
  expect_error(ac->post(base, json::object{{"email", eve.email}, {"role", "admin"}}), 409);
  std::string id = str(inv.json(), "id");
  ASSERT_EQ(ac->del(base + "/" + id).status, 204);
  expect_error(ac->del(base + "/" + id), 404);
  expect_error(ec->post("/api/v1/invitations/" + token + "/accept"), 410);
  expect_error(ec->get("/api/v1/orgs/" + owner.org_id), 404);
}

TEST_F(OrgsTest, RolesGateMemberManagementAndTheLastOwnerStays) {
  auto [owner, oc] = user("owner");
  auto [admin, ac] = user("admin");
  auto [member, mc] = user("member");
  auto [viewer, vc] = user("viewer");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, admin, *ac, "admin");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, member, *mc, "member");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, viewer, *vc, "viewer");
  std::string org = "/api/v1/orgs/" + owner.org_id;
  auto role = [](const char* r) { return json::object{{"role", r}}; };

  // A member reads but manages nothing.
  EXPECT_EQ(mc->get(org + "/members").status, 200);
  expect_error(mc->patch(org + "/members/" + viewer.user_id, role("member")), 403, "forbidden");
  expect_error(mc->del(org + "/members/" + viewer.user_id), 403);
  expect_error(mc->get(org + "/invitations"), 403);
  expect_error(
      mc->post(org + "/invitations", json::object{{"email", "z@example.com"}, {"role", "viewer"}}),
      403);
  expect_error(mc->get(org + "/audit"), 403);
  expect_error(mc->patch(org, json::object{{"name", "Mine"}}), 403);

  // An admin manages roles below owner, renames, but cannot delete or touch owners.
  auto promoted = ac->patch(org + "/members/" + viewer.user_id, role("member"));
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(str(promoted.json(), "role"), "member");
  EXPECT_EQ(str(promoted.json(), "user_id"), viewer.user_id);
  expect_error(ac->patch(org + "/members/" + member.user_id, role("owner")), 403);
  expect_error(ac->patch(org + "/members/" + owner.user_id, role("admin")), 403);
  expect_error(ac->del(org + "/members/" + owner.user_id), 403);
  expect_error(ac->del(org), 403);
  EXPECT_EQ(ac->patch(org, json::object{{"name", "Renamed"}}).status, 200);
  auto invalid = ac->patch(org + "/members/" + viewer.user_id, role("superuser"));
  expect_error(invalid, 422);
  EXPECT_TRUE(has_error_for(invalid, "role"));
  expect_error(ac->patch(org + "/members/" + viewer.user_id, json::object{}), 422);
  expect_error(ac->raw("PATCH", org + "/members/" + viewer.user_id, "role=x", "text/plain"), 415);
  expect_error(ac->patch(org + "/members/01900000-0000-7000-8000-000000000000", role("member")),
               404);

  // The last owner can neither be demoted nor leave.
  auto demote = oc->patch(org + "/members/" + owner.user_id, role("admin"));
  expect_error(demote, 409, "conflict");
  EXPECT_NE(str(demote.json(), "detail").find("last owner"), std::string::npos);
  auto leave = oc->del(org + "/members/" + owner.user_id);
  expect_error(leave, 409);
  EXPECT_NE(str(leave.json(), "detail").find("last owner"), std::string::npos);
  ASSERT_EQ(oc->patch(org + "/members/" + admin.user_id, role("owner")).status, 200);
  EXPECT_EQ(oc->patch(org + "/members/" + owner.user_id, role("admin")).status, 200);

  // Removal and leaving take effect on the very next request.
  EXPECT_EQ(mc->get(org).status, 200);
  ASSERT_EQ(ac->del(org + "/members/" + member.user_id).status, 204);
  expect_error(mc->get(org), 404);
  expect_error(mc->get(org + "/projects"), 404);
  ASSERT_EQ(vc->del(org + "/members/" + viewer.user_id).status, 204);
  expect_error(vc->get(org + "/members"), 404);

  auto audit = ac->get(org + "/audit").json().at("items").as_array();
  ASSERT_GE(audit.size(), 3u);
  EXPECT_EQ(str(audit[0], "action"), "member.removed");
  EXPECT_EQ(str(audit[0], "target_id"), viewer.user_id);
  EXPECT_EQ(str(audit[1], "action"), "member.removed");
  EXPECT_EQ(str(audit[1], "actor_id"), admin.user_id);
  EXPECT_EQ(str(audit[2], "action"), "member.role_changed");
  EXPECT_EQ(str(audit[2], "target_type"), "user");
  EXPECT_FALSE(str(audit[2], "ip").empty());
  EXPECT_TRUE(str(audit[2], "created_at").ends_with("Z"));
}

// A user of another organization learns nothing: every route of org A answers 404.
TEST_F(OrgsTest, AnotherTenantGetsNotFoundOnEveryRoute) {
  auto [alice, ac] = user("alice");
  auto [bob, bc] = user("bob");
  auto [carol, cc] = user("carol");
  testing::invite_and_accept(*ac, *sink_, alice.org_id, carol, *cc, "member");
  auto inv = ac->post("/api/v1/orgs/" + alice.org_id + "/invitations",
                      json::object{{"email", "pending@example.com"}, {"role", "viewer"}});
  ASSERT_EQ(inv.status, 201);
  std::string invitation = str(inv.json(), "id");
  std::string project = testing::create_project(*ac, alice.org_id, "Secret", "SEC");
  std::string org = "/api/v1/orgs/" + alice.org_id;
  json::object name{{"name", "pwned"}};

  expect_error(bc->get(org), 404, "not_found");
  expect_error(bc->patch(org, name), 404);
  expect_error(bc->del(org), 404);
  expect_error(bc->get(org + "/members"), 404);
  expect_error(bc->patch(org + "/members/" + carol.user_id, json::object{{"role", "owner"}}), 404);
  expect_error(bc->del(org + "/members/" + carol.user_id), 404);
  expect_error(bc->get(org + "/invitations"), 404);
  expect_error(
      bc->post(org + "/invitations", json::object{{"email", bob.email}, {"role", "owner"}}), 404);
  expect_error(bc->del(org + "/invitations/" + invitation), 404);
  expect_error(bc->get(org + "/audit"), 404);
  expect_error(bc->get(org + "/projects"), 404);
  expect_error(bc->post(org + "/projects", json::object{{"name", "X"}, {"key", "XX"}}), 404);
  expect_error(bc->get("/api/v1/projects/" + project), 404);
  expect_error(bc->patch("/api/v1/projects/" + project, name), 404);
  expect_error(bc->del("/api/v1/projects/" + project), 404);
  // Bob's own invitation routes cannot reach Alice's invitation either.
  expect_error(bc->del("/api/v1/orgs/" + bob.org_id + "/invitations/" + invitation), 404);

  // Nothing changed for Alice.
  auto members = ac->get(org + "/members").json().at("items").as_array();
  EXPECT_EQ(members.size(), 2u);
  EXPECT_EQ(str(ac->get("/api/v1/projects/" + project).json(), "name"), "Secret");
  EXPECT_EQ(ac->get(org + "/invitations").json().at("items").as_array().size(), 1u);
  auto bobs_orgs = bc->get("/api/v1/orgs");  // named: a temporary would die before the loop
  for (const auto& o : bobs_orgs.json().at("items").as_array()) {
    EXPECT_NE(str(o, "id"), alice.org_id);
  }
}

}  // namespace
}  // namespace prism
