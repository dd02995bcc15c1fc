// The organization's audit log through the real binary: entries name their
// actor and target in words and read as sentences, filter by actor, action
// (a code or a group) and date range on the server, refuse bad filters with
// 422 only to those who may read the log, and download as CSV with the
// same filters.
#include <gtest/gtest.h>

#include <set>

#include "support/api_helpers.hpp"
#include "support/csv_reader.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_error;
using testing::has_error_for;
using testing::str;

class AuditLogTest : public testing::OrgApiTest {
 protected:
  // An organization where the owner ("Olga Owner") made Bo ("Bo Member") an
  // admin and then a viewer, and created a project.
  void SetUp() override {
    std::tie(owner, oc) = user("audit-owner");
    std::tie(bo, bc) = user("audit-bo");
    rename(*oc, "Olga Owner");
    rename(*bc, "Bo Member");
    testing::invite_and_accept(*oc, *sink_, owner.org_id, bo, *bc, "member");
    change_role("admin");
    change_role("viewer");
    testing::create_project(*oc, owner.org_id, "Apollo", "APO");
    base = "/api/v1/orgs/" + owner.org_id + "/audit";
  }

  static void rename(testing::HttpClient& c, const std::string& name) {
    testing::expect_status(c.patch("/api/v1/auth/me", json::object{{"name", name}}), 200,
                           "PATCH /auth/me");
  }
  void change_role(const std::string& role) {
    testing::expect_status(oc->patch("/api/v1/orgs/" + owner.org_id + "/members/" + bo.user_id,
                                     json::object{{"role", role}}),
                           200, "change role");
  }
  json::array items(const std::string& query) {
    auto r = oc->get(base + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    if (r.status != 200) return {};
    return r.json().at("items").as_array();
  }
  static std::set<std::string> actions_of(const json::array& entries) {
    std::set<std::string> out;
    for (const auto& e : entries) out.insert(str(e, "action"));
    return out;
  }

  testing::TestUser owner, bo;
  std::unique_ptr<testing::HttpClient> oc, bc;
  std::string base;
};

TEST_F(AuditLogTest, EntriesNameTheActorAndTheTargetAndReadAsSentences) {
  auto entries = items("?action=member.role_changed");
  ASSERT_EQ(entries.size(), 2u);
  const auto& latest = entries.at(0).as_object();
  EXPECT_EQ(str(latest, "summary"), "Olga Owner changed Bo Member's role from admin to viewer.");
  EXPECT_EQ(str(latest, "action_label"), "Role changed");
  EXPECT_EQ(str(latest.at("actor"), "id"), owner.user_id);
  EXPECT_EQ(str(latest.at("actor"), "name"), "Olga Owner");
  EXPECT_EQ(str(latest.at("actor"), "email"), owner.email);
  EXPECT_EQ(str(latest.at("target"), "id"), bo.user_id);
  EXPECT_EQ(str(latest.at("target"), "name"), "Bo Member");
  EXPECT_EQ(str(latest.at("target"), "email"), bo.email);
  EXPECT_EQ(str(latest.at("details"), "from"), "admin");

  auto joined = items("?action=member.joined").at(0).as_object();
  EXPECT_EQ(str(joined, "summary"), "Bo Member joined as member.");
  auto project = items("?action=project.created").at(0).as_object();
  EXPECT_EQ(str(project, "summary"), "Olga Owner created the project \u201cApollo\u201d (APO).");
  EXPECT_TRUE(project.at("target").is_null());

  // Every entry reads as a sentence, none as a raw code.
  for (const auto& e : items("?limit=200")) {
    std::string summary = str(e, "summary");
    EXPECT_FALSE(summary.empty()) << e;
    EXPECT_EQ(summary.find(str(e, "action")), std::string::npos) << e;
    EXPECT_EQ(summary.back(), '.') << e;
  }
}

TEST_F(AuditLogTest, FiltersByActorActionGroupAndDate) {
  auto by_bo = items("?actor=" + bo.user_id);
  ASSERT_FALSE(by_bo.empty());
  for (const auto& e : by_bo) EXPECT_EQ(str(e, "actor_id"), bo.user_id) << e;
  EXPECT_TRUE(actions_of(by_bo).count("member.joined"));
  EXPECT_FALSE(actions_of(by_bo).count("member.role_changed"));

  EXPECT_EQ(actions_of(items("?action=member")),
            (std::set<std::string>{"member.joined", "member.role_changed"}));
  EXPECT_EQ(actions_of(items("?action=invitation")), (std::set<std::string>{"invitation.created"}));
  EXPECT_EQ(items("?action=member.role_changed&actor=" + bo.user_id).size(), 0u);

  // Today (UTC) holds everything; a range that ended yesterday holds nothing.
  auto now = std::chrono::system_clock::now();
  auto day = [](std::chrono::system_clock::time_point t) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&tt));
    return std::string(buf);
  };
  std::string today = day(now);
  std::string yesterday = day(now - std::chrono::hours(24));
  EXPECT_EQ(items("?from=" + today + "&to=" + today).size(), items("?limit=200").size());
  EXPECT_EQ(items("?from=2000-01-01&to=" + yesterday).size(), 0u);
  EXPECT_EQ(items("?from=" + today + "&action=project.created").size(), 1u);

  // Paging keeps the filter.
  auto page = oc->get(base + "?action=member&limit=1");
  ASSERT_EQ(page.status, 200);
  ASSERT_FALSE(page.json().at("next_cursor").is_null());
  auto next = items("?action=member&limit=1&cursor=" + str(page.json(), "next_cursor"));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(str(next.at(0), "action"), "member.role_changed");
}

TEST_F(AuditLogTest, BadFiltersAre422ButOnlyForThoseWhoMayReadTheLog) {
  auto bad_action = oc->get(base + "?action=member.nonsense");
  expect_error(bad_action, 422, "validation_failed");
  EXPECT_TRUE(has_error_for(bad_action, "action"));
  auto bad_date = oc->get(base + "?from=yesterday");
  expect_error(bad_date, 422);
  EXPECT_TRUE(has_error_for(bad_date, "from"));
  auto backwards = oc->get(base + "?from=2030-02-02&to=2030-02-01");
  expect_error(backwards, 422);
  EXPECT_TRUE(has_error_for(backwards, "to"));
  expect_error(oc->get(base + "/export?format=xml"), 422);

  // Bo is a viewer now: 403 whatever the filter; a stranger: 404.
  expect_error(bc->get(base + "?action=member.nonsense"), 403);
  expect_error(bc->get(base + "/export"), 403);
  auto [stranger, sc] = user("audit-stranger");
  expect_error(sc->get(base + "?from=yesterday"), 404);
  expect_error(sc->get(base + "/export?format=xml"), 404);
  // Another organization's log is never mixed in, whatever the filter.
  for (const auto& e : items("?actor=" + stranger.user_id)) ADD_FAILURE() << e;
}

TEST_F(AuditLogTest, ExportsTheFilteredLogAsCsv) {
  auto r = oc->get(base + "/export?format=csv&action=member");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(r.header("content-disposition").find("attachment; filename=\"audit-"),
            std::string::npos);
  auto rows = testing::parse_csv(r.body);
  ASSERT_EQ(rows.size(), 1u + 3u) << r.body;  // header, two role changes, one join
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Time (UTC)", "Action", "Action code", "Description",
                                               "Actor", "Actor e-mail", "Target type", "Target",
                                               "Target e-mail", "IP address", "Details"}));
  EXPECT_EQ(rows[1][1], "Role changed");
  EXPECT_EQ(rows[1][2], "member.role_changed");
  EXPECT_EQ(rows[1][3], "Olga Owner changed Bo Member's role from admin to viewer.");
  EXPECT_EQ(rows[1][4], "Olga Owner");
  EXPECT_EQ(rows[1][5], owner.email);
  EXPECT_EQ(rows[1][7], "Bo Member");
  EXPECT_EQ(rows[1][8], bo.email);
  EXPECT_EQ(json::parse(rows[1][10]).at("to").as_string(), "viewer");
  EXPECT_EQ(rows[3][2], "member.joined");

  // The default format is CSV, and the file holds what the list holds.
  auto all = oc->get(base + "/export");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(testing::parse_csv(all.body).size(), 1u + items("?limit=200").size());
}

TEST_F(AuditLogTest, TheActionCatalogueMatchesTheDocumentedCodes) {
  auto r = oc->get("/api/v1/audit/actions");
  ASSERT_EQ(r.status, 200) << r.body;
  std::set<std::string> listed;
  for (const auto& a : r.json().at("items").as_array()) {
    listed.insert(str(a, "code"));
    EXPECT_FALSE(str(a, "label").empty()) << a;
    EXPECT_FALSE(str(a, "category_label").empty()) << a;
    EXPECT_EQ(str(a, "code").rfind(str(a, "category") + ".", 0), 0u) << a;
  }
  auto doc = anonymous_client()->get("/api/v1/openapi.json");
  std::set<std::string> documented;
  for (const auto& code :
       doc.json().at("components").at("schemas").at("AuditAction").at("enum").as_array()) {
    documented.insert(std::string(code.as_string()));
  }
  EXPECT_EQ(listed, documented);
  EXPECT_TRUE(listed.count("member.role_changed"));
  EXPECT_TRUE(listed.count("invitation.resent"));
  EXPECT_TRUE(listed.count("auth.name_changed"));
  // Each recorded action of this organization is in the catalogue.
  for (const auto& e : items("?limit=200")) EXPECT_TRUE(listed.count(str(e, "action"))) << e;
}

}  // namespace
}  // namespace prism
