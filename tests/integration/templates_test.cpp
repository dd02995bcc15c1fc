// PRD templates through the real binary: built-ins and organization
// templates, validation, conflicts, roles, tenant isolation, and documents
// made from a template.
#include <gtest/gtest.h>

#include <memory>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_error;
using testing::has_error_for;
using testing::str;
using testing::TestUser;

json::object sample(const std::string& name) {
  return json::object{
      {"name", name},
      {"description", "Our house style"},
      {"sections",
       json::array{json::object{{"title", "Why"}, {"guidance", "The reason"}},
                   json::object{{"title", "Functional Requirements"}, {"required", true}},
                   json::object{{"title", "Notes"}, {"required", false}}}}};
}

// If-Match naming the version a change was made to.
testing::Headers at(std::int64_t version) {
  return {{"If-Match", "\"" + std::to_string(version) + "\""}};
}

class TemplatesTest : public testing::OrgApiTest {
 protected:
  static std::string templates_of(const TestUser& u) {
    return "/api/v1/orgs/" + u.org_id + "/templates";
  }
};

TEST_F(TemplatesTest, BuiltinsComeFirstThenTheOrganizations) {
  auto [ada, c] = user("ada");
  auto list = c->get(templates_of(ada));
  ASSERT_EQ(list.status, 200) << list.body;
  auto items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(str(items[0], "name"), "comprehensive");
  EXPECT_EQ(str(items[1], "name"), "lean");
  EXPECT_EQ(str(items[2], "name"), "technical");
  EXPECT_EQ(str(items[3], "name"), "agile");
  EXPECT_TRUE(items[0].at("builtin").as_bool());
  EXPECT_TRUE(items[0].at("org_id").is_null());
  auto sections = items[0].at("sections").as_array();
  ASSERT_EQ(sections.size(), 11u);
  EXPECT_EQ(str(sections[0], "title"), "Executive Summary");
  EXPECT_EQ(str(sections[10], "title"), "Open Questions");
  EXPECT_FALSE(str(sections[0], "guidance").empty());

  auto lean = c->get("/api/v1/templates/lean");
  ASSERT_EQ(lean.status, 200);
  EXPECT_EQ(str(lean.json(), "label"), "Lean");
  expect_error(c->patch("/api/v1/templates/lean", json::object{{"name", "x"}}, at(1)), 403,
               "forbidden");
  expect_error(c->del("/api/v1/templates/lean"), 403);
}

TEST_F(TemplatesTest, CreateReadUpdateDelete) {
  auto [ada, c] = user("ada");
  auto created = c->post(templates_of(ada), sample("House"));
  ASSERT_EQ(created.status, 201) << created.body;
  auto t = created.json();
  std::string id = str(t, "id");
  EXPECT_EQ(created.header("location"), "/api/v1/templates/" + id);
  EXPECT_EQ(str(t, "name"), "House");
  EXPECT_EQ(str(t, "org_id"), ada.org_id);
  EXPECT_EQ(t.at("version").as_int64(), 1);
  EXPECT_FALSE(t.at("builtin").as_bool());
  auto sections = t.at("sections").as_array();
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(str(sections[0], "guidance"), "The reason");
  EXPECT_TRUE(sections[0].at("required").as_bool());  // the default
  EXPECT_FALSE(sections[2].at("required").as_bool());

  EXPECT_EQ(c->get("/api/v1/templates/" + id).json(), t);
  auto list = c->get(templates_of(ada)).json().at("items").as_array();
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(str(list[4], "id"), id);

  auto patched = c->patch("/api/v1/templates/" + id,
                          json::object{{"name", "House v2"},
                                       {"sections", json::array{json::object{{"title", "Only"}}}}},
                          at(1));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("version").as_int64(), 2);
  EXPECT_EQ(str(patched.json(), "name"), "House v2");
  EXPECT_EQ(patched.json().at("sections").as_array().size(), 1u);
  // A PATCH that changes nothing keeps the version.
  auto same = c->patch("/api/v1/templates/" + id, json::object{{"name", "House v2"}}, at(2));
  EXPECT_EQ(same.json().at("version").as_int64(), 2);

  ASSERT_EQ(c->del("/api/v1/templates/" + id).status, 204);
  expect_error(c->get("/api/v1/templates/" + id), 404, "not_found");
  expect_error(c->del("/api/v1/templates/" + id), 404);
  // The name is free again.
  EXPECT_EQ(c->post(templates_of(ada), sample("House v2")).status, 201);
}

TEST_F(TemplatesTest, ValidationAndConflicts) {
  auto [ada, c] = user("ada");
  ASSERT_EQ(c->post(templates_of(ada), sample("House")).status, 201);
  expect_error(c->post(templates_of(ada), sample("House")), 409, "conflict");
  expect_error(c->post(templates_of(ada), sample("lean")), 409);

  auto no_sections = c->post(templates_of(ada), json::object{{"name", "A"}});
  expect_error(no_sections, 422, "validation_failed");
  EXPECT_TRUE(has_error_for(no_sections, "sections"));
  auto empty = c->post(templates_of(ada), json::object{{"name", "A"}, {"sections", json::array{}}});
  EXPECT_TRUE(has_error_for(empty, "sections"));
  auto bad =
      c->post(templates_of(ada),
              json::object{{"name", "  "},
                           {"colour", "red"},
                           {"sections", json::array{json::object{{"title", "X"}},
                                                    json::object{{"title", "X"}, {"weight", 1}},
                                                    json::object{{"guidance", "no title"}}, 7}}});
  expect_error(bad, 422);
  for (const char* field : {"name", "colour", "sections[1].title", "sections[1].weight",
                            "sections[2].title", "sections[3]"}) {
    EXPECT_TRUE(has_error_for(bad, field)) << field << ": " << bad.body;
  }
  auto made = c->post(templates_of(ada), sample("Other")).json();
  expect_error(
      c->patch("/api/v1/templates/" + str(made, "id"), json::object{{"name", "House"}}, at(1)),
      409);
  auto null_name =
      c->patch("/api/v1/templates/" + str(made, "id"), json::object{{"name", nullptr}}, at(1));
  expect_error(null_name, 422);
  EXPECT_TRUE(has_error_for(null_name, "name"));
}

TEST_F(TemplatesTest, MembersReadAdminsWrite) {
  auto [owner, oc] = user("owner");
  auto [admin, ac] = user("admin");
  auto [viewer, vc] = user("viewer");
  auto [member, mc] = user("member");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, admin, *ac, "admin");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, viewer, *vc, "viewer");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, member, *mc, "member");

  auto made = ac->post(templates_of(owner), sample("By admin"));
  ASSERT_EQ(made.status, 201) << made.body;
  std::string path = "/api/v1/templates/" + str(made.json(), "id");
  for (auto* c : {vc.get(), mc.get()}) {
    EXPECT_EQ(c->get(templates_of(owner)).json().at("items").as_array().size(), 5u);
    EXPECT_EQ(c->get(path).status, 200);
    expect_error(c->post(templates_of(owner), sample("Nope")), 403, "forbidden");
    expect_error(c->patch(path, json::object{{"name", "Nope"}}, at(1)), 403);
    expect_error(c->del(path), 403);
  }
  EXPECT_EQ(ac->patch(path, json::object{{"description", nullptr}}, at(1)).status, 200);
  EXPECT_EQ(str(ac->get(path).json(), "description"), "");
  EXPECT_EQ(ac->del(path).status, 204);
}

TEST_F(TemplatesTest, AnotherTenantGetsNotFound) {
  auto [ada, c] = user("ada");
  auto [eve, e] = user("eve");
  std::string id = str(c->post(templates_of(ada), sample("Secret")).json(), "id");
  expect_error(e->get("/api/v1/templates/" + id), 404, "not_found");
  expect_error(e->patch("/api/v1/templates/" + id, json::object{{"name", "Mine"}}, at(1)), 404);
  expect_error(e->del("/api/v1/templates/" + id), 404);
  expect_error(e->get(templates_of(ada)), 404);
  expect_error(e->post(templates_of(ada), sample("Mine")), 404);
  // Eve's own organization does not see it, and may use the same name.
  EXPECT_EQ(e->get(templates_of(eve)).json().at("items").as_array().size(), 4u);
  EXPECT_EQ(e->post(templates_of(eve), sample("Secret")).status, 201);
  expect_error(e->get("/api/v1/templates/no-such-id"), 404);

  auto anon = anonymous_client();
  expect_error(anon->get(templates_of(ada)), 401);
  expect_error(anon->get("/api/v1/templates/" + id), 401);
  expect_error(anon->post(templates_of(ada), sample("X")), 401);
}

TEST_F(TemplatesTest, DocumentsStartFromBuiltinAndOrganizationTemplates) {
  auto [ada, c] = user("ada");
  std::string project = testing::create_project(*c, ada.org_id, "Shop", "SHOP");
  std::string docs = "/api/v1/projects/" + project + "/documents";
  auto made = c->post(templates_of(ada), sample("House")).json();

  auto from_org = c->post(docs, json::object{{"title", "A"}, {"template", "House"}});
  ASSERT_EQ(from_org.status, 201) << from_org.body;
  std::string content = str(from_org.json(), "content");
  EXPECT_NE(content.find("## Why\n\n> The reason"), std::string::npos) << content;
  EXPECT_NE(content.find("## Notes"), std::string::npos);

  auto by_id = c->post(docs, json::object{{"title", "B"}, {"template", str(made, "id")}});
  ASSERT_EQ(by_id.status, 201) << by_id.body;
  EXPECT_EQ(str(by_id.json(), "content"), content);

  auto lean = c->post(docs, json::object{{"title", "C"}, {"template", "lean"}});
  ASSERT_EQ(lean.status, 201);
  EXPECT_TRUE(str(lean.json(), "content").starts_with("## Problem\n"));

  auto unknown = c->post(docs, json::object{{"title", "D"}, {"template", "nope"}});
  expect_error(unknown, 422);
  EXPECT_TRUE(has_error_for(unknown, "template"));
  // Another organization's template is unknown here.
  auto [eve, e] = user("eve");
  std::string eve_project = testing::create_project(*e, eve.org_id, "Eve", "EVE");
  expect_error(e->post("/api/v1/projects/" + eve_project + "/documents",
                       json::object{{"title", "E"}, {"template", str(made, "id")}}),
               422);
}

TEST_F(TemplatesTest, ChangesNameTheVersionTheyEditedAndAStaleOneIsRefused) {
  auto [ada, c] = user("ada");
  std::string path =
      "/api/v1/templates/" + str(c->post(templates_of(ada), sample("House")).json(), "id");
  auto read = c->get(path);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.header("etag"), "\"1\"");

  // Without If-Match nothing is changed: 428.
  expect_error(c->patch(path, json::object{{"name", "Blind"}}), 428, "precondition_required");
  // Two admins edit version 1: the first wins, the second hears of it.
  auto first = c->patch(path, json::object{{"description", "First"}}, at(1));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("etag"), "\"2\"");
  auto second = c->patch(path, json::object{{"description", "Second"}}, at(1));
  expect_error(second, 412, "version_conflict");
  EXPECT_NE(second.body.find("version 2"), std::string::npos) << second.body;
  // A stale If-Match is refused even when the change would be a no-op.
  expect_error(c->patch(path, json::object{{"description", "First"}}, at(1)), 412);
  // A weak tag never matches; a malformed one is a bad request.
  expect_error(c->patch(path, json::object{{"description", "Weak"}}, {{"If-Match", "W/\"2\""}}),
               412);
  expect_error(c->patch(path, json::object{{"description", "Bad"}}, {{"If-Match", "two"}}), 400);
  auto now = c->get(path);
  EXPECT_EQ(str(now.json(), "description"), "First") << "the stale write changed the template";
  EXPECT_EQ(now.json().at("version").as_int64(), 2);
  EXPECT_EQ(c->patch(path, json::object{{"description", "Second"}}, at(2)).status, 200);
}

}  // namespace
}  // namespace prism
