#include "services/orgs/org_rules.hpp"

#include <gtest/gtest.h>

#include "core/error_testing.hpp"

namespace prism::services {
namespace {

TEST(Slug, AcceptsLowercaseDigitsAndHyphensOfTwoToFifty) {
  EXPECT_TRUE(is_valid_slug("ab"));
  EXPECT_TRUE(is_valid_slug("acme-2024"));
  EXPECT_TRUE(is_valid_slug(std::string(50, 'a')));
  EXPECT_FALSE(is_valid_slug("a"));
  EXPECT_FALSE(is_valid_slug(std::string(51, 'a')));
  EXPECT_FALSE(is_valid_slug("Acme"));
  EXPECT_FALSE(is_valid_slug("acme_inc"));
  EXPECT_FALSE(is_valid_slug("acme inc"));
  EXPECT_FALSE(is_valid_slug("café"));
}

TEST(Slug, DerivedFromNameCollapsesEverythingElseIntoSingleHyphens) {
  EXPECT_EQ(slug_base_from_name("Acme Inc."), "acme-inc");
  EXPECT_EQ(slug_base_from_name("  --Hello,   World!-- "), "hello-world");
  EXPECT_EQ(slug_base_from_name("Café Crème 2"), "caf-cr-me-2");
  EXPECT_EQ(slug_base_from_name("日本"), "org");
  EXPECT_EQ(slug_base_from_name("X"), "x-org");
  std::string derived = slug_base_from_name(std::string(80, 'a'));
  EXPECT_EQ(derived.size(), kMaxSlugLength);
  EXPECT_TRUE(is_valid_slug(derived));
}

TEST(Slug, SuffixKeepsTheSlugWithinFiftyCharacters) {
  EXPECT_EQ(slug_with_suffix("acme", 2), "acme-2");
  std::string long_base = std::string(46, 'a') + "-bcd";
  std::string s = slug_with_suffix(long_base, 12);
  EXPECT_EQ(s, std::string(46, 'a') + "-12");  // the dangling hyphen is dropped
  EXPECT_EQ(slug_with_suffix(std::string(50, 'z'), 3), std::string(48, 'z') + "-3");
  EXPECT_TRUE(is_valid_slug(s));
}

TEST(ProjectKey, TwoToTenUpperCaseLettersOrDigits) {
  EXPECT_TRUE(is_valid_project_key("PR"));
  EXPECT_TRUE(is_valid_project_key("WEB2"));
  EXPECT_TRUE(is_valid_project_key("ABCDEFGHIJ"));
  EXPECT_FALSE(is_valid_project_key("P"));
  EXPECT_FALSE(is_valid_project_key("ABCDEFGHIJK"));
  EXPECT_FALSE(is_valid_project_key("prd"));
  EXPECT_FALSE(is_valid_project_key("PR-1"));
  EXPECT_FALSE(is_valid_project_key("PR D"));
}

TEST(Names, TrimmedAndBlankRejected) {
  EXPECT_EQ(trimmed_name("  Acme \n"), "Acme");
  EXPECT_FALSE(trimmed_name(" \t ").has_value());
}

TEST(RoleChange, AdminsManageRolesBelowOwner) {
  EXPECT_NO_THROW(check_role_change(Role::kAdmin, Role::kViewer, Role::kAdmin, 1));
  EXPECT_NO_THROW(check_role_change(Role::kAdmin, Role::kAdmin, Role::kMember, 1));
  EXPECT_EQ(code_of([] { check_role_change(Role::kMember, Role::kViewer, Role::kMember, 1); }),
            ErrorCode::kForbidden);
}

TEST(RoleChange, OnlyAnOwnerGrantsOrRevokesOwner) {
  EXPECT_EQ(code_of([] { check_role_change(Role::kAdmin, Role::kMember, Role::kOwner, 1); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([] { check_role_change(Role::kAdmin, Role::kOwner, Role::kAdmin, 2); }),
            ErrorCode::kForbidden);
  EXPECT_NO_THROW(check_role_change(Role::kOwner, Role::kMember, Role::kOwner, 1));
  EXPECT_NO_THROW(check_role_change(Role::kOwner, Role::kOwner, Role::kAdmin, 2));
}

TEST(RoleChange, TheLastOwnerCannotBeDemoted) {
  EXPECT_EQ(code_of([] { check_role_change(Role::kOwner, Role::kOwner, Role::kAdmin, 1); }),
            ErrorCode::kConflict);
}

TEST(Removal, AdminsRemoveOthersMembersOnlyLeave) {
  EXPECT_NO_THROW(check_member_removal(Role::kAdmin, false, Role::kAdmin, 1));
  EXPECT_NO_THROW(check_member_removal(Role::kViewer, true, Role::kViewer, 1));
  EXPECT_EQ(code_of([] { check_member_removal(Role::kMember, false, Role::kViewer, 1); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([] { check_member_removal(Role::kAdmin, false, Role::kOwner, 2); }),
            ErrorCode::kForbidden);
  EXPECT_NO_THROW(check_member_removal(Role::kOwner, false, Role::kOwner, 2));
}

TEST(Removal, TheLastOwnerCannotBeRemovedNorLeave) {
  EXPECT_EQ(code_of([] { check_member_removal(Role::kOwner, true, Role::kOwner, 1); }),
            ErrorCode::kConflict);
  EXPECT_NO_THROW(check_member_removal(Role::kOwner, true, Role::kOwner, 2));
}

TEST(InvitationRole, OwnerInvitationsNeedAnOwner) {
  EXPECT_NO_THROW(check_invitation_role(Role::kAdmin, Role::kAdmin));
  EXPECT_NO_THROW(check_invitation_role(Role::kOwner, Role::kOwner));
  EXPECT_EQ(code_of([] { check_invitation_role(Role::kAdmin, Role::kOwner); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([] { check_invitation_role(Role::kMember, Role::kViewer); }),
            ErrorCode::kForbidden);
}

TEST(InvitationRole, WhatEachRoleMayGrant) {
  for (Role r : {Role::kViewer, Role::kMember, Role::kAdmin}) {
    EXPECT_TRUE(may_grant(Role::kAdmin, r));
    EXPECT_TRUE(may_grant(Role::kOwner, r));
    EXPECT_FALSE(may_grant(Role::kMember, r));
    EXPECT_FALSE(may_grant(Role::kViewer, r));
  }
  EXPECT_TRUE(may_grant(Role::kOwner, Role::kOwner));
  EXPECT_FALSE(may_grant(Role::kAdmin, Role::kOwner));
}

}  // namespace
}  // namespace prism::services
