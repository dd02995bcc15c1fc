// An invitation lives no longer than its sender's right to grant it (issue
// 11, finding 8), through the real binary: removing or demoting the inviter
// withdraws their pending invitations above their new rights (audited), and
// the others stay usable.
#include <gtest/gtest.h>

#include "support/api_helpers.hpp"
#include "support/org_helpers.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_error;
using testing::str;

class InviterRights : public testing::OrgApiTest {
 protected:
  std::string invite(testing::HttpClient& c, const std::string& org, const std::string& email,
                     const std::string& role) {
    auto r = c.post("/api/v1/orgs/" + org + "/invitations",
                    json::object{{"email", email}, {"role", role}});
    testing::expect_status(r, 201, "invite " + email);
    return testing::invitation_token_for(*sink_, email);
  }
  std::vector<std::string> pending_emails(testing::HttpClient& c, const std::string& org) {
    auto r = c.get("/api/v1/orgs/" + org + "/invitations");
    testing::expect_status(r, 200, "pending invitations");
    std::vector<std::string> out;
    for (const auto& i : r.json().at("items").as_array()) out.push_back(str(i, "email"));
    return out;
  }
  int audit_count(testing::HttpClient& c, const std::string& org, const std::string& action) {
    auto r = c.get("/api/v1/orgs/" + org + "/audit?limit=100");
    testing::expect_status(r, 200, "audit");
    int n = 0;
    for (const auto& e : r.json().at("items").as_array()) n += str(e, "action") == action;
    return n;
  }
};

TEST_F(InviterRights, RemovingAnAdminWithdrawsTheirPendingInvitations) {
  auto [owner, oc] = user("owner");
  auto [admin, ac] = user("admin");
  auto [eve, ec] = user("eve");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, admin, *ac, "admin");
  std::string token = invite(*ac, owner.org_id, eve.email, "admin");

  ASSERT_EQ(oc->del("/api/v1/orgs/" + owner.org_id + "/members/" + admin.user_id).status, 204);
  EXPECT_TRUE(pending_emails(*oc, owner.org_id).empty());
  auto refused = ec->post("/api/v1/invitations/" + token + "/accept");
  expect_error(refused, 410, "gone");
  expect_error(ec->get("/api/v1/orgs/" + owner.org_id), 404);
  EXPECT_EQ(audit_count(*oc, owner.org_id, "invitation.withdrawn"), 1);
}

TEST_F(InviterRights, DemotingAnInviterWithdrawsOnlyWhatTheyMayNoLongerGrant) {
  auto [owner, oc] = user("owner");
  auto [second, sc] = user("second");
  auto [ann, anc] = user("ann");
  auto [bob, bc] = user("bob");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, second, *sc, "owner");
  std::string as_owner = invite(*sc, owner.org_id, ann.email, "owner");
  std::string as_member = invite(*sc, owner.org_id, bob.email, "member");

  // An owner made admin may still invite members, but no longer owners.
  auto demoted = oc->patch("/api/v1/orgs/" + owner.org_id + "/members/" + second.user_id,
                           json::object{{"role", "admin"}});
  ASSERT_EQ(demoted.status, 200) << demoted.body;
  EXPECT_EQ(pending_emails(*oc, owner.org_id), std::vector<std::string>{bob.email});
  expect_error(anc->post("/api/v1/invitations/" + as_owner + "/accept"), 410, "gone");
  auto joined = bc->post("/api/v1/invitations/" + as_member + "/accept");
  EXPECT_EQ(joined.status, 200) << joined.body;
  EXPECT_EQ(audit_count(*oc, owner.org_id, "invitation.withdrawn"), 1);
}

TEST_F(InviterRights, AnAdminDemotedToMemberLosesEveryPendingInvitation) {
  auto [owner, oc] = user("owner");
  auto [admin, ac] = user("admin");
  auto [eve, ec] = user("eve");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, admin, *ac, "admin");
  std::string token = invite(*ac, owner.org_id, eve.email, "viewer");

  ASSERT_EQ(oc->patch("/api/v1/orgs/" + owner.org_id + "/members/" + admin.user_id,
                      json::object{{"role", "member"}})
                .status,
            200);
  EXPECT_TRUE(pending_emails(*oc, owner.org_id).empty());
  expect_error(ec->post("/api/v1/invitations/" + token + "/accept"), 410, "gone");
}

}  // namespace
}  // namespace prism
