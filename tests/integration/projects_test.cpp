// Projects through the real binary: lifecycle, validation, role rules and
// tenant isolation.
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

class ProjectsTest : public testing::OrgApiTest {
 protected:
  std::string projects_of(const TestUser& u) { return "/api/v1/orgs/" + u.org_id + "/projects"; }
};

TEST_F(ProjectsTest, CreateListReadUpdateDelete) {
  auto [ada, c] = user("ada");
  auto created = c->post(
      projects_of(ada),
      json::object{{"name", "Checkout"}, {"key", "CHK"}, {"description", "The payment flow"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto p = created.json();
  std::string id = str(p, "id");
  EXPECT_EQ(created.header("location"), "/api/v1/projects/" + id);
  EXPECT_EQ(str(p, "org_id"), ada.org_id);
  EXPECT_EQ(str(p, "name"), "Checkout");
  EXPECT_EQ(str(p, "key"), "CHK");
  EXPECT_EQ(str(p, "description"), "The payment flow");
  EXPECT_EQ(str(p, "created_by"), ada.user_id);
  EXPECT_TRUE(str(p, "created_at").ends_with("Z"));

  auto read = c->get("/api/v1/projects/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json(), p);

  auto patched =
      c->patch("/api/v1/projects/" + id,
               json::object{{"name", "Checkout v2"}, {"key", "CHK2"}, {"description", nullptr}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(str(patched.json(), "name"), "Checkout v2");
  EXPECT_EQ(str(patched.json(), "key"), "CHK2");
  EXPECT_EQ(str(patched.json(), "description"), "");
  EXPECT_GE(str(patched.json(), "updated_at"), str(p, "updated_at"));

  ASSERT_EQ(c->del("/api/v1/projects/" + id).status, 204);
  expect_error(c->get("/api/v1/projects/" + id), 404, "not_found");
  expect_error(c->patch("/api/v1/projects/" + id, json::object{{"name", "x"}}), 404);
  expect_error(c->del("/api/v1/projects/" + id), 404);
  EXPECT_TRUE(c->get(projects_of(ada)).json().at("items").as_array().empty());
  // The key of a deleted project is free again.
  EXPECT_EQ(c->post(projects_of(ada), json::object{{"name", "Again"}, {"key", "CHK2"}}).status,
            201);
}

TEST_F(ProjectsTest, ListPagesInCreationOrder) {
  auto [ada, c] = user("ada");
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i) {
    made.push_back(
        testing::create_project(*c, ada.org_id, "P" + std::to_string(i), "P" + std::to_string(i)));
  }
  std::vector<std::string> seen;
  std::string path = projects_of(ada) + "?limit=2";
  for (int page = 0; page < 5; ++page) {
    auto r = c->get(path);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_LE(r.json().at("items").as_array().size(), 2u);
    auto body = r.json();  // kept alive: a range-for over a temporary's member dangles
    for (const auto& item : body.at("items").as_array()) seen.push_back(str(item, "id"));
    if (r.json().at("next_cursor").is_null()) break;
    path = projects_of(ada) + "?limit=2&cursor=" + str(r.json(), "next_cursor");
  }
  EXPECT_EQ(seen, made);
}

TEST_F(ProjectsTest, ValidationConflictsAndProtocolErrors) {
  auto [ada, c] = user("ada");
  testing::create_project(*c, ada.org_id, "Web", "WEB");
  auto dup = c->post(projects_of(ada), json::object{{"name", "Web 2"}, {"key", "WEB"}});
  expect_error(dup, 409, "conflict");
  EXPECT_NE(str(dup.json(), "detail").find("key"), std::string::npos);

  for (const char* key : {"web", "W", "TOOLONGKEY11", "WE-B", ""}) {
    auto r = c->post(projects_of(ada), json::object{{"name", "X"}, {"key", key}});
    expect_error(r, 422, "validation_failed");
    EXPECT_TRUE(has_error_for(r, "key")) << key;
  }
  auto many =
      c->post(projects_of(ada),
              json::object{{"name", ""}, {"description", std::string(5001, 'd')}, {"owner", "me"}});
  expect_error(many, 422);
  EXPECT_TRUE(has_error_for(many, "name"));
  EXPECT_TRUE(has_error_for(many, "key"));
  EXPECT_TRUE(has_error_for(many, "description"));
  EXPECT_TRUE(has_error_for(many, "owner"));
  expect_error(
      c->post(projects_of(ada), json::object{{"name", std::string(101, 'n')}, {"key", "NN"}}), 422);
  expect_error(c->post(projects_of(ada), json::object{{"name", 5}, {"key", "NN"}}), 422);
  expect_error(
      c->raw("POST", projects_of(ada), "name=x&key=XX", "application/x-www-form-urlencoded"), 415,
      "unsupported_media_type");
  expect_error(c->raw("POST", projects_of(ada), "{\"name\":\"x\"", "application/json"), 400);

  std::string other = testing::create_project(*c, ada.org_id, "Other", "OTH");
  expect_error(c->patch("/api/v1/projects/" + other, json::object{{"key", "WEB"}}), 409);
  auto bad_patch =
      c->patch("/api/v1/projects/" + other, json::object{{"name", nullptr}, {"key", "x"}});
  expect_error(bad_patch, 422);
  EXPECT_TRUE(has_error_for(bad_patch, "name"));
  EXPECT_TRUE(has_error_for(bad_patch, "key"));
  expect_error(c->raw("PATCH", "/api/v1/projects/" + other, "{}", "text/plain"), 415);
  expect_error(c->get("/api/v1/projects/01900000-0000-7000-8000-000000000000"), 404);

  auto anonymous = anonymous_client();
  expect_error(anonymous->get(projects_of(ada)), 401, "unauthorized");
  expect_error(anonymous->get("/api/v1/projects/" + other), 401);
  expect_error(anonymous->del("/api/v1/projects/" + other), 401);
}

TEST_F(ProjectsTest, ViewersAndMembersReadAdminsManage) {
  auto [owner, oc] = user("owner");
  auto [admin, ac] = user("admin");
  auto [member, mc] = user("member");
  auto [viewer, vc] = user("viewer");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, admin, *ac, "admin");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, member, *mc, "member");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, viewer, *vc, "viewer");
  std::string id = testing::create_project(*oc, owner.org_id, "Shared", "SHR");
  std::string path = "/api/v1/projects/" + id;

  EXPECT_EQ(vc->get(path).status, 200);
  EXPECT_EQ(vc->get(projects_of(owner)).status, 200);
  expect_error(vc->post(projects_of(owner), json::object{{"name", "V"}, {"key", "VV"}}), 403,
               "forbidden");
  expect_error(vc->patch(path, json::object{{"name", "V"}}), 403);
  expect_error(vc->del(path), 403);

  // The role matrix gives project management to admins (issue 11, finding 7).
  EXPECT_EQ(mc->get(path).status, 200);
  expect_error(mc->post(projects_of(owner), json::object{{"name", "M"}, {"key", "MM"}}), 403,
               "forbidden");
  expect_error(mc->patch(path, json::object{{"description", "edited by a member"}}), 403);
  expect_error(mc->del(path), 403);

  auto by_admin = ac->post(projects_of(owner), json::object{{"name", "A"}, {"key", "AA"}});
  ASSERT_EQ(by_admin.status, 201) << by_admin.body;
  EXPECT_EQ(str(by_admin.json(), "created_by"), admin.user_id);
  EXPECT_EQ(ac->patch(path, json::object{{"description", "edited by an admin"}}).status, 200);

  EXPECT_EQ(ac->del(path).status, 204);
  expect_error(vc->get(path), 404);

  auto audit =
      oc->get("/api/v1/orgs/" + owner.org_id + "/audit?limit=3").json().at("items").as_array();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(str(audit[0], "action"), "project.deleted");
  EXPECT_EQ(str(audit[0], "target_id"), id);
  EXPECT_EQ(str(audit[1], "action"), "project.updated");
  EXPECT_EQ(str(audit[2], "action"), "project.created");
}

TEST_F(ProjectsTest, AnotherTenantGetsNotFound) {
  auto [alice, ac] = user("alice");
  auto [bob, bc] = user("bob");
  std::string id = testing::create_project(*ac, alice.org_id, "Private", "PRV");
  expect_error(bc->get("/api/v1/projects/" + id), 404, "not_found");
  expect_error(bc->patch("/api/v1/projects/" + id, json::object{{"name", "x"}}), 404);
  expect_error(bc->del("/api/v1/projects/" + id), 404);
  expect_error(bc->get(projects_of(alice)), 404);
  expect_error(bc->post(projects_of(alice), json::object{{"name", "x"}, {"key", "XX"}}), 404);
  // Bob's own project with the same key is fine: keys are unique per organization.
  EXPECT_EQ(bc->post(projects_of(bob), json::object{{"name", "Mine"}, {"key", "PRV"}}).status, 201);
  EXPECT_EQ(str(ac->get("/api/v1/projects/" + id).json(), "name"), "Private");
}

}  // namespace
}  // namespace prism
