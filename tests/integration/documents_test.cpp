// Documents over HTTP: create, read, optimistic editing, validation answers,
// roles and tenant isolation for every documents route.
#include "documents_fixture.hpp"

namespace prism::testing {
namespace {

TEST_F(DocumentsApiTest, CreateReadAndEditWithOptimisticConcurrency) {
  auto created = owner().post(documents_path(), json::object{{"title", " Checkout PRD "},
                                                             {"content", "## Goals\n\nFast.\n"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto doc = created.json().as_object();
  std::string id(doc.at("id").as_string());
  EXPECT_EQ(created.header("etag"), "\"1\"");
  EXPECT_EQ(created.header("location"), "/api/v1/documents/" + id);
  EXPECT_EQ(doc.at("title"), "Checkout PRD");
  EXPECT_EQ(doc.at("status"), "draft");
  EXPECT_EQ(doc.at("version"), 1);
  EXPECT_EQ(doc.at("project_id").as_string(), project_);
  EXPECT_EQ(doc.at("sections").as_array().at(0).at("slug"), "goals");

  std::string path = "/api/v1/documents/" + id;
  auto got = owner().get(path);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.header("etag"), "\"1\"");
  EXPECT_EQ(got.json().at("content"), "## Goals\n\nFast.\n");
  EXPECT_EQ(owner().get(path, {{"If-None-Match", "\"1\""}}).status, 304);

  auto edited = owner().patch(path, json::object{{"content", "## Goals\n\nFaster.\n"}},
                              {{"If-Match", "\"1\""}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.header("etag"), "\"2\"");
  EXPECT_EQ(edited.json().at("version"), 2);

  // Someone who still holds version 1 must not overwrite version 2.
  auto stale =
      owner().patch(path, json::object{{"content", "lost update"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(stale.header("content-type"), "application/problem+json");
  EXPECT_EQ(code_of(stale), "version_conflict");
  auto missing = owner().patch(path, json::object{{"content", "x"}});
  EXPECT_EQ(missing.status, 428);
  EXPECT_EQ(code_of(missing), "precondition_required");
  EXPECT_EQ(owner().patch(path, json::object{{"title", "x"}}, {{"If-Match", "v2"}}).status, 400);
  EXPECT_EQ(owner().get(path).json().at("content"), "## Goals\n\nFaster.\n");

  auto versions = owner().get(path + "/versions");
  ASSERT_EQ(versions.status, 200);
  auto items = versions.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("version"), 2);
  EXPECT_EQ(items[0].at("author").as_string(), owner_.user_id);
  EXPECT_EQ(items[0].at("source"), "human");
  EXPECT_EQ(items[0].at("summary"), "Edited Goals");
  EXPECT_TRUE(items[0].at("generation_id").is_null());
  EXPECT_TRUE(versions.json().at("next_cursor").is_null());
  auto v1 = owner().get(path + "/versions/1");
  ASSERT_EQ(v1.status, 200);
  EXPECT_EQ(v1.json().at("content"), "## Goals\n\nFast.\n");
  EXPECT_EQ(owner().get(path + "/versions/3").status, 404);
  EXPECT_EQ(owner().get(path + "/versions/abc").status, 404);

  auto page = owner().get(path + "/versions?limit=1");
  ASSERT_EQ(page.json().at("items").as_array().size(), 1u);
  std::string cursor(page.json().at("next_cursor").as_string());
  auto rest = owner().get(path + "/versions?limit=1&cursor=" + cursor);
  EXPECT_EQ(rest.json().at("items").as_array().at(0).at("version"), 1);
  EXPECT_TRUE(rest.json().at("next_cursor").is_null());
}

TEST_F(DocumentsApiTest, MalformedRequestsGetPreciseAnswers) {
  auto text = owner().raw("POST", documents_path(), "title=x", "text/plain");
  EXPECT_EQ(text.status, 415) << text.body;
  EXPECT_EQ(owner().raw("POST", documents_path(), "{\"title\":", "application/json").status, 400);
  auto unknown = owner().post(documents_path(), json::object{{"title", "T"}, {"owner", "me"}});
  ASSERT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json().at("errors").as_array().at(0).at("field"), "owner");
  EXPECT_EQ(owner().post(documents_path(), json::object{{"content", "x"}}).status, 422);
  EXPECT_EQ(owner().post(documents_path(), json::object{{"title", "   "}}).status, 422);
  EXPECT_EQ(owner().post(documents_path(), json::object{{"title", 5}}).status, 422);
  EXPECT_EQ(
      owner().post(documents_path(), json::object{{"title", "T"}, {"content", nullptr}}).status,
      422);
  EXPECT_EQ(
      owner().post(documents_path(), json::object{{"title", "T"}, {"template", "nope"}}).status,
      422);

  std::string id = create_document("Doc", "x\n");
  std::string path = "/api/v1/documents/" + id;
  EXPECT_EQ(owner().patch(path, json::object{}, {{"If-Match", "\"1\""}}).status, 422);
  EXPECT_EQ(owner().patch(path, json::object{{"title", nullptr}}, {{"If-Match", "\"1\""}}).status,
            422);
  auto bad_status = owner().patch(path, json::object{{"status", "done"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(bad_status.status, 422);
  EXPECT_EQ(bad_status.json().at("errors").as_array().at(0).at("field"), "status");
  EXPECT_EQ(owner().raw("PATCH", path, "{}", "text/plain", {{"If-Match", "\"1\""}}).status, 415);
  EXPECT_EQ(owner().get("/api/v1/documents/01890000-0000-7000-8000-000000000000").status, 404);

  HttpClient anonymous(server_->base_url());
  EXPECT_EQ(anonymous.get(path).status, 401);
  EXPECT_EQ(anonymous.post(documents_path(), json::object{{"title", "T"}}).status, 401);
}

TEST_F(DocumentsApiTest, DocumentsAreCappedAtOneMebibyte) {
  std::string exact(1024 * 1024, 'a');
  auto ok = owner().post(documents_path(), json::object{{"title", "Big"}, {"content", exact}});
  ASSERT_EQ(ok.status, 201) << ok.body.substr(0, 300);
  auto big =
      owner().post(documents_path(), json::object{{"title", "Big"}, {"content", exact + "b"}});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(code_of(big), "document_too_large");
  std::string id(ok.json().at("id").as_string());
  auto grow = owner().patch("/api/v1/documents/" + id, json::object{{"content", exact + "b"}},
                            {{"If-Match", "\"1\""}});
  EXPECT_EQ(grow.status, 413);
}

TEST_F(DocumentsApiTest, StatusFollowsTheWorkflow) {
  std::string path = "/api/v1/documents/" + create_document("Doc", "x\n");
  auto skip = owner().patch(path, json::object{{"status", "approved"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(code_of(skip), "invalid_status_transition");
  // Approval comes from reviews unless the organization needs none.
  ASSERT_EQ(
      owner().patch(path, json::object{{"status", "in_review"}}, {{"If-Match", "\"1\""}}).status,
      200);
  auto unreviewed =
      owner().patch(path, json::object{{"status", "approved"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(unreviewed.status, 409);
  EXPECT_EQ(code_of(unreviewed), "approval_required");
  ASSERT_EQ(owner()
                .patch("/api/v1/orgs/" + owner_.org_id, json::object{{"required_approvals", 0}})
                .status,
            200);
  for (const char* next : {"in_review", "approved", "archived", "draft"}) {
    auto r = owner().patch(path, json::object{{"status", next}}, {{"If-Match", "\"1\""}});
    ASSERT_EQ(r.status, 200) << next << ": " << r.body;
    EXPECT_EQ(r.json().at("status"), next);
    EXPECT_EQ(r.header("etag"), "\"1\"");  // a status is not a new version
  }
  auto audit = owner().get("/api/v1/orgs/" + owner_.org_id + "/audit");
  ASSERT_EQ(audit.status, 200) << audit.body;
  int changes = 0;
  auto audit_body = audit.json();
  for (const auto& e : audit_body.at("items").as_array()) {
    if (e.at("action") == "document.status_changed") ++changes;
  }
  EXPECT_EQ(changes, 4);
}

TEST_F(DocumentsApiTest, ViewerReadsButCannotWriteAndMemberCan) {
  std::string id = create_document("Doc", "## A\none\n");
  std::string path = "/api/v1/documents/" + id;
  auto viewer = join_as("viewer");
  for (const std::string& read :
       {path, path + "/versions", path + "/versions/1", path + "/diff",
        path + "/export?format=html", path + "/shares", documents_path()}) {
    EXPECT_EQ(viewer->get(read).status, 200) << read;
  }
  EXPECT_EQ(viewer->post(documents_path(), json::object{{"title", "T"}}).status, 403);
  EXPECT_EQ(viewer->patch(path, json::object{{"title", "T"}}, {{"If-Match", "\"1\""}}).status, 403);
  EXPECT_EQ(viewer->post(path + "/versions/1/restore").status, 403);
  EXPECT_EQ(viewer->post(path + "/shares", json::object{}).status, 403);
  EXPECT_EQ(viewer->del(path).status, 403);

  auto member = join_as("member");
  auto edit =
      member->patch(path, json::object{{"content", "## A\ntwo\n"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(edit.status, 200) << edit.body;
  EXPECT_EQ(member->post(documents_path(), json::object{{"title", "Mine"}}).status, 201);
}

TEST_F(DocumentsApiTest, AnotherOrganizationSeesNothing) {
  std::string id = create_document("Secret", "## Plan\nsecret\n");
  std::string path = "/api/v1/documents/" + id;
  auto share = owner().post(path + "/shares", json::object{{"expires_in_hours", 2}});
  ASSERT_EQ(share.status, 201);
  std::string share_id(share.json().at("id").as_string());

  auto other = client();
  register_user(*other, "docs-stranger", "Stranger Org");
  struct Call {
    std::string method, path;
    std::optional<json::value> body;
    Headers headers;
  };
  const std::vector<Call> calls = {
      {"GET", documents_path(), {}, {}},
      {"POST", documents_path(), json::object{{"title", "Injected"}}, {}},
      {"GET", path, {}, {}},
      {"PATCH", path, json::object{{"title", "Injected"}}, {{"If-Match", "\"1\""}}},
      {"DELETE", path, {}, {}},
      {"GET", path + "/versions", {}, {}},
      {"GET", path + "/versions/1", {}, {}},
      {"POST", path + "/versions/1/restore", {}, {}},
      {"GET", path + "/diff?from=1&to=1", {}, {}},
      {"GET", path + "/export?format=md", {}, {}},
      {"GET", path + "/shares", {}, {}},
      {"POST", path + "/shares", json::object{{"expires_in_hours", 1}}, {}},
      {"DELETE", "/api/v1/shares/" + share_id, {}, {}},
  };
  for (const auto& c : calls) {
    auto r = other->request(c.method, c.path, c.body, c.headers);
    EXPECT_EQ(r.status, 404) << c.method << " " << c.path << ": " << r.body;
    EXPECT_EQ(r.body.find("Secret"), std::string::npos);
  }
  auto still = owner().get(path);
  EXPECT_EQ(still.json().at("title"), "Secret");
  EXPECT_EQ(still.header("etag"), "\"1\"");
  EXPECT_EQ(owner().get(path + "/shares").json().at("items").as_array().size(), 1u);
}

TEST_F(DocumentsApiTest, DeleteIsSoftAndFinal) {
  std::string id = create_document("Doc", "x\n");
  std::string path = "/api/v1/documents/" + id;
  EXPECT_EQ(owner().del(path, {{"If-Match", "\"7\""}}).status, 412);
  EXPECT_EQ(owner().del(path).status, 204);
  EXPECT_EQ(owner().get(path).status, 404);
  EXPECT_EQ(owner().get(path + "/versions").status, 404);
  EXPECT_EQ(owner().del(path).status, 404);
  EXPECT_EQ(owner().patch(path, json::object{{"title", "x"}}, {{"If-Match", "\"1\""}}).status, 404);
  EXPECT_TRUE(owner().get(documents_path()).json().at("items").as_array().empty());
}

}  // namespace
}  // namespace prism::testing
