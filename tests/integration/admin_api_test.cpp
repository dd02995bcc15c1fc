// /api/v1/admin with the real server on its database (SQLite, or PostgreSQL
// in the postgres stage): only server administrators (`prism admin grant`)
// get in, the lists page and count correctly, disabling an account ends its
// access token, refresh token and personal API tokens at once and refuses
// its sign-ins until it is enabled, an administrator cannot lock themselves
// out, and every change is audited with the administrator as actor.
#include <gtest/gtest.h>

#include <set>

#include "store/database.hpp"
#include "support/api_helpers.hpp"
#include "support/auth_fixture.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::HttpClient;
using testing::ServerProcess;

constexpr const char* kUsers = "/api/v1/admin/users";
constexpr const char* kOrgs = "/api/v1/admin/orgs";
constexpr const char* kAudit = "/api/v1/admin/audit";
constexpr const char* kStorage = "/api/v1/admin/storage";

std::string str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

void expect_admins_only(const testing::HttpResponse& r, const std::string& what) {
  testing::expect_problem(r, 403, "forbidden");
  EXPECT_NE(r.body.find("server administrators only"), std::string::npos) << what << ": " << r.body;
}

// Every item of a paged list, following next_cursor; checks each page's size.
std::vector<json::object> all_pages(HttpClient& client, const std::string& path, int limit) {
  std::vector<json::object> out;
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    auto r = client.get(path + sep + "limit=" + std::to_string(limit) +
                        (cursor.empty() ? "" : "&cursor=" + cursor));
    testing::expect_status(r, 200, "GET " + path);
    const auto& body = r.json();
    const auto& items = body.at("items").as_array();
    EXPECT_LE(items.size(), static_cast<std::size_t>(limit));
    for (const auto& item : items) out.push_back(item.as_object());
    if (body.at("next_cursor").is_null()) break;
    EXPECT_EQ(items.size(), static_cast<std::size_t>(limit)) << "only the last page is short";
    cursor = str(body, "next_cursor");
  }
  return out;
}

class AdminApi : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_user = testing::register_user(admin, "server-admin", "Admin Org");
    target = testing::register_user(target_client, "target", "Target Org");
  }

  void grant_admin() {
    auto grant = server.run_command({"admin", "grant", admin_user.email});
    ASSERT_EQ(grant.exit_code, 0) << grant.output;
  }

  // "action by actor (by)" of the audit entries about a user, oldest first.
  std::vector<std::string> audit_of(const std::string& user_id) {
    auto db = store::open_database(server.env("DATABASE_URL"));
    return db->read([&](store::Tx& tx) {
      std::vector<std::string> out;
      for (auto& r : tx.query("SELECT action, actor_id, details FROM audit_log"
                              " WHERE org_id IS NULL AND target_type = 'user' AND target_id = ?1"
                              " ORDER BY id",
                              {user_id})) {
        auto details = json::parse(r.str(2)).as_object();
        out.push_back(r.str(0) + " by " + r.opt_str(1).value_or("-") + " (" +
                      std::string(details.at("by").as_string()) + ")");
      }
      return out;
    });
  }

  ServerProcess server;
  HttpClient admin{server.base_url()};
  HttpClient target_client{server.base_url()};
  testing::TestUser admin_user;
  testing::TestUser target;
};

TEST_F(AdminApi, OnlyServerAdministratorsGetIn) {
  // An organization owner is not a server administrator; a real and an
  // unknown id answer alike.
  expect_admins_only(admin.get(kUsers), "list users");
  expect_admins_only(admin.get(kOrgs), "list orgs");
  expect_admins_only(admin.get(kAudit), "audit log");
  expect_admins_only(admin.get(kStorage), "storage");
  for (const auto& id : {target.user_id, std::string("0190e3a0-0000-7000-8000-000000000000")}) {
    expect_admins_only(
        admin.patch(std::string(kUsers) + "/" + id, json::object{{"disabled", true}}), "patch");
  }
  HttpClient anonymous(server.base_url());
  testing::expect_problem(anonymous.get(kUsers), 401, "unauthorized");
  testing::expect_problem(anonymous.get(kOrgs), 401, "unauthorized");
  testing::expect_problem(anonymous.get(kAudit), 401, "unauthorized");
  testing::expect_problem(anonymous.get(kStorage), 401, "unauthorized");
  EXPECT_EQ(anonymous.patch(std::string(kUsers) + "/" + target.user_id, json::object{}).status,
            401);

  auto me = admin.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json().at("user").at("is_admin"), false);
  grant_admin();
  me = admin.get("/api/v1/auth/me");
  EXPECT_EQ(me.json().at("user").at("is_admin"), true) << me.body;
  EXPECT_EQ(admin.get(kUsers).status, 200);
  testing::expect_problem(
      admin.patch(std::string(kUsers) + "/0190e3a0-0000-7000-8000-000000000000", json::object{}),
      404, "not_found");
  testing::expect_problem(
      admin.patch(std::string(kUsers) + "/" + target.user_id, json::object{{"disabled", "yes"}}),
      422, "validation_failed");
  // Still only the administrator: the target sees nothing.
  expect_admins_only(target_client.get(kUsers), "list users as the target");

  auto revoke = server.run_command({"admin", "revoke", admin_user.email});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.output;
  expect_admins_only(admin.get(kUsers), "list users after revoke");
}

TEST_F(AdminApi, ListsUsersAndOrgsWithCountsPageByPage) {
  grant_admin();
  // The target also joins the admin's organization and works in its own.
  std::vector<std::string> extra;
  for (int i = 0; i < 4; ++i) {
    HttpClient c(server.base_url());
    extra.push_back(testing::register_user(c, "extra" + std::to_string(i), "Extra Org").email);
  }
  auto project = target_client.post("/api/v1/orgs/" + target.org_id + "/projects",
                                    json::object{{"name", "Apollo"}, {"key", "APO"}});
  testing::expect_status(project, 201, "create project");
  std::string project_id = str(project.json(), "id");
  for (const char* title : {"One", "Two", "Gone"}) {
    testing::expect_status(target_client.post("/api/v1/projects/" + project_id + "/documents",
                                              json::object{{"title", title}}),
                           201, "create document");
  }
  auto docs = target_client.get("/api/v1/projects/" + project_id + "/documents");
  std::string gone;
  for (const auto& d : docs.json().at("items").as_array()) {
    if (str(d, "title") == "Gone") gone = str(d, "id");
  }
  testing::expect_status(target_client.del("/api/v1/documents/" + gone), 204, "delete document");

  auto users = all_pages(admin, kUsers, 2);
  ASSERT_EQ(users.size(), 6u);
  std::vector<std::string> emails;
  std::set<std::string> ids;
  for (const auto& u : users) {
    emails.push_back(str(u, "email"));
    ids.insert(str(u, "id"));
    EXPECT_EQ(u.at("organizations"), 1) << json::serialize(u);
    EXPECT_EQ(u.at("disabled"), false);
    EXPECT_TRUE(u.at("disabled_at").is_null());
    EXPECT_TRUE(u.contains("email_verified") && u.contains("created_at"));
  }
  EXPECT_EQ(ids.size(), 6u) << "no user on two pages";
  EXPECT_EQ(emails[0], admin_user.email) << "creation order";
  EXPECT_EQ(emails[1], target.email);
  EXPECT_EQ(emails[5], extra[3]);
  EXPECT_EQ(users[0].at("is_admin"), true);
  EXPECT_EQ(users[1].at("is_admin"), false);

  auto found = admin.get(std::string(kUsers) + "?q=TARGET");
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.json().at("items").as_array().size(), 1u) << found.body;
  EXPECT_EQ(str(found.json().at("items").at(0), "id"), target.user_id);
  EXPECT_EQ(all_pages(admin, std::string(kUsers) + "?q=extra", 3).size(), 4u);
  EXPECT_EQ(admin.get(std::string(kUsers) + "?q=%25").json().at("items").as_array().size(), 0u)
      << "% is literal";
  testing::expect_problem(admin.get(std::string(kUsers) + "?limit=0"), 422, "validation_failed");
  testing::expect_problem(admin.get(std::string(kUsers) + "?cursor=nope"), 422,
                          "validation_failed");

  auto orgs = all_pages(admin, kOrgs, 4);
  ASSERT_EQ(orgs.size(), 6u);
  EXPECT_EQ(str(orgs[0], "id"), admin_user.org_id);
  EXPECT_EQ(str(orgs[1], "id"), target.org_id);
  EXPECT_EQ(orgs[1].at("name"), "Target Org");
  EXPECT_EQ(orgs[1].at("members"), 1);
  EXPECT_EQ(orgs[1].at("projects"), 1);
  EXPECT_EQ(orgs[1].at("documents"), 2) << "the deleted document is not counted";
  EXPECT_EQ(orgs[0].at("projects"), 0);
  EXPECT_EQ(orgs[0].at("documents"), 0);
}

TEST_F(AdminApi, DisablingEndsEveryCredentialAtOnceAndEnablingLetsTheUserBackIn) {
  grant_admin();
  auto token = target_client.post("/api/v1/auth/tokens", json::object{{"name", "ci"}});
  testing::expect_status(token, 201, "create API token");
  HttpClient by_token(server.base_url());
  by_token.set_bearer(str(token.json(), "token"));
  ASSERT_EQ(by_token.get("/api/v1/auth/me").status, 200);
  ASSERT_EQ(target_client.get("/api/v1/auth/me").status, 200);

  std::string path = std::string(kUsers) + "/" + target.user_id;
  auto disabled = admin.patch(path, json::object{{"disabled", true}});
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json().at("disabled"), true);
  EXPECT_FALSE(disabled.json().at("disabled_at").is_null());
  EXPECT_EQ(str(disabled.json(), "email"), target.email);
  EXPECT_EQ(disabled.json().at("organizations"), 1);

  // At once: the change is this server's own, so no cache has to expire.
  testing::expect_problem(target_client.get("/api/v1/auth/me"), 401, "unauthorized");
  testing::expect_problem(by_token.get("/api/v1/auth/me"), 401, "unauthorized");
  testing::expect_problem(target_client.post("/api/v1/auth/refresh", json::object{}), 401,
                          "unauthorized");
  json::object credentials{{"email", target.email}, {"password", target.password}};
  testing::expect_problem(target_client.post("/api/v1/auth/login", credentials), 403,
                          "account_disabled");

  auto enabled = admin.patch(path, json::object{{"disabled", false}});
  ASSERT_EQ(enabled.status, 200) << enabled.body;
  EXPECT_EQ(enabled.json().at("disabled"), false);
  EXPECT_TRUE(enabled.json().at("disabled_at").is_null());
  auto login = target_client.post("/api/v1/auth/login", credentials);
  EXPECT_EQ(login.status, 200) << login.body;
  // What was revoked stays revoked.
  testing::expect_problem(by_token.get("/api/v1/auth/me"), 401, "unauthorized");

  auto promoted = admin.patch(path, json::object{{"is_admin", true}});
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(promoted.json().at("is_admin"), true);

  EXPECT_EQ(audit_of(target.user_id),
            (std::vector<std::string>{"user.disabled by " + admin_user.user_id + " (api)",
                                      "user.enabled by " + admin_user.user_id + " (api)",
                                      "admin.granted by " + admin_user.user_id + " (api)"}));

  // The same entries through the API, newest first, after the grant of the
  // command line.
  auto audit = admin.get(std::string(kAudit) + "?limit=3");
  ASSERT_EQ(audit.status, 200) << audit.body;
  const auto& items = audit.json().at("items").as_array();
  ASSERT_EQ(items.size(), 3u) << audit.body;
  std::vector<std::string> actions;
  for (const auto& item : items) {
    actions.push_back(str(item, "action"));
    EXPECT_EQ(str(item, "actor_id"), admin_user.user_id);
    EXPECT_EQ(str(item, "target_id"), target.user_id);
    EXPECT_EQ(str(item.at("details"), "by"), "api");
    EXPECT_EQ(str(item.at("details"), "email"), target.email);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"admin.granted", "user.enabled", "user.disabled"}));
  auto older = admin.get(std::string(kAudit) + "?cursor=" + str(audit.json(), "next_cursor"));
  ASSERT_EQ(older.status, 200) << older.body;
  EXPECT_EQ(str(older.json().at("items").at(0), "action"), "admin.granted");
  EXPECT_TRUE(older.json().at("items").at(0).at("actor_id").is_null()) << "the command line";
}

TEST_F(AdminApi, AnAdministratorCannotDemoteOrDisableThemselves) {
  grant_admin();
  std::string self = std::string(kUsers) + "/" + admin_user.user_id;
  auto demote = admin.patch(self, json::object{{"is_admin", false}});
  testing::expect_problem(demote, 409, "conflict");
  EXPECT_NE(demote.body.find("prism admin revoke"), std::string::npos) << demote.body;
  auto disable = admin.patch(self, json::object{{"disabled", true}});
  testing::expect_problem(disable, 409, "conflict");
  EXPECT_NE(disable.body.find("another administrator"), std::string::npos) << disable.body;
  EXPECT_EQ(admin.get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(admin.get(kUsers).status, 200) << "still an administrator";
  EXPECT_EQ(audit_of(admin_user.user_id),
            (std::vector<std::string>{"admin.granted by - (command line)"}));
}

}  // namespace
}  // namespace prism

namespace prism {
namespace {

// GET /admin/storage answers what `prism storage --json` prints, on the
// same database, with the quota from DATABASE_QUOTA_BYTES.
TEST(AdminStorage, ReportsTheDatabaseAgainstItsQuotaLikeTheCommandLine) {
  ServerProcess server(testing::EnvVars{{"DATABASE_QUOTA_BYTES", "3GB"}});
  HttpClient admin(server.base_url());
  auto user = testing::register_user(admin, "storage-admin", "Storage Org");
  expect_admins_only(admin.get(kStorage), "storage before grant");
  auto grant = server.run_command({"admin", "grant", user.email});
  ASSERT_EQ(grant.exit_code, 0) << grant.output;

  auto r = admin.get(kStorage);
  testing::expect_status(r, 200, "GET /admin/storage");
  const auto& report = r.json().as_object();
  EXPECT_EQ(report.at("quota_bytes").as_int64(), 3LL * 1000 * 1000 * 1000) << r.body;
  EXPECT_GT(report.at("database_bytes").as_int64(), 0);
  EXPECT_TRUE(report.at("warning").is_null()) << r.body;
  std::set<std::string> tables;
  for (const auto& t : report.at("tables").as_array()) {
    tables.insert(std::string(t.at("name").as_string()));
    if (t.at("name") == "users" || t.at("name") == "organizations") {
      EXPECT_EQ(t.at("rows").as_int64(), 1) << r.body;
    }
  }
  for (const char* t : {"users", "organizations", "documents", "document_versions", "generations",
                        "audit_log"}) {
    EXPECT_TRUE(tables.count(t)) << t << " missing: " << r.body;
  }
  EXPECT_GT(report.at("growth").at("last_7_days").at("rows").as_int64(), 0) << r.body;

  auto cli = server.run_command({"storage", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  auto printed = json::parse(cli.output).as_object();
  EXPECT_EQ(printed.at("backend"), report.at("backend"));
  EXPECT_EQ(printed.at("quota_bytes"), report.at("quota_bytes"));
  EXPECT_EQ(printed.at("tables").as_array().size(), report.at("tables").as_array().size());
}

}  // namespace
}  // namespace prism
