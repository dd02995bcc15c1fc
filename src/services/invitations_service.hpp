#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/request_limiter.hpp"
#include "mail/mailer.hpp"
#include "services/caller.hpp"
#include "services/collab/notifier.hpp"
#include "services/orgs_input.hpp"
#include "services/orgs_service.hpp"
#include "store/database.hpp"
#include "store/invitations_store.hpp"

namespace prism::services {

constexpr std::int64_t kInvitationLifetimeMs = 7LL * 24 * 3600 * 1000;

// Invitations by e-mail. The link carries a random token; only its SHA-256 is
// stored, and the invitation is bound to the invited address.
class InvitationsService {
 public:
  // `public_url` is where the web app is reached, e.g. https://prism.example.com;
  // links point to <public_url>/invitations/<token>.
  InvitationsService(store::Database& db, mail::Mailer& mailer, std::string public_url);
  // As above, with every invitation sent counted by `send_limiter` (per
  // client address and in total): past its limit create() answers 429.
  InvitationsService(store::Database& db, mail::Mailer& mailer, std::string public_url,
                     auth::RequestLimiter& send_limiter);

  // Admin or higher (owner to invite an owner). 409 when the address already
  // belongs to a member or has a pending invitation. Sends the e-mail after the
  // invitation is committed; when sending fails the invitation is withdrawn
  // again and the call fails with 503, so the admin can simply retry.
  store::invitations::Invitation create(const Caller& caller, std::string_view org_id,
                                        const InvitationInput& input);
  // Admin or higher; pending invitations only, up to `limit + 1` after `cursor`.
  std::vector<store::invitations::Invitation> list_pending(std::string_view user_id,
                                                           std::string_view org_id,
                                                           const std::optional<std::string>& cursor,
                                                           int limit);
  // Admin or higher; 404 unless the invitation is pending.
  void withdraw(const Caller& caller, std::string_view org_id, std::string_view invitation_id);
  // The signed-in user joins with the invited role: 404 for an unknown token,
  // 410 when it expired, was used or withdrawn, 403 when the invitation was
  // sent to another address, 409 when already a member. The inviter must
  // still be a member whose role may grant the invited one; otherwise the
  // invitation is withdrawn (and audited) and the answer is 410.
  OrgView accept(const Caller& caller, std::string_view token);

  // The inviter is told when an invitation is accepted (invitation_accepted).
  void notify_with(collab::Notifier& notifier) { notifier_ = &notifier; }

 private:
  store::Database& db_;
  mail::Mailer& mailer_;
  std::string public_url_;
  auth::RequestLimiter* send_limiter_ = nullptr;  // none: unlimited
  collab::Notifier* notifier_ = nullptr;          // none: nobody is told
};

// Withdraws the pending invitations `inviter_id` sent in the organization
// that `rights` (their role now; nullopt once they are no longer a member)
// may not grant, recording each in the audit log with `reason`. Runs in the
// transaction that changes the membership, so an invitation never outlives
// its sender's right to grant it.
void withdraw_invitations_beyond(store::Tx& tx, std::string_view org_id,
                                 std::string_view inviter_id, std::optional<Role> rights,
                                 std::string_view reason, const Caller& actor);

}  // namespace prism::services
