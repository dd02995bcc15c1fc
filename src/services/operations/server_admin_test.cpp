// Server administration on the real schema (SQLite, and PostgreSQL when
// PRISM_TEST_POSTGRES_URL is set): only server administrators get anywhere
// through the API, an administrator cannot lock themselves out there (the
// command line can), and every real change is audited with its actor.
#include "services/operations/server_admin.hpp"

#include <gtest/gtest.h>

#include "core/error_testing.hpp"
#include "services/orgs/testing_orgs.hpp"

namespace prism::services::operations {
namespace {

class ServerAdminTest : public ::testing::Test, protected testing::TwoOrgs {
 protected:
  void SetUp() override {
    admin.update_user(AdminActor::command_line(), UserRef::email("owner@example.com"),
                      UserChange::admin(true));
  }

  // The audit entries about `user_id`: "action by actor" (actor "-" when none).
  std::vector<std::string> audit_of(const std::string& user_id) {
    return tdb.db().read([&](store::Tx& tx) {
      std::vector<std::string> out;
      for (auto& r : tx.query("SELECT action, actor_id, details FROM audit_log"
                              " WHERE target_type = 'user' AND target_id = ?1"
                              " AND org_id IS NULL ORDER BY id",
                              {user_id})) {
        auto details = json::parse(r.str(2)).as_object();
        out.push_back(r.str(0) + " by " + r.opt_str(1).value_or("-") + " (" +
                      std::string(details.at("by").as_string()) + ")");
      }
      return out;
    });
  }

  ServerAdmin admin{tdb.db()};
  AdminActor as_admin = AdminActor::api(as_owner);
};

TEST_F(ServerAdminTest, OnlyServerAdministratorsGetAnywhereEvenWithUnknownIds) {
  // The stranger owns organization B: an organization role is not enough.
  auto stranger = AdminActor::api(as_stranger);
  for (const auto& target : {member, std::string("0190e3a0-0000-7000-8000-000000000000")}) {
    auto e = error_from(
        [&] { admin.update_user(stranger, UserRef::id(target), UserChange::disable(true)); });
    EXPECT_EQ(e.code(), ErrorCode::kForbidden);
    EXPECT_EQ(e.client_message(), "server administrators only");
  }
  EXPECT_EQ(code_of([&] { admin.users(stranger, std::nullopt, std::nullopt, 10); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { admin.orgs(stranger, std::nullopt, 10); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] {
              admin.update_user(as_admin, UserRef::id("0190e3a0-0000-7000-8000-000000000000"), {});
            }),
            ErrorCode::kNotFound);
  EXPECT_TRUE(audit_of(member).empty());
}

TEST_F(ServerAdminTest, AnAdministratorCannotLockThemselvesOutThroughTheApi) {
  auto demote = error_from(
      [&] { admin.update_user(as_admin, UserRef::id(owner), UserChange::admin(false)); });
  EXPECT_EQ(demote.code(), ErrorCode::kConflict);
  EXPECT_NE(demote.client_message().find("prism admin revoke"), std::string::npos);
  auto disable = error_from(
      [&] { admin.update_user(as_admin, UserRef::id(owner), UserChange::disable(true)); });
  EXPECT_EQ(disable.code(), ErrorCode::kConflict);
  EXPECT_NE(disable.client_message().find("another administrator"), std::string::npos);
  // Keeping what one has is fine.
  auto same = admin.update_user(as_admin, UserRef::id(owner), UserChange{true, false});
  EXPECT_TRUE(same.user.is_admin);

  // Another administrator can, and so can the command line.
  admin.update_user(as_admin, UserRef::id(member), UserChange::admin(true));
  auto by_other =
      admin.update_user(AdminActor::api(as_member), UserRef::id(owner), UserChange::admin(false));
  EXPECT_FALSE(by_other.user.is_admin);
  // No longer an administrator: the API is closed to the owner now.
  EXPECT_EQ(code_of([&] { admin.users(as_admin, std::nullopt, std::nullopt, 10); }),
            ErrorCode::kForbidden);
  admin.update_user(AdminActor::command_line(), UserRef::email("member@example.com"),
                    UserChange::disable(true));
  EXPECT_EQ(
      code_of([&] { admin.users(AdminActor::api(as_member), std::nullopt, std::nullopt, 10); }),
      ErrorCode::kForbidden)
      << "a disabled administrator administers nothing";

  EXPECT_EQ(audit_of(owner), (std::vector<std::string>{"admin.granted by - (command line)",
                                                       "admin.revoked by " + member + " (api)"}));
  EXPECT_EQ(audit_of(member), (std::vector<std::string>{"admin.granted by " + owner + " (api)",
                                                        "user.disabled by - (command line)"}));
}

TEST_F(ServerAdminTest, DisablingRevokesCredentialsAndNoOpsRecordNothing) {
  tdb.db().write([&](store::Tx& tx) {
    tx.exec(
        "INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at)"
        " VALUES ('s1', ?1, 1, 1, ?2)",
        {viewer, now_unix_ms() + 3'600'000});
  });
  auto disabled = admin.update_user(as_admin, UserRef::id(viewer), UserChange::disable(true));
  EXPECT_TRUE(disabled.user.disabled_at.has_value());
  EXPECT_EQ(disabled.organizations, 1);
  auto revoked = tdb.db().read([](store::Tx& tx) {
    return tx.query_one("SELECT revoked_at FROM sessions WHERE id = 's1'")->opt_i64(0);
  });
  EXPECT_TRUE(revoked.has_value());
  // Disabling again changes nothing, and records nothing.
  auto again = admin.update_user(as_admin, UserRef::id(viewer), UserChange::disable(true));
  EXPECT_EQ(again.user.disabled_at, disabled.user.disabled_at);
  auto enabled = admin.update_user(as_admin, UserRef::id(viewer), UserChange::disable(false));
  EXPECT_FALSE(enabled.user.disabled_at.has_value());
  EXPECT_EQ(audit_of(viewer), (std::vector<std::string>{"user.disabled by " + owner + " (api)",
                                                        "user.enabled by " + owner + " (api)"}));
}

TEST_F(ServerAdminTest, ListsPageByIdAndSearchLiterally) {
  tdb.add_user("percent%sign@example.com", "Grace Hopper");
  std::vector<std::string> seen;
  std::optional<std::string> cursor;
  for (int page = 0; page < 10; ++page) {
    auto rows = admin.users(as_admin, cursor, std::nullopt, 2);
    for (const auto& r : rows) seen.push_back(r.user.email);
    if (rows.size() < 2) break;
    cursor = rows.back().user.id;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"owner@example.com", "member@example.com",
                                            "viewer@example.com", "stranger@example.com",
                                            "percent%sign@example.com"}));

  auto found = admin.users(as_admin, std::nullopt, std::string("HOPPER"), 10);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].user.email, "percent%sign@example.com");
  EXPECT_EQ(found[0].organizations, 0);
  EXPECT_EQ(admin.users(as_admin, std::nullopt, std::string("t%s"), 10).size(), 1u)
      << "% is a character, not a wildcard";
  EXPECT_EQ(admin.users(as_admin, std::nullopt, std::string("_"), 10).size(), 0u);

  auto orgs = admin.orgs(as_admin, std::nullopt, 10);
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].id, org_a);
  EXPECT_EQ(orgs[0].members, 3);
  EXPECT_EQ(orgs[1].members, 1);
  auto second = admin.orgs(as_admin, orgs[0].id, 10);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].id, org_b);
}

}  // namespace
}  // namespace prism::services::operations
