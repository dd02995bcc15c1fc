// The stories backlog through the real binary: CRUD, validation and protocol
// errors, filters and paging, the three export formats, roles and tenant
// isolation on every stories route.
#include <gtest/gtest.h>

#include <memory>

#include "stories_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_error;
using testing::has_error_for;
using testing::HttpClient;
using testing::StoriesTest;
using testing::str;
using testing::TestUser;

constexpr const char* kNoSuchId = "01900000-0000-7000-8000-000000000000";

TEST_F(StoriesTest, CreateReadUpdateDelete) {
  auto s = setup("ada");
  auto body = full_story();
  body["document_id"] = s.document;
  auto created = s.client->post(stories_of(s.project), body);
  ASSERT_EQ(created.status, 201) << created.body;
  auto story = created.json();
  std::string id = str(story, "id");
  EXPECT_EQ(created.header("location"), "/api/v1/stories/" + id);
  EXPECT_EQ(str(story, "project_id"), s.project);
  EXPECT_EQ(str(story, "org_id"), s.owner.org_id);
  EXPECT_EQ(str(story, "document_id"), s.document);
  EXPECT_TRUE(story.at("generation_id").is_null());
  EXPECT_EQ(str(story, "requirement_ref"), "FR-12");
  EXPECT_EQ(story.at("points"), 5);
  EXPECT_EQ(story.at("acceptance_criteria").as_array().size(), 2u);
  EXPECT_EQ(str(story, "created_by"), s.owner.user_id);
  EXPECT_TRUE(str(story, "created_at").ends_with("Z"));

  auto read = s.client->get("/api/v1/stories/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json(), story);

  auto patched = s.client->patch(
      "/api/v1/stories/" + id,
      json::object{{"status", "in_progress"}, {"points", nullptr}, {"document_id", nullptr}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(str(patched.json(), "status"), "in_progress");
  EXPECT_TRUE(patched.json().at("points").is_null());
  EXPECT_TRUE(patched.json().at("document_id").is_null());
  EXPECT_EQ(str(patched.json(), "title"), "Pay by card");

  auto audit = s.client->get("/api/v1/orgs/" + s.owner.org_id + "/audit");
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("story.created"), std::string::npos);
  EXPECT_NE(audit.body.find("story.status_changed"), std::string::npos);

  ASSERT_EQ(s.client->del("/api/v1/stories/" + id).status, 204);
  expect_error(s.client->get("/api/v1/stories/" + id), 404, "not_found");
  expect_error(s.client->patch("/api/v1/stories/" + id, json::object{{"title", "x"}}), 404);
  expect_error(s.client->del("/api/v1/stories/" + id), 404);
  EXPECT_TRUE(s.client->get(stories_of(s.project)).json().at("items").as_array().empty());
  EXPECT_NE(s.client->get("/api/v1/orgs/" + s.owner.org_id + "/audit").body.find("story.deleted"),
            std::string::npos);
}

TEST_F(StoriesTest, ValidationAndProtocolErrors) {
  auto s = setup("ada");
  auto& c = *s.client;
  std::string path = stories_of(s.project);
  auto many = c.post(path, json::object{{"title", ""},
                                        {"as_a", std::string(1001, 'a')},
                                        {"acceptance_criteria", json::array{"ok", ""}},
                                        {"points", 4},
                                        {"priority", "urgent"},
                                        {"status", "blocked"},
                                        {"requirement_ref", "FR12"},
                                        {"owner", "me"}});
  expect_error(many, 422, "validation_failed");
  for (const char* f : {"title", "as_a", "acceptance_criteria[1]", "points", "priority", "status",
                        "requirement_ref", "owner"}) {
    EXPECT_TRUE(has_error_for(many, f)) << f;
  }
  json::array thirty_one;
  for (int i = 0; i < 31; ++i) thirty_one.emplace_back("Given x When y Then z");
  auto too_many = c.post(path, json::object{{"title", "t"}, {"acceptance_criteria", thirty_one}});
  expect_error(too_many, 422);
  EXPECT_TRUE(has_error_for(too_many, "acceptance_criteria"));
  expect_error(c.post(path, json::object{{"title", std::string(201, 't')}}), 422);
  expect_error(c.post(path, json::object{{"as_a", "x"}}), 422);

  // A document of another project of the same organization is not linkable.
  std::string other = testing::create_project(c, s.owner.org_id, "Other", "OTH");
  auto od = c.post("/api/v1/projects/" + other + "/documents", json::object{{"title", "Other"}});
  auto wrong_doc =
      c.post(path, json::object{{"title", "t"}, {"document_id", str(od.json(), "id")}});
  expect_error(wrong_doc, 422);
  EXPECT_TRUE(has_error_for(wrong_doc, "document_id"));

  expect_error(c.raw("POST", path, "title=x", "application/x-www-form-urlencoded"), 415,
               "unsupported_media_type");
  expect_error(c.raw("POST", path, "{\"title\":", "application/json"), 400);

  std::string id = create(c, s.project, json::object{{"title", "Pay"}});
  std::string story = "/api/v1/stories/" + id;
  expect_error(c.patch(story, json::object{}), 422);
  auto bad_patch = c.patch(story, json::object{{"title", nullptr}, {"points", 7}, {"x", 1}});
  expect_error(bad_patch, 422);
  for (const char* f : {"title", "points", "x"}) EXPECT_TRUE(has_error_for(bad_patch, f)) << f;
  expect_error(c.patch(story, json::object{{"priority", "urgent"}}), 422);
  expect_error(c.raw("PATCH", story, "{}", "text/plain"), 415);
  expect_error(c.raw("PATCH", story, "[1,", "application/json"), 400);
  EXPECT_EQ(str(c.get(story).json(), "priority"), "medium") << "failed patches change nothing";

  expect_error(c.get(path + "?status=blocked"), 422);
  expect_error(c.get(path + "?priority=urgent"), 422);
  expect_error(c.get(path + "?limit=0"), 422);
  expect_error(c.get(path + "?cursor=not-a-cursor"), 422);
  expect_error(c.get(path + "?document_id=nope"), 422);
  expect_error(c.get(path + "/export?format=xlsx"), 422);
  expect_error(c.get("/api/v1/stories/" + std::string(kNoSuchId)), 404);
  expect_error(c.get(stories_of(kNoSuchId)), 404);
  expect_error(c.post(stories_of(kNoSuchId), json::object{{"title", "t"}}), 404);
  expect_error(c.get(stories_of(kNoSuchId) + "/export"), 404);

  auto anonymous = anonymous_client();
  expect_error(anonymous->get(path), 401, "unauthorized");
  expect_error(anonymous->post(path, json::object{{"title", "t"}}), 401);
  expect_error(anonymous->get(path + "/export"), 401);
  expect_error(anonymous->get(story), 401);
  expect_error(anonymous->patch(story, json::object{{"title", "t"}}), 401);
  expect_error(anonymous->del(story), 401);
}

TEST_F(StoriesTest, FiltersAndPaging) {
  auto s = setup("ada");
  auto& c = *s.client;
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i) {
    json::object body{{"title", "S" + std::to_string(i)},
                      {"status", i % 2 ? "done" : "todo"},
                      {"priority", i == 4 ? "high" : "low"}};
    if (i < 2) body["document_id"] = s.document;
    made.push_back(create(c, s.project, body));
  }
  std::vector<std::string> seen;
  std::string path = stories_of(s.project) + "?limit=2";
  for (int page = 0; page < 5; ++page) {
    auto r = c.get(path);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    EXPECT_LE(body.at("items").as_array().size(), 2u);
    for (const auto& item : body.at("items").as_array()) seen.push_back(str(item, "id"));
    if (body.at("next_cursor").is_null()) break;
    path = stories_of(s.project) + "?limit=2&cursor=" + str(body, "next_cursor");
  }
  EXPECT_EQ(seen, made);

  auto ids_of = [&](const std::string& query) {
    auto r = c.get(stories_of(s.project) + query);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> ids;
    auto body = r.json();
    for (const auto& item : body.at("items").as_array()) ids.push_back(str(item, "id"));
    return ids;
  };
  EXPECT_EQ(ids_of("?status=done"), (std::vector<std::string>{made[1], made[3]}));
  EXPECT_EQ(ids_of("?document_id=" + s.document), (std::vector<std::string>{made[0], made[1]}));
  EXPECT_EQ(ids_of("?status=todo&document_id=" + s.document), (std::vector<std::string>{made[0]}));
  EXPECT_EQ(ids_of("?priority=high"), (std::vector<std::string>{made[4]}));
  EXPECT_EQ(ids_of("?status=in_progress"), std::vector<std::string>{});
}

TEST_F(StoriesTest, ViewersReadMembersWrite) {
  auto s = setup("owner");
  auto [member, mc] = user("member");
  auto [viewer, vc] = user("viewer");
  testing::invite_and_accept(*s.client, *sink_, s.owner.org_id, member, *mc, "member");
  testing::invite_and_accept(*s.client, *sink_, s.owner.org_id, viewer, *vc, "viewer");
  std::string path = stories_of(s.project);
  std::string id = create(*s.client, s.project, full_story());
  std::string story = "/api/v1/stories/" + id;

  EXPECT_EQ(vc->get(path).status, 200);
  EXPECT_EQ(vc->get(story).status, 200);
  EXPECT_EQ(vc->get(path + "/export?format=json").status, 200);
  expect_error(vc->post(path, json::object{{"title", "V"}}), 403, "forbidden");
  expect_error(vc->patch(story, json::object{{"status", "done"}}), 403, "forbidden");
  expect_error(vc->del(story), 403, "forbidden");

  std::string mine = create(*mc, s.project, json::object{{"title", "M"}});
  EXPECT_EQ(mc->patch(story, json::object{{"status", "done"}}).status, 200);
  EXPECT_EQ(mc->del("/api/v1/stories/" + mine).status, 204);
  EXPECT_EQ(str(s.client->get(story).json(), "status"), "done");
}

TEST_F(StoriesTest, AnotherOrganizationSeesNothing) {
  auto a = setup("alice");
  auto [bob, bc] = user("bob");
  std::string id = create(*a.client, a.project, full_story());
  std::string path = stories_of(a.project);
  std::string story = "/api/v1/stories/" + id;
  expect_error(bc->get(path), 404, "not_found");
  expect_error(bc->post(path, json::object{{"title", "Injected"}}), 404);
  expect_error(bc->get(path + "/export"), 404);
  expect_error(bc->get(path + "/export?format=json"), 404);
  expect_error(bc->get(story), 404);
  expect_error(bc->patch(story, json::object{{"title", "Injected"}}), 404);
  expect_error(bc->del(story), 404);
  // B cannot link its story to A's document either.
  std::string b_project = testing::create_project(*bc, bob.org_id, "Mine", "MIN");
  expect_error(
      bc->post(stories_of(b_project), json::object{{"title", "t"}, {"document_id", a.document}}),
      422);

  auto unchanged = a.client->get(story);
  ASSERT_EQ(unchanged.status, 200);
  EXPECT_EQ(str(unchanged.json(), "title"), "Pay by card");
  EXPECT_EQ(a.client->get(path).json().at("items").as_array().size(), 1u);
}

}  // namespace
}  // namespace prism
