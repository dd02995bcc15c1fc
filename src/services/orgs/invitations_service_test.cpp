#include "services/orgs/invitations_service.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error_testing.hpp"
#include "core/ids.hpp"
#include "services/audit/audit_log_service.hpp"
#include "services/orgs/members_service.hpp"
#include "store/testing_db.hpp"

namespace prism::services {
namespace {

// Keeps every message instead of delivering it; can be told to fail.
class RecordingMailer final : public mail::Mailer {
 public:
  void send(const mail::Message& message) override {
    if (fail) throw std::runtime_error("smtp: connection refused");
    sent.push_back(message);
  }
  std::vector<mail::Message> sent;
  bool fail = false;
};

std::string token_in(const mail::Message& m) {
  constexpr std::string_view kPrefix = "https://prism.test/invitations/";
  auto at = m.text.find(kPrefix);
  if (at == std::string::npos) return {};
  auto start = at + kPrefix.size();
  return m.text.substr(start, m.text.find('\n', start) - start);
}

class InvitationsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    org_id = OrgsService(tdb.db()).create(as_owner, {"Acme", std::nullopt}).org.id;
    tdb.db().write(
        [&](store::Tx& tx) { store::orgs::insert_membership(tx, org_id, admin, "admin", 1); });
  }

  store::testing::TempDatabase tdb;
  RecordingMailer mailer;
  InvitationsService invitations{tdb.db(), mailer, "https://prism.test/"};
  std::string owner = tdb.add_user("owner@example.com", "Olga");
  std::string admin = tdb.add_user("admin@example.com", "Adam");
  std::string invitee = tdb.add_user("Eve@Example.com", "Eve");
  std::string other = tdb.add_user("other@example.com", "Otto");
  Caller as_owner{owner, ""};
  Caller as_admin{admin, ""};
  Caller as_invitee{invitee, ""};
  Caller as_other{other, ""};
  std::string org_id;
};

TEST_F(InvitationsServiceTest, SendsALinkWhoseTokenIsStoredOnlyHashed) {
  auto inv = invitations.create(as_admin, org_id, {"eve@example.com", Role::kViewer});
  EXPECT_EQ(inv.role, "viewer");
  EXPECT_EQ(inv.expires_at - inv.created_at, kInvitationLifetimeMs);
  ASSERT_EQ(mailer.sent.size(), 1u);
  EXPECT_EQ(mailer.sent[0].to, "eve@example.com");
  EXPECT_NE(mailer.sent[0].subject.find("Acme"), std::string::npos);
  EXPECT_NE(mailer.sent[0].text.find("Adam invited you"), std::string::npos);
  std::string token = token_in(mailer.sent[0]);
  ASSERT_EQ(token.size(), 43u);  // 32 random bytes, base64url without padding
  EXPECT_EQ(inv.token_hash, crypto::sha256_hex(token));
  EXPECT_EQ(inv.token_hash.find(token), std::string::npos);
  auto pending = invitations.list_pending(admin, org_id, std::nullopt, 50);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].id, inv.id);
}

TEST_F(InvitationsServiceTest, ConflictsForMembersAndPendingAddresses) {
  EXPECT_EQ(code_of([&] {
              invitations.create(as_admin, org_id, {"admin@example.com", Role::kMember});
            }),
            ErrorCode::kConflict);
  invitations.create(as_admin, org_id, {"new@example.com", Role::kMember});
  EXPECT_EQ(code_of([&] {
              invitations.create(as_admin, org_id, {"new@example.com", Role::kAdmin});
            }),
            ErrorCode::kConflict);
  EXPECT_EQ(code_of([&] {
              invitations.create(as_admin, org_id, {"boss@example.com", Role::kOwner});
            }),
            ErrorCode::kForbidden);
  EXPECT_NO_THROW(invitations.create(as_owner, org_id, {"boss@example.com", Role::kOwner}));
  EXPECT_EQ(code_of([&] {
              invitations.create(as_other, org_id, {"x@example.com", Role::kMember});
            }),
            ErrorCode::kNotFound);
}

TEST_F(InvitationsServiceTest, AcceptJoinsWithTheInvitedRoleOnceAndOnlyForTheInvitedAddress) {
  invitations.create(as_admin, org_id, {"eve@example.com", Role::kViewer});
  std::string token = token_in(mailer.sent.at(0));
  EXPECT_EQ(code_of([&] { invitations.accept(as_other, token); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { invitations.accept(as_invitee, "not-a-token"); }), ErrorCode::kNotFound);
  auto joined = invitations.accept(as_invitee, token);
  EXPECT_EQ(joined.org.id, org_id);
  EXPECT_EQ(joined.role, Role::kViewer);
  auto members = MembersService(tdb.db()).list(invitee, org_id, std::nullopt, 50);
  EXPECT_EQ(members.size(), 3u);
  EXPECT_EQ(code_of([&] { invitations.accept(as_invitee, token); }), ErrorCode::kGone);
  EXPECT_TRUE(invitations.list_pending(admin, org_id, std::nullopt, 50).empty());
  auto log = AuditLogService(tdb.db()).list(owner, org_id, {}, std::nullopt, 1);
  EXPECT_EQ(log.at(0).row.action, "member.joined");
}

TEST_F(InvitationsServiceTest, WithdrawnAndExpiredInvitationsAreGone) {
  auto inv = invitations.create(as_admin, org_id, {"eve@example.com", Role::kMember});
  std::string token = token_in(mailer.sent.at(0));
  invitations.withdraw(as_admin, org_id, inv.id);
  EXPECT_EQ(code_of([&] { invitations.withdraw(as_admin, org_id, inv.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { invitations.accept(as_invitee, token); }), ErrorCode::kGone);

  std::string expired_token = crypto::random_token(32);
  tdb.db().write([&](store::Tx& tx) {
    std::int64_t long_ago = now_unix_ms() - kInvitationLifetimeMs - 1000;
    store::invitations::insert(
        tx,
        {new_id(), org_id, "eve@example.com", "member", crypto::sha256_hex(expired_token), admin,
         long_ago, long_ago + kInvitationLifetimeMs, std::nullopt, std::nullopt, std::nullopt});
  });
  EXPECT_EQ(code_of([&] { invitations.accept(as_invitee, expired_token); }), ErrorCode::kGone);
  // An expired invitation no longer blocks a new one.
  EXPECT_NO_THROW(invitations.create(as_admin, org_id, {"eve@example.com", Role::kMember}));
}

TEST_F(InvitationsServiceTest, AFailedEmailWithdrawsTheInvitationSoItCanBeRetried) {
  mailer.fail = true;
  EXPECT_EQ(code_of([&] {
              invitations.create(as_admin, org_id, {"eve@example.com", Role::kMember});
            }),
            ErrorCode::kUnavailable);
  EXPECT_TRUE(invitations.list_pending(admin, org_id, std::nullopt, 50).empty());
  mailer.fail = false;
  EXPECT_NO_THROW(invitations.create(as_admin, org_id, {"eve@example.com", Role::kMember}));
}

// Acceptance checks the sender again, whatever changed their membership: a
// removed inviter, or one whose role no longer includes the invited one, makes
// the invitation gone, and it stays withdrawn.
TEST_F(InvitationsServiceTest, AcceptanceRechecksThatTheInviterMayStillGrantTheRole) {
  invitations.create(as_admin, org_id, {"eve@example.com", Role::kAdmin});
  std::string token = token_in(mailer.sent.at(0));
  tdb.db().write([&](store::Tx& tx) { store::orgs::delete_membership(tx, org_id, admin); });
  EXPECT_EQ(code_of([&] { invitations.accept(as_invitee, token); }), ErrorCode::kGone);
  EXPECT_FALSE(
      tdb.db().read([&](store::Tx& tx) { return store::orgs::find_member(tx, org_id, invitee); }));
  auto stored = tdb.db().read([&](store::Tx& tx) {
    return store::invitations::find_by_token_hash(tx, crypto::sha256_hex(token));
  });
  ASSERT_TRUE(stored);
  EXPECT_TRUE(stored->revoked_at) << "the refused invitation is withdrawn for good";
  auto log = AuditLogService(tdb.db()).list(owner, org_id, {}, std::nullopt, 1);
  EXPECT_EQ(log.at(0).row.action, "invitation.withdrawn");

  tdb.db().write(
      [&](store::Tx& tx) { store::orgs::insert_membership(tx, org_id, admin, "admin", 1); });
  invitations.create(as_admin, org_id, {"other@example.com", Role::kMember});
  std::string second = token_in(mailer.sent.at(1));
  tdb.db().write(
      [&](store::Tx& tx) { store::orgs::update_member_role(tx, org_id, admin, "member"); });
  EXPECT_EQ(code_of([&] { invitations.accept(as_other, second); }), ErrorCode::kGone);
}

}  // namespace
}  // namespace prism::services
