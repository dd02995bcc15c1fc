// The trash (issue 15): a deleted document waits in its organization's trash
// with who deleted it and when, comes back whole (versions, story links,
// share links) for administrators and the person who deleted it, and is
// purged with its versions by `prism cleanup` once TRASH_RETENTION_DAYS have
// passed. On SQLite, and on PostgreSQL in the postgres stage.
#include <gtest/gtest.h>

#include <set>

#include "documents_fixture.hpp"
#include "support/org_helpers.hpp"

namespace prism::testing {
namespace {

class TrashApiTest : public DocumentsApiTest {
 protected:
  std::string trash_path() const { return "/api/v1/orgs/" + owner_.org_id + "/trash"; }
  static std::string restore_path(const std::string& id) {
    return "/api/v1/documents/" + id + "/restore";
  }

  // The trash as `c` sees it: id → item.
  static std::map<std::string, json::object> trash_of(HttpClient& c, const std::string& path) {
    auto r = c.get(path);
    expect_status(r, 200, "GET trash");
    std::map<std::string, json::object> out;
    for (const auto& item : r.json().at("items").as_array()) {
      out[str(item, "id")] = item.as_object();
    }
    return out;
  }

  // The actions of the organization's audit log about `target`.
  std::multiset<std::string> audited(const std::string& target) {
    auto r = owner().get("/api/v1/orgs/" + owner_.org_id + "/audit?limit=200");
    expect_status(r, 200, "audit");
    std::multiset<std::string> out;
    for (const auto& e : r.json().at("items").as_array()) {
      if (str(e, "target_id") == target) out.insert(str(e, "action"));
    }
    return out;
  }

  static std::int64_t seconds_between(const std::string& from, const std::string& to);
};

// "2026-12-07T10:00:00.123Z" → seconds since the epoch (UTC).
std::int64_t epoch_seconds(const std::string& t) {
  std::tm tm{};
  strptime(t.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  return static_cast<std::int64_t>(timegm(&tm));
}

std::int64_t TrashApiTest::seconds_between(const std::string& from, const std::string& to) {
  return epoch_seconds(to) - epoch_seconds(from);
}

TEST_F(TrashApiTest, ADeletedDocumentWaitsInTheTrashAndComesBackWhole) {
  TestUser deleter_user;
  auto deleter = join_as("member", &deleter_user);
  auto other_member = join_as("member");
  auto viewer = join_as("viewer");

  std::string doc = create_document("Refunds PRD", "## Goals\n\nRefund within a day.\n");
  expect_status(owner().patch("/api/v1/documents/" + doc,
                              json::object{{"content", "## Goals\n\nRefund within an hour.\n"}},
                              {{"If-Match", "\"1\""}}),
                200, "second version");
  auto story = owner().post("/api/v1/projects/" + project_ + "/stories",
                            json::object{{"title", "Refund by card"}, {"document_id", doc}});
  expect_status(story, 201, "linked story");
  auto share =
      owner().post("/api/v1/documents/" + doc + "/shares", json::object{{"expires_in_hours", 24}});
  expect_status(share, 201, "share link");
  std::string token = str(share.json(), "token");
  auto anonymous = client();
  EXPECT_EQ(anonymous->get("/api/v1/shared/" + token).status, 200);

  expect_status(deleter->del("/api/v1/documents/" + doc), 204, "delete as a member");

  // Gone from everything live: the document, its list, search, its share link.
  EXPECT_EQ(owner().get("/api/v1/documents/" + doc).status, 404);
  EXPECT_EQ(owner().get(documents_path()).json().at("items").as_array().size(), 0u);
  EXPECT_EQ(anonymous->get("/api/v1/shared/" + token).status, 404)
      << "a share link stops working while its document is in the trash";

  // Every member sees the trash; only who may restore it is told so.
  auto seen_by_viewer = trash_of(*viewer, trash_path());
  ASSERT_EQ(seen_by_viewer.count(doc), 1u);
  const auto& item = seen_by_viewer[doc];
  EXPECT_EQ(str(item, "title"), "Refunds PRD");
  EXPECT_EQ(item.at("version").as_int64(), 2);
  EXPECT_EQ(str(item.at("project"), "key"), "CHK");
  EXPECT_EQ(str(item.at("deleted_by"), "id"), deleter_user.user_id);
  EXPECT_EQ(str(item.at("deleted_by"), "name"), "Test User") << "the deleter's name";
  EXPECT_EQ(seconds_between(str(item, "deleted_at"), str(item, "purge_at")), 30 * 24 * 3600)
      << "TRASH_RETENTION_DAYS defaults to 30";
  EXPECT_EQ(item.at("share_links").as_int64(), 1);
  EXPECT_FALSE(item.at("can_restore").as_bool()) << "viewers restore nothing";
  EXPECT_TRUE(trash_of(*deleter, trash_path())[doc].at("can_restore").as_bool());
  EXPECT_FALSE(trash_of(*other_member, trash_path())[doc].at("can_restore").as_bool());
  EXPECT_TRUE(trash_of(owner(), trash_path())[doc].at("can_restore").as_bool());

  expect_error(viewer->post(restore_path(doc)), 403);
  expect_error(other_member->post(restore_path(doc)), 403);

  auto restored = deleter->post(restore_path(doc));
  expect_status(restored, 200, "restore by the deleter");
  EXPECT_EQ(str(restored.json().at("document"), "id"), doc);
  EXPECT_EQ(restored.json().at("share_links").as_int64(), 1);

  // Whole again: the current version, the history, the story link, the share.
  auto back = owner().get("/api/v1/documents/" + doc);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.header("etag"), "\"2\"");
  EXPECT_NE(str(back.json(), "content").find("within an hour"), std::string::npos);
  auto versions = owner().get("/api/v1/documents/" + doc + "/versions");
  EXPECT_EQ(versions.json().at("items").as_array().size(), 2u);
  auto linked = owner().get("/api/v1/stories/" + str(story.json(), "id"));
  EXPECT_EQ(str(linked.json(), "document_id"), doc);
  EXPECT_EQ(anonymous->get("/api/v1/shared/" + token).status, 200)
      << "the share link works again, as the trash said it would";
  EXPECT_EQ(trash_of(owner(), trash_path()).count(doc), 0u);

  expect_error(deleter->post(restore_path(doc)), 409, "not_in_trash");
  EXPECT_EQ(audited(doc), (std::multiset<std::string>{"document.created", "document.deleted",
                                                      "document.restored", "share.created"}));
}

TEST_F(TrashApiTest, AdministratorsRestoreWhatAnyoneDeleted) {
  auto admin = join_as("admin");
  auto member = join_as("member");
  std::string by_member = create_document("By member", "x");
  std::string by_owner = create_document("By owner", "x");
  expect_status(member->del("/api/v1/documents/" + by_member), 204, "member deletes");
  expect_status(owner().del("/api/v1/documents/" + by_owner), 204, "owner deletes");
  expect_error(member->post(restore_path(by_owner)), 403);
  expect_status(admin->post(restore_path(by_member)), 200, "admin restores the member's");
  expect_status(admin->post(restore_path(by_owner)), 200, "admin restores the owner's");
}

TEST_F(TrashApiTest, AnotherOrganizationsTrashIsNotFound) {
  std::string doc = create_document("Secret plan", "x");
  expect_status(owner().del("/api/v1/documents/" + doc), 204, "delete");
  auto stranger = client();
  TestUser other = register_user(*stranger, "trash-stranger", "Elsewhere");
  expect_error(stranger->get(trash_path()), 404);
  expect_error(stranger->post(restore_path(doc)), 404);
  EXPECT_TRUE(trash_of(*stranger, "/api/v1/orgs/" + other.org_id + "/trash").empty());
  expect_error(owner().post(restore_path("0190f0f0-0000-7000-8000-000000000000")), 404);
  EXPECT_EQ(trash_of(owner(), trash_path()).count(doc), 1u) << "A's trash is untouched";
}

TEST_F(TrashApiTest, PagesNewestDeletionFirst) {
  std::vector<std::string> deleted;
  for (const char* title : {"First", "Second", "Third"}) {
    deleted.push_back(create_document(title, "x"));
    expect_status(owner().del("/api/v1/documents/" + deleted.back()), 204, "delete");
  }
  auto page = owner().get(trash_path() + "?limit=2");
  expect_status(page, 200, "first page");
  auto items = page.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(str(items[0], "title"), "Third");
  EXPECT_EQ(str(items[1], "title"), "Second");
  EXPECT_EQ(page.json().at("retention_days").as_int64(), 30);
  std::string cursor = str(page.json(), "next_cursor");
  ASSERT_FALSE(cursor.empty());
  auto rest = owner().get(trash_path() + "?limit=2&cursor=" + cursor);
  expect_status(rest, 200, "second page");
  ASSERT_EQ(rest.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(str(rest.json().at("items").as_array()[0], "title"), "First");
  EXPECT_TRUE(rest.json().at("next_cursor").is_null());
  expect_error(owner().get(trash_path() + "?cursor=nonsense"), 422, "validation_failed");
  expect_error(owner().get(trash_path() + "?limit=0"), 422, "validation_failed");
}

// A deleted project takes its documents with it: they leave the trash and
// cannot be restored one by one.
TEST_F(TrashApiTest, DocumentsOfADeletedProjectAreNotRestorableOneByOne) {
  std::string other_project = create_project(owner(), owner_.org_id, "Legacy", "LEG");
  auto d = owner().post("/api/v1/projects/" + other_project + "/documents",
                        json::object{{"title", "Old PRD"}});
  expect_status(d, 201, "document in the other project");
  std::string doc = str(d.json(), "id");
  expect_status(owner().del("/api/v1/documents/" + doc), 204, "delete the document");
  EXPECT_EQ(trash_of(owner(), trash_path()).count(doc), 1u);
  expect_status(owner().del("/api/v1/projects/" + other_project), 204, "delete the project");
  EXPECT_EQ(trash_of(owner(), trash_path()).count(doc), 0u);
  expect_error(owner().post(restore_path(doc)), 404);
}

// `prism cleanup` as an operator runs it beside the server: nothing within
// the retention goes; with TRASH_RETENTION_DAYS=0 everything in the trash
// does, versions and all, and is audited.
TEST(TrashPurge, TheCleanupPurgesTrashedDocumentsPastTheirRetention) {
  ServerProcess server;
  HttpClient owner(server.base_url());
  auto user = register_user(owner, "purge-owner", "Purge Org");
  std::string project = create_project(owner, user.org_id, "Ops", "OPS");
  auto created = owner.post("/api/v1/projects/" + project + "/documents",
                            json::object{{"title", "Tundra plan"}, {"content", "v1"}});
  expect_status(created, 201, "create");
  std::string doc = str(created.json(), "id");
  expect_status(owner.patch("/api/v1/documents/" + doc, json::object{{"content", "v2"}},
                            {{"If-Match", "\"1\""}}),
                200, "second version");
  std::string kept =
      str(owner.post("/api/v1/projects/" + project + "/documents", json::object{{"title", "Kept"}})
              .json(),
          "id");
  expect_status(owner.del("/api/v1/documents/" + doc), 204, "delete");

  auto within = server.run_command({"cleanup"});
  ASSERT_EQ(within.exit_code, 0) << within.output;
  EXPECT_NE(within.output.find("trashed documents (past TRASH_RETENTION_DAYS): 0 removed"),
            std::string::npos)
      << within.output;
  expect_status(owner.post("/api/v1/documents/" + doc + "/restore"), 200, "still restorable");
  expect_status(owner.del("/api/v1/documents/" + doc), 204, "delete again");

  auto dry = server.run_command({"cleanup", "--dry-run"}, {{"TRASH_RETENTION_DAYS", "0"}});
  ASSERT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("trashed documents (past TRASH_RETENTION_DAYS): 1 to remove"),
            std::string::npos)
      << dry.output;

  auto run = server.run_command({"cleanup"}, {{"TRASH_RETENTION_DAYS", "0"}});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("trashed documents (past TRASH_RETENTION_DAYS): 1 removed"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("their versions: 2 removed"), std::string::npos) << run.output;

  auto trash = owner.get("/api/v1/orgs/" + user.org_id + "/trash");
  EXPECT_TRUE(trash.json().at("items").as_array().empty()) << trash.body;
  expect_error(owner.post("/api/v1/documents/" + doc + "/restore"), 404);
  EXPECT_EQ(owner.get("/api/v1/documents/" + kept).status, 200) << "live documents stay";
  auto audit = owner.get("/api/v1/orgs/" + user.org_id + "/audit?limit=200");
  bool purged = false;
  for (const auto& e : audit.json().at("items").as_array()) {
    if (str(e, "action") == "document.purged" && str(e, "target_id") == doc) {
      purged = true;
      EXPECT_TRUE(e.at("actor_id").is_null()) << "the retention purged it";
      EXPECT_EQ(e.at("details").at("versions").as_int64(), 2);
    }
  }
  EXPECT_TRUE(purged) << audit.body;
}

TEST(TrashPurge, ABadRetentionStopsTheCleanupNamingTheVariable) {
  ServerProcess server(EnvVars{{"TRASH_RETENTION_DAYS", "-1"}}, false);
  auto r = server.run_command({"cleanup"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("TRASH_RETENTION_DAYS"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace prism::testing
