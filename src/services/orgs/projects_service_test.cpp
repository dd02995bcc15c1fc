#include "services/orgs/projects_service.hpp"

#include <gtest/gtest.h>

#include "core/error_testing.hpp"
#include "services/orgs/testing_orgs.hpp"

namespace prism::services {
namespace {

class ProjectsServiceTest : public ::testing::Test, protected testing::TwoOrgs {
 protected:
  ProjectsService projects{tdb.db()};
};

TEST_F(ProjectsServiceTest, AdminsCreateAndKeysAreUniquePerOrganization) {
  auto p = projects.create(as_owner, org_a, {"  Web app ", "WEB", "The site"});
  EXPECT_EQ(p.name, "Web app");
  EXPECT_EQ(p.org_id, org_a);
  EXPECT_EQ(p.created_by, owner);
  EXPECT_EQ(code_of([&] {
              projects.create(as_owner, org_a, {"Other", "WEB", ""});
            }),
            ErrorCode::kConflict);
  EXPECT_NO_THROW(projects.create(as_stranger, org_b, {"Their web", "WEB", ""}));
  EXPECT_EQ(code_of([&] {
              projects.create(as_viewer, org_a, {"V", "VV", ""});
            }),
            ErrorCode::kForbidden);
  // The role matrix gives project management to admins (issue 11, finding 7).
  EXPECT_EQ(code_of([&] {
              projects.create(as_member, org_a, {"M", "MM", ""});
            }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] {
              projects.create(as_owner, org_a, {"Bad", "bad", ""});
            }),
            ErrorCode::kValidationFailed);
}

TEST_F(ProjectsServiceTest, OtherTenantsSeeNothing) {
  auto p = projects.create(as_owner, org_a, {"Web", "WEB", ""});
  EXPECT_EQ(code_of([&] { projects.get(stranger, p.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] {
              projects.update(as_stranger, p.id, {std::string("X"), {}, {}});
            }),
            ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { projects.remove(as_stranger, p.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { projects.list(stranger, org_a, std::nullopt, 50); }),
            ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] {
              projects.create(as_stranger, org_a, {"X", "XX", ""});
            }),
            ErrorCode::kNotFound);
}

TEST_F(ProjectsServiceTest, UpdateChecksRoleAndKeyConflicts) {
  auto web = projects.create(as_owner, org_a, {"Web", "WEB", "d"});
  projects.create(as_owner, org_a, {"App", "APP", ""});
  EXPECT_EQ(code_of([&] {
              projects.update(as_viewer, web.id, {std::string("X"), {}, {}});
            }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] {
              projects.update(as_member, web.id, {std::string("X"), {}, {}});
            }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] {
              projects.update(as_owner, web.id, {{}, std::string("APP"), {}});
            }),
            ErrorCode::kConflict);
  auto updated =
      projects.update(as_owner, web.id, {std::string("Site"), std::string("WEB"), std::string("")});
  EXPECT_EQ(updated.name, "Site");
  EXPECT_EQ(updated.key, "WEB");
  EXPECT_EQ(updated.description, "");
  EXPECT_EQ(projects.get(viewer, web.id).name, "Site");
}

TEST_F(ProjectsServiceTest, AdminsSoftDeleteAndTheKeyBecomesFree) {
  auto web = projects.create(as_owner, org_a, {"Web", "WEB", ""});
  EXPECT_EQ(code_of([&] { projects.remove(as_member, web.id); }), ErrorCode::kForbidden);
  projects.remove(as_owner, web.id);
  EXPECT_EQ(code_of([&] { projects.get(owner, web.id); }), ErrorCode::kNotFound);
  EXPECT_TRUE(projects.list(owner, org_a, std::nullopt, 50).empty());
  EXPECT_NO_THROW(projects.create(as_owner, org_a, {"Web again", "WEB", ""}));
}

}  // namespace
}  // namespace prism::services
