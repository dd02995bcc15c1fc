#include "services/orgs/members_service.hpp"

#include <gtest/gtest.h>

#include "core/error_testing.hpp"
#include "services/audit/audit_log_service.hpp"
#include "services/orgs/orgs_service.hpp"
#include "store/testing_db.hpp"

namespace prism::services {
namespace {

class MembersServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    org_id = OrgsService(tdb.db()).create(as_owner, {"Acme", std::nullopt}).org.id;
    join(admin, Role::kAdmin);
    join(member, Role::kMember);
    join(viewer, Role::kViewer);
  }
  void join(const std::string& user_id, Role role) {
    tdb.db().write([&](store::Tx& tx) {
      store::orgs::insert_membership(tx, org_id, user_id, to_string(role), 1);
    });
  }
  Role role_of(const std::string& user_id) {
    return *parse_role(tdb.db().read(
        [&](store::Tx& tx) { return store::orgs::find_member(tx, org_id, user_id).value().role; }));
  }

  store::testing::TempDatabase tdb;
  MembersService members{tdb.db()};
  std::string owner = tdb.add_user("owner@example.com", "Olga");
  std::string admin = tdb.add_user("admin@example.com", "Adam");
  std::string member = tdb.add_user("member@example.com", "Mia");
  std::string viewer = tdb.add_user("viewer@example.com", "Vic");
  std::string outsider = tdb.add_user("out@example.com", "Otto");
  Caller as_owner{owner, ""};
  Caller as_admin{admin, ""};
  Caller as_member{member, ""};
  Caller as_viewer{viewer, ""};
  Caller as_outsider{outsider, ""};
  std::string org_id;
};

TEST_F(MembersServiceTest, ListShowsEveryMemberWithNameEmailAndRole) {
  auto list = members.list(viewer, org_id, std::nullopt, 50);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].user_id, owner);
  EXPECT_EQ(list[0].email, "owner@example.com");
  EXPECT_EQ(list[0].name, "Olga");
  EXPECT_EQ(list[0].role, "owner");
  EXPECT_EQ(code_of([&] { members.list(outsider, org_id, std::nullopt, 50); }),
            ErrorCode::kNotFound);
  auto page = members.list(owner, org_id, list[1].user_id, 50);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].user_id, list[2].user_id);
}

TEST_F(MembersServiceTest, AdminsChangeRolesBelowOwnerOnly) {
  EXPECT_EQ(members.change_role(as_admin, org_id, viewer, Role::kMember).role, "member");
  EXPECT_EQ(role_of(viewer), Role::kMember);
  EXPECT_EQ(code_of([&] { members.change_role(as_admin, org_id, member, Role::kOwner); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { members.change_role(as_admin, org_id, owner, Role::kViewer); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { members.change_role(as_member, org_id, viewer, Role::kAdmin); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { members.change_role(as_outsider, org_id, viewer, Role::kAdmin); }),
            ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { members.change_role(as_admin, org_id, outsider, Role::kAdmin); }),
            ErrorCode::kNotFound);
}

TEST_F(MembersServiceTest, TheLastOwnerStaysUntilAnotherOwnerExists) {
  EXPECT_EQ(code_of([&] { members.change_role(as_owner, org_id, owner, Role::kAdmin); }),
            ErrorCode::kConflict);
  EXPECT_EQ(code_of([&] { members.remove(as_owner, org_id, owner); }), ErrorCode::kConflict);
  members.change_role(as_owner, org_id, admin, Role::kOwner);
  members.change_role(as_owner, org_id, owner, Role::kAdmin);
  EXPECT_EQ(role_of(owner), Role::kAdmin);
  EXPECT_EQ(code_of([&] { members.remove(as_admin, org_id, admin); }), ErrorCode::kConflict);
}

TEST_F(MembersServiceTest, RemovalByAdminsOrByLeavingTakesEffectImmediately) {
  EXPECT_EQ(code_of([&] { members.remove(as_member, org_id, viewer); }), ErrorCode::kForbidden);
  members.remove(as_admin, org_id, member);
  EXPECT_EQ(code_of([&] { members.list(member, org_id, std::nullopt, 50); }), ErrorCode::kNotFound);
  members.remove(as_viewer, org_id, viewer);
  EXPECT_EQ(code_of([&] { members.list(viewer, org_id, std::nullopt, 50); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { members.remove(as_admin, org_id, owner); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { members.remove(as_admin, org_id, viewer); }), ErrorCode::kNotFound);
  auto log = AuditLogService(tdb.db()).list(owner, org_id, {}, std::nullopt, 50);
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log[0].row.action, "member.removed");
  EXPECT_EQ(log[0].row.target_id, viewer);
  EXPECT_TRUE(json::parse(log[0].row.details_json).at("left").as_bool());
}

}  // namespace
}  // namespace prism::services
