#pragma once

#include <string>

#include "services/caller.hpp"
#include "services/orgs/orgs_service.hpp"
#include "store/orgs_store.hpp"
#include "store/testing_db.hpp"

namespace prism::services::testing {

// The tenants most service tests need, in a real migrated SQLite database:
// organization A with an owner, a member and a viewer, and organization B
// owned by a stranger who has no part in A. Mixed into a test fixture:
//   class FooTest : public ::testing::Test, protected testing::TwoOrgs { … };
struct TwoOrgs {
  TwoOrgs() {
    OrgsService orgs(tdb.db());
    org_a = orgs.create(as_owner, {"Acme", std::nullopt}).org.id;
    org_b = orgs.create(as_stranger, {"Beta", std::nullopt}).org.id;
    tdb.db().write([&](store::Tx& tx) {
      store::orgs::insert_membership(tx, org_a, member, "member", 1);
      store::orgs::insert_membership(tx, org_a, viewer, "viewer", 1);
    });
  }

  store::testing::TempDatabase tdb;
  std::string owner = tdb.add_user("owner@example.com");
  std::string member = tdb.add_user("member@example.com");
  std::string viewer = tdb.add_user("viewer@example.com");
  std::string stranger = tdb.add_user("stranger@example.com");
  Caller as_owner{owner, ""};
  Caller as_member{member, ""};
  Caller as_viewer{viewer, ""};
  Caller as_stranger{stranger, ""};
  std::string org_a;
  std::string org_b;
};

}  // namespace prism::services::testing
