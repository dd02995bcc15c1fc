#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/request_limiter.hpp"
#include "cache/cache.hpp"
#include "mail/mailer.hpp"
#include "services/caller.hpp"
#include "services/collab/notifier.hpp"
#include "services/orgs/orgs_input.hpp"
#include "services/orgs/orgs_service.hpp"
#include "store/database.hpp"
#include "store/invitations_store.hpp"

namespace prism::services {

constexpr std::int64_t kInvitationLifetimeMs = 7LL * 24 * 3600 * 1000;
// How often one invitation may be sent again: a burst of this many, then one
// per hour divided by it.
constexpr int kInvitationResendsPerHour = 3;

// What the invitation page shows before anyone signs in: who invites whom,
// to which organization, as what.
struct InvitationPreview {
  std::string org_name;
  std::string inviter_name;  // their name, else their e-mail address
  std::string email;         // the invited address
  std::string role;
  std::int64_t expires_at = 0;
};

// Invitations by e-mail. The link carries a random token; only its SHA-256 is
// stored, and the invitation is bound to the invited address.
class InvitationsService {
 public:
  // `public_url` is where the web app is reached, e.g. https://prism.example.com;
  // links point to <public_url>/invitations/<token>.
  InvitationsService(store::Database& db, mail::Mailer& mailer, std::string public_url);
  // As above, with every invitation e-mail (sent or sent again) counted by
  // `send_limiter` (per client address and in total): past its limit
  // create() and resend() answer 429. `cache` counts the resends of each
  // invitation (kInvitationResendsPerHour).
  InvitationsService(store::Database& db, mail::Mailer& mailer, std::string public_url,
                     auth::RequestLimiter& send_limiter, cache::Cache& cache);

  // Admin or higher (owner to invite an owner). 409 when the address already
  // belongs to a member (code already_member) or has a pending invitation
  // (code invitation_pending, with its id as invitation_id, so a client can
  // offer to send that one again). Sends the e-mail after the invitation is
  // committed; when sending fails the invitation is withdrawn again and the
  // call fails with 503, so the admin can simply retry.
  store::invitations::Invitation create(const Caller& caller, std::string_view org_id,
                                        const InvitationInput& input);
  // Admin or higher; pending invitations only, up to `limit + 1` after `cursor`.
  std::vector<store::invitations::Invitation> list_pending(std::string_view user_id,
                                                           std::string_view org_id,
                                                           const std::optional<std::string>& cursor,
                                                           int limit);
  // Admin or higher (owner for an owner invitation); 404 unless the
  // invitation is pending. E-mails a new link (the old one stops working)
  // valid for another kInvitationLifetimeMs, and audits it. 429 past
  // kInvitationResendsPerHour for this invitation or the send limit; 503
  // when the e-mail cannot be sent (the invitation stays pending: try again).
  store::invitations::Invitation resend(const Caller& caller, std::string_view org_id,
                                        std::string_view invitation_id);
  // Admin or higher; 404 unless the invitation is pending.
  void withdraw(const Caller& caller, std::string_view org_id, std::string_view invitation_id);
  // The signed-in user joins with the invited role: 404 for an unknown token,
  // 410 when it expired, was used or withdrawn, 403 when the invitation was
  // sent to another address, 409 when already a member. The inviter must
  // still be a member whose role may grant the invited one; otherwise the
  // invitation is withdrawn (and audited) and the answer is 410.
  OrgView accept(const Caller& caller, std::string_view token);
  // No sign-in needed (the token is the capability): 404 for an unknown
  // token, 410 as accept() when it can no longer be used.
  InvitationPreview preview(std::string_view token);

  // The inviter is told when an invitation is accepted (invitation_accepted).
  void notify_with(collab::Notifier& notifier) { notifier_ = &notifier; }

 private:
  // Counts one more e-mail of the invitation: the send limit and its own.
  void admit_resend(std::string_view invitation_id, std::string_view ip);

  store::Database& db_;
  mail::Mailer& mailer_;
  std::string public_url_;
  auth::RequestLimiter* send_limiter_ = nullptr;  // none: unlimited
  collab::Notifier* notifier_ = nullptr;          // none: nobody is told
  cache::Cache* cache_ = nullptr;                 // none: resends unlimited
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
