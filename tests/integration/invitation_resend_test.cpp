// Inviting an address that already has a pending invitation: the 409 names
// that invitation, which an admin can send again (a new link, a new week, an
// audit entry, a limit per hour). The link's page can say who invites whom
// to what before anyone signs in.
#include <gtest/gtest.h>

#include <set>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"
#include "support/smtp_sink.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_error;
using testing::str;

class InvitationResendTest : public testing::OrgApiTest {
 protected:
  // The token of the `n`-th (1-based) invitation e-mail to `email`.
  static std::string nth_token(const std::string& email, std::size_t n) {
    std::string prefix = std::string(testing::kTestPublicUrl) + "/invitations/";
    auto is_invitation = [&](const testing::SmtpMessage& m) {
      return !m.to.empty() && m.to[0] == email && m.body().find(prefix) != std::string::npos;
    };
    // The sink checks its messages from the first on every wake-up: count
    // each distinct one once, so the n-th to arrive is the one returned.
    std::set<std::string> seen;
    auto found = sink_->wait_for_message([&](const testing::SmtpMessage& m) {
      return is_invitation(m) && seen.insert(m.data).second && seen.size() == n;
    });
    if (!found) throw std::runtime_error("no invitation e-mail number " + std::to_string(n));
    std::string body = found->body();
    auto start = body.find(prefix) + prefix.size();
    return body.substr(start, body.find_first_of(" \r\n", start) - start);
  }
};

TEST_F(InvitationResendTest, APendingAddressConflictsWithTheInvitationToSendAgain) {
  auto [owner, oc] = user("resend-owner");
  std::string email = testing::unique_email("resend-invitee");
  std::string invitations = "/api/v1/orgs/" + owner.org_id + "/invitations";
  auto first = oc->post(invitations, json::object{{"email", email}, {"role", "member"}});
  ASSERT_EQ(first.status, 201) << first.body;
  std::string id = str(first.json(), "id");
  std::string old_token = nth_token(email, 1);

  auto again = oc->post(invitations, json::object{{"email", email}, {"role", "viewer"}});
  expect_error(again, 409, "invitation_pending");
  EXPECT_EQ(str(again.json(), "invitation_id"), id);
  EXPECT_NE(str(again.json(), "detail").find("send it again"), std::string::npos) << again.body;
  auto member = oc->post(invitations, json::object{{"email", owner.email}, {"role", "viewer"}});
  expect_error(member, 409, "already_member");
  EXPECT_FALSE(member.json().as_object().contains("invitation_id"));

  auto resent = oc->post(invitations + "/" + id + "/resend");
  ASSERT_EQ(resent.status, 200) << resent.body;
  EXPECT_EQ(str(resent.json(), "id"), id);
  EXPECT_EQ(str(resent.json(), "role"), "member");
  EXPECT_GT(str(resent.json(), "expires_at"), str(first.json(), "expires_at"));
  std::string new_token = nth_token(email, 2);
  EXPECT_NE(new_token, old_token);

  // Only the newest link works; the invitation is still the one pending.
  auto anon = anonymous_client();
  expect_error(anon->get("/api/v1/invitations/" + old_token), 404);
  auto preview = anon->get("/api/v1/invitations/" + new_token);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(str(preview.json(), "org_name"), "resend-owner org");
  EXPECT_EQ(str(preview.json(), "inviter_name"), "Test User");
  EXPECT_EQ(str(preview.json(), "email"), email);
  EXPECT_EQ(str(preview.json(), "role"), "member");
  EXPECT_EQ(str(preview.json(), "expires_at"), str(resent.json(), "expires_at"));
  auto pending = oc->get(invitations);
  ASSERT_EQ(pending.json().at("items").as_array().size(), 1u);

  auto log = oc->get("/api/v1/orgs/" + owner.org_id + "/audit?action=invitation.resent");
  ASSERT_EQ(log.status, 200) << log.body;
  ASSERT_EQ(log.json().at("items").as_array().size(), 1u);
  const auto& entry = log.json().at("items").at(0);
  EXPECT_EQ(str(entry, "target_id"), id);
  EXPECT_EQ(str(entry, "summary"),
            "Test User sent the invitation for " + email + " (member) again.");
}

TEST_F(InvitationResendTest, ResendingIsLimitedPerInvitationAndOnlyForPendingOnes) {
  auto [owner, oc] = user("limit-owner");
  std::string invitations = "/api/v1/orgs/" + owner.org_id + "/invitations";
  auto inv = oc->post(invitations, json::object{{"email", testing::unique_email("limit-invitee")},
                                                {"role", "viewer"}});
  ASSERT_EQ(inv.status, 201) << inv.body;
  std::string resend = invitations + "/" + str(inv.json(), "id") + "/resend";
  for (int i = 0; i < 3; ++i) ASSERT_EQ(oc->post(resend).status, 200) << "resend " << i;
  auto limited = oc->post(resend);
  expect_error(limited, 429, "rate_limited");
  EXPECT_FALSE(limited.header("retry-after").empty());
  EXPECT_FALSE(limited.header("ratelimit-policy").empty());

  // Another invitation has its own allowance.
  auto other = oc->post(
      invitations, json::object{{"email", testing::unique_email("other")}, {"role", "viewer"}});
  ASSERT_EQ(other.status, 201);
  EXPECT_EQ(oc->post(invitations + "/" + str(other.json(), "id") + "/resend").status, 200);

  // Withdrawn: nothing to send again.
  ASSERT_EQ(oc->del(invitations + "/" + str(other.json(), "id")).status, 204);
  expect_error(oc->post(invitations + "/" + str(other.json(), "id") + "/resend"), 404);
  expect_error(oc->post(invitations + "/no-such-invitation/resend"), 404);
}

TEST_F(InvitationResendTest, AdminsMayNotSendAnOwnerInvitationAgain) {
  auto [owner, oc] = user("owner-inv");
  auto [admin, ac] = user("admin-inv");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, admin, *ac, "admin");
  std::string invitations = "/api/v1/orgs/" + owner.org_id + "/invitations";
  auto inv = oc->post(invitations, json::object{{"email", testing::unique_email("future-owner")},
                                                {"role", "owner"}});
  ASSERT_EQ(inv.status, 201) << inv.body;
  expect_error(ac->post(invitations + "/" + str(inv.json(), "id") + "/resend"), 403);
  EXPECT_EQ(oc->post(invitations + "/" + str(inv.json(), "id") + "/resend").status, 200);
}

TEST_F(InvitationResendTest, ThePreviewOfAUsedOrUnknownLinkSaysSo) {
  auto [owner, oc] = user("preview-owner");
  auto [eve, ec] = user("preview-eve");
  ASSERT_EQ(oc->post("/api/v1/orgs/" + owner.org_id + "/invitations",
                     json::object{{"email", eve.email}, {"role", "admin"}})
                .status,
            201);
  std::string token = testing::invitation_token_for(*sink_, eve.email);
  auto anon = anonymous_client();
  auto preview = anon->get("/api/v1/invitations/" + token);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(str(preview.json(), "role"), "admin");
  ASSERT_EQ(ec->post("/api/v1/invitations/" + token + "/accept").status, 200);
  expect_error(anon->get("/api/v1/invitations/" + token), 410, "gone");
  expect_error(anon->get("/api/v1/invitations/unknown-token"), 404, "not_found");
}

}  // namespace
}  // namespace prism
