#include "services/orgs/orgs_service.hpp"

#include <gtest/gtest.h>

#include "core/error_testing.hpp"
#include "services/audit/audit_log_service.hpp"
#include "services/orgs/members_service.hpp"
#include "services/orgs/projects_service.hpp"
#include "store/testing_db.hpp"

namespace prism::services {
namespace {

UpdateOrgInput rename_to(std::string name) {
  UpdateOrgInput in;
  in.name = std::move(name);
  return in;
}

class OrgsServiceTest : public ::testing::Test {
 protected:
  store::testing::TempDatabase tdb;
  OrgsService orgs{tdb.db()};
  MembersService members{tdb.db()};
  std::string ada = tdb.add_user("ada@example.com", "Ada");
  std::string bob = tdb.add_user("bob@example.com", "Bob");
  Caller as_ada{ada, "127.0.0.1"};
  Caller as_bob{bob, "127.0.0.2"};

  void add_member(const std::string& org_id, const std::string& user_id, Role role) {
    tdb.db().write([&](store::Tx& tx) {
      store::orgs::insert_membership(tx, org_id, user_id, to_string(role), 1);
    });
  }
};

TEST_F(OrgsServiceTest, CreatorBecomesOwnerAndDerivedSlugsAreMadeUnique) {
  auto first = orgs.create(as_ada, {"Acme Inc", std::nullopt});
  EXPECT_EQ(first.role, Role::kOwner);
  EXPECT_EQ(first.org.slug, "acme-inc");
  EXPECT_EQ(orgs.create(as_bob, {"ACME inc!", std::nullopt}).org.slug, "acme-inc-2");
  EXPECT_EQ(orgs.create(as_bob, {"acme  INC", std::nullopt}).org.slug, "acme-inc-3");
  auto mine = orgs.list_mine(ada, std::nullopt, 50);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].org.id, first.org.id);
  EXPECT_EQ(mine[0].role, Role::kOwner);
  EXPECT_EQ(orgs.list_mine(bob, std::nullopt, 50).size(), 2u);
}

TEST_F(OrgsServiceTest, ExplicitSlugInUseIsAConflictAndFreedByDeletion) {
  auto org = orgs.create(as_ada, {"Acme", std::string("acme")});
  EXPECT_EQ(code_of([&] {
              orgs.create(as_bob, {"Other", std::string("acme")});
            }),
            ErrorCode::kConflict);
  orgs.remove(as_ada, org.org.id);
  EXPECT_EQ(orgs.create(as_bob, {"Other", std::string("acme")}).org.slug, "acme");
}

TEST_F(OrgsServiceTest, ListPagesThroughEveryOrganizationOnce) {
  for (int i = 0; i < 5; ++i) orgs.create(as_ada, {"Org " + std::to_string(i), std::nullopt});
  auto page1 = orgs.list_mine(ada, std::nullopt, 2);
  ASSERT_EQ(page1.size(), 3u);  // limit + 1 tells that another page exists
  auto page2 = orgs.list_mine(ada, page1[1].org.id, 2);
  auto page3 = orgs.list_mine(ada, page2[1].org.id, 2);
  ASSERT_EQ(page3.size(), 1u);
  EXPECT_EQ(page3[0].org.name, "Org 4");
}

TEST_F(OrgsServiceTest, OutsidersGetNotFoundAndRolesGateChanges) {
  auto org = orgs.create(as_ada, {"Acme", std::nullopt}).org;
  EXPECT_EQ(code_of([&] { orgs.get(bob, org.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { orgs.update(as_bob, org.id, rename_to("X")); }), ErrorCode::kNotFound);
  add_member(org.id, bob, Role::kMember);
  EXPECT_EQ(orgs.get(bob, org.id).role, Role::kMember);
  EXPECT_EQ(code_of([&] { orgs.update(as_bob, org.id, rename_to("X")); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { AuditLogService(tdb.db()).list(bob, org.id, {}, std::nullopt, 50); }),
            ErrorCode::kForbidden);
  members.change_role(as_ada, org.id, bob, Role::kAdmin);
  UpdateOrgInput budget;
  budget.set_budget_tokens = true;
  budget.monthly_budget_tokens = 1000;
  budget.set_budget_usd = true;
  budget.monthly_budget_usd = 25.5;
  auto updated = orgs.update(as_bob, org.id, budget);
  EXPECT_EQ(updated.org.monthly_budget_tokens, 1000);
  EXPECT_EQ(updated.org.monthly_budget_usd, 25.5);
  EXPECT_EQ(updated.org.name, "Acme");
  EXPECT_EQ(code_of([&] { orgs.remove(as_bob, org.id); }), ErrorCode::kForbidden);
}

TEST_F(OrgsServiceTest, DeletedOrganizationAndItsProjectsAreGone) {
  ProjectsService projects(tdb.db());
  auto org = orgs.create(as_ada, {"Acme", std::nullopt}).org;
  auto project = projects.create(as_ada, org.id, {"Web", "WEB", ""});
  orgs.remove(as_ada, org.id);
  EXPECT_EQ(code_of([&] { orgs.get(ada, org.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { projects.get(ada, project.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { members.list(ada, org.id, std::nullopt, 50); }), ErrorCode::kNotFound);
  EXPECT_TRUE(orgs.list_mine(ada, std::nullopt, 50).empty());
}

TEST_F(OrgsServiceTest, AuditLogIsNewestFirstAndRecordsChanges) {
  auto org = orgs.create(as_ada, {"Acme", std::nullopt}).org;
  add_member(org.id, bob, Role::kViewer);
  members.change_role(as_ada, org.id, bob, Role::kMember);
  orgs.update(as_ada, org.id, rename_to("Acme Two"));
  auto log = AuditLogService(tdb.db()).list(ada, org.id, {}, std::nullopt, 50);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].row.action, "org.updated");
  EXPECT_EQ(log[1].row.action, "member.role_changed");
  EXPECT_EQ(log[1].row.target_id, bob);
  EXPECT_EQ(log[1].row.ip, "127.0.0.1");
  EXPECT_EQ(json::parse(log[1].row.details_json).at("to").as_string(), "member");
  EXPECT_EQ(log[2].row.action, "org.created");
}

TEST_F(OrgsServiceTest, CreateInTxValidatesForOtherCallers) {
  EXPECT_EQ(code_of([&] {
              tdb.db().write([&](store::Tx& tx) { create_org_in_tx(tx, as_ada, {"  ", {}}, {}); });
            }),
            ErrorCode::kValidationFailed);
  EXPECT_EQ(code_of([&] {
              tdb.db().write([&](store::Tx& tx) {
                create_org_in_tx(tx, as_ada, {"A", std::string("A!")}, {});
              });
            }),
            ErrorCode::kValidationFailed);
}

TEST_F(OrgsServiceTest, NewOrganizationsStartWithTheDefaultBudget) {
  OrgsService with_defaults(tdb.db(), OrgDefaults{50000, 2.5});
  auto created = with_defaults.create(as_ada, {"Budgeted", std::nullopt}).org;
  EXPECT_EQ(created.monthly_budget_tokens, 50000);
  EXPECT_EQ(created.monthly_budget_usd, 2.5);
  auto stored = orgs.get(ada, created.id).org;
  EXPECT_EQ(stored.monthly_budget_tokens, 50000);
  EXPECT_EQ(stored.monthly_budget_usd, 2.5);
  // The way registration makes its organization gets the same.
  auto in_tx = tdb.db().write([&](store::Tx& tx) {
    return create_org_in_tx(tx, as_bob, {"Registered", std::nullopt}, OrgDefaults{7, std::nullopt});
  });
  EXPECT_EQ(in_tx.monthly_budget_tokens, 7);
  EXPECT_FALSE(in_tx.monthly_budget_usd);
  // Without defaults there is no budget, as before.
  auto plain = orgs.create(as_ada, {"Plain", std::nullopt}).org;
  EXPECT_FALSE(plain.monthly_budget_tokens);
  EXPECT_FALSE(plain.monthly_budget_usd);
}

}  // namespace
}  // namespace prism::services
