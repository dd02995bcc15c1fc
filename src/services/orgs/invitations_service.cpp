#include "services/orgs/invitations_service.hpp"

#include <spdlog/spdlog.h>

#include "auth/email_address.hpp"
#include "cache/keys.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/audit/audit.hpp"
#include "services/orgs/org_rules.hpp"
#include "store/orgs_store.hpp"

namespace prism::services {

namespace {

std::string token_hash(std::string_view token) { return crypto::sha256_hex(token); }

Error gone(std::string why) { return Error(ErrorCode::kGone, std::move(why)); }

// The invitation a link's token names, while it can still be accepted.
store::invitations::Invitation usable_invitation(store::Tx& tx, std::string_view token,
                                                 std::int64_t now) {
  auto inv = store::invitations::find_by_token_hash(tx, token_hash(token));
  if (!inv) throw not_found("invitation");
  if (inv->accepted_at) throw gone("this invitation has already been used");
  if (inv->revoked_at) throw gone("this invitation was withdrawn");
  if (inv->expires_at <= now) throw gone("this invitation has expired; ask for a new one");
  return std::move(*inv);
}

std::string display_name(const store::orgs::UserContact& user) {
  return user.name.empty() ? user.email : user.name;
}

mail::Message invitation_email(const std::string& to, const std::string& inviter,
                               const std::string& org_name, std::string_view role,
                               const std::string& link, std::int64_t expires_at) {
  std::string text = inviter + " invited you to join the organization \"" + org_name +
                     "\" on PRISM as " + std::string(role) + ".\n\n" +
                     "Accept the invitation here:\n" + link + "\n\n" +
                     "The link works once and expires on " + rfc3339(expires_at / 1000) +
                     ". Sign in (or create an account) with this e-mail address to accept it.\n" +
                     "If you did not expect this invitation, you can ignore this message.\n";
  return mail::Message{to, "You are invited to " + org_name + " on PRISM", std::move(text)};
}

// The e-mail inviting `inv.email` with the link of `token`, from `inviter_id`
// on behalf of the invitation's organization.
mail::Message invitation_message(store::Tx& tx, std::string_view inviter_id,
                                 const store::invitations::Invitation& inv,
                                 const std::string& token, const std::string& public_url) {
  auto org = store::orgs::find_org(tx, inv.org_id);
  auto inviter = store::orgs::user_contact(tx, inviter_id);
  if (!org || !inviter) throw not_found("organization");
  return invitation_email(inv.email, display_name(*inviter), org->name, inv.role,
                          public_url + "/invitations/" + token, inv.expires_at);
}

Error mail_failed(const std::exception& e) {
  return Error(ErrorCode::kUnavailable,
               "the invitation e-mail could not be sent; please try again later",
               std::string("invitation mail failed: ") + e.what());
}

}  // namespace

InvitationsService::InvitationsService(store::Database& db, mail::Mailer& mailer,
                                       std::string public_url)
    : db_(db), mailer_(mailer), public_url_(std::move(public_url)) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

InvitationsService::InvitationsService(store::Database& db, mail::Mailer& mailer,
                                       std::string public_url, auth::RequestLimiter& send_limiter,
                                       cache::Cache& cache)
    : InvitationsService(db, mailer, std::move(public_url)) {
  send_limiter_ = &send_limiter;
  cache_ = &cache;
}

void withdraw_invitations_beyond(store::Tx& tx, std::string_view org_id,
                                 std::string_view inviter_id, std::optional<Role> rights,
                                 std::string_view reason, const Caller& actor) {
  std::int64_t now = now_unix_ms();
  for (const auto& inv : store::invitations::list_pending_by_inviter(tx, org_id, inviter_id, now)) {
    auto role = parse_role(inv.role);
    if (rights && role && may_grant(*rights, *role)) continue;
    store::invitations::mark_revoked(tx, inv.id, now);
    record_audit(tx,
                 AuditEntry{inv.org_id, actor.user_id, "invitation.withdrawn", "invitation", inv.id,
                            json::object{{"email", inv.email},
                                         {"role", inv.role},
                                         {"invited_by", inv.invited_by},
                                         {"reason", std::string(reason)}},
                            actor.ip});
  }
}

store::invitations::Invitation InvitationsService::create(const Caller& caller,
                                                          std::string_view org_id,
                                                          const InvitationInput& input) {
  std::string token = crypto::random_token(32);
  mail::Message message;
  // Every attempt counts, so nobody can use PRISM to mail many addresses.
  if (send_limiter_) send_limiter_->admit(caller.ip);
  auto invitation = db_.write([&](store::Tx& tx) {
    auto access = require_org(tx, caller.user_id, org_id, Role::kAdmin);
    check_invitation_role(access.role, input.role);
    std::int64_t now = now_unix_ms();
    if (store::orgs::email_is_member(tx, org_id, input.email)) {
      throw conflict("a member of this organization already has this e-mail address")
          .with_machine_code("already_member");
    }
    if (auto pending = store::invitations::find_pending_for_email(tx, org_id, input.email, now)) {
      throw conflict("this e-mail address already has a pending invitation (as " + pending->role +
                     "); send it again, or withdraw it to invite with another role")
          .with_machine_code("invitation_pending")
          .with_extension("invitation_id", pending->id);
    }
    store::invitations::Invitation inv{
        new_id(),          std::string(org_id), input.email, std::string(to_string(input.role)),
        token_hash(token), caller.user_id,      now,         now + kInvitationLifetimeMs,
        std::nullopt,      std::nullopt,        std::nullopt};
    store::invitations::insert(tx, inv);
    record_audit(tx,
                 AuditEntry{inv.org_id, caller.user_id, "invitation.created", "invitation", inv.id,
                            json::object{{"email", inv.email}, {"role", inv.role}}, caller.ip});
    message = invitation_message(tx, caller.user_id, inv, token, public_url_);
    return inv;
  });
  // The e-mail goes out after the commit: a slow mail server must not hold
  // the write lock, and the link must not reach anyone before it works.
  try {
    mailer_.send(message);
  } catch (const std::exception& e) {
    db_.write(
        [&](store::Tx& tx) { store::invitations::mark_revoked(tx, invitation.id, now_unix_ms()); });
    throw mail_failed(e);
  }
  return invitation;
}

std::vector<store::invitations::Invitation> InvitationsService::list_pending(
    std::string_view user_id, std::string_view org_id, const std::optional<std::string>& cursor,
    int limit) {
  return db_.read([&](store::Tx& tx) {
    require_org(tx, user_id, org_id, Role::kAdmin);
    return store::invitations::list_pending(tx, org_id, now_unix_ms(), cursor, limit + 1);
  });
}

store::invitations::Invitation InvitationsService::resend(const Caller& caller,
                                                          std::string_view org_id,
                                                          std::string_view invitation_id) {
  // Who may send it is settled before it is counted, so a stranger's
  // attempts use up nothing; the cache is asked outside the transaction.
  auto pending = [&](store::Tx& tx) {
    auto access = require_org(tx, caller.user_id, org_id, Role::kAdmin);
    auto inv = store::invitations::find_pending(tx, org_id, invitation_id, now_unix_ms());
    auto role = inv ? parse_role(inv->role) : std::nullopt;
    if (!inv || !role) throw not_found("invitation");
    check_invitation_role(access.role, *role);
    return std::move(*inv);
  };
  db_.read(pending);
  admit_resend(invitation_id, caller.ip);
  std::string token = crypto::random_token(32);
  mail::Message message;
  auto invitation = db_.write([&](store::Tx& tx) {
    auto inv = pending(tx);
    std::int64_t now = now_unix_ms();
    inv.token_hash = token_hash(token);
    inv.expires_at = now + kInvitationLifetimeMs;
    if (!store::invitations::renew(tx, inv.id, inv.token_hash, inv.expires_at)) {
      throw not_found("invitation");
    }
    record_audit(tx,
                 AuditEntry{inv.org_id, caller.user_id, "invitation.resent", "invitation", inv.id,
                            json::object{{"email", inv.email}, {"role", inv.role}}, caller.ip});
    message = invitation_message(tx, caller.user_id, inv, token, public_url_);
    return inv;
  });
  try {
    mailer_.send(message);
  } catch (const std::exception& e) {
    throw mail_failed(e);
  }
  return invitation;
}

void InvitationsService::admit_resend(std::string_view invitation_id, std::string_view ip) {
  if (send_limiter_) send_limiter_->admit(ip);
  if (!cache_) return;
  try {
    auth::enforce_rate(
        *cache_,
        std::string(cache::keys::kRequestLimit) + "invitation-resend:" + std::string(invitation_id),
        kInvitationResendsPerHour, std::chrono::hours(1),
        "this invitation was sent again " + std::to_string(kInvitationResendsPerHour) +
            " times in the last hour; wait before sending it once more");
  } catch (const cache::CacheError& e) {
    spdlog::warn("invitation resend limit unavailable, allowing the request: {}", e.what());
  }
}

void InvitationsService::withdraw(const Caller& caller, std::string_view org_id,
                                  std::string_view invitation_id) {
  db_.write([&](store::Tx& tx) {
    require_org(tx, caller.user_id, org_id, Role::kAdmin);
    std::int64_t now = now_unix_ms();
    auto inv = store::invitations::find_pending(tx, org_id, invitation_id, now);
    if (!inv) throw not_found("invitation");
    store::invitations::mark_revoked(tx, inv->id, now);
    record_audit(
        tx, AuditEntry{inv->org_id, caller.user_id, "invitation.withdrawn", "invitation", inv->id,
                       json::object{{"email", inv->email}, {"role", inv->role}}, caller.ip});
  });
}

OrgView InvitationsService::accept(const Caller& caller, std::string_view token) {
  // nullopt: the invitation was withdrawn here, which must commit before the
  // 410 is thrown.
  collab::Outbox outbox;
  auto joined = db_.write([&](store::Tx& tx) -> std::optional<OrgView> {
    outbox.clear();
    std::int64_t now = now_unix_ms();
    auto inv = usable_invitation(tx, token, now);
    auto user = store::orgs::user_contact(tx, caller.user_id);
    if (!user) throw unauthorized();
    if (auth::normalize_email(user->email).value_or(user->email) != inv.email) {
      throw forbidden(
          "this invitation was sent to a different e-mail address; sign in with the invited "
          "address to accept it");
    }
    if (store::orgs::find_member(tx, inv.org_id, caller.user_id)) {
      throw conflict("you are already a member of this organization");
    }
    auto role = parse_role(inv.role);
    auto org = store::orgs::find_org(tx, inv.org_id);
    if (!role || !org) throw not_found("invitation");
    // The sender's rights are checked again now: whatever changed their
    // membership since, an invitation grants no more than they still may.
    auto inviter = store::orgs::find_member(tx, inv.org_id, inv.invited_by);
    std::optional<Role> rights = inviter ? parse_role(inviter->role) : std::nullopt;
    if (!rights || !may_grant(*rights, *role)) {
      withdraw_invitations_beyond(tx, inv.org_id, inv.invited_by, rights, "inviter_lost_rights",
                                  caller);
      return std::nullopt;
    }
    store::orgs::insert_membership(tx, inv.org_id, caller.user_id, inv.role, now);
    store::invitations::mark_accepted(tx, inv.id, caller.user_id, now);
    record_audit(
        tx, AuditEntry{inv.org_id, caller.user_id, "member.joined", "user", caller.user_id,
                       json::object{{"role", inv.role}, {"invitation_id", inv.id}}, caller.ip});
    if (notifier_ != nullptr) {
      std::string who = user->name.empty() ? user->email : user->name;
      notifier_->add(tx,
                     collab::Event{inv.invited_by, inv.org_id, "invitation_accepted",
                                   caller.user_id, std::nullopt, std::nullopt, std::nullopt,
                                   who + " joined " + org->name + " as " + inv.role},
                     outbox);
    }
    return OrgView{std::move(*org), *role};
  });
  if (notifier_ != nullptr) notifier_->send(std::move(outbox));
  if (!joined) {
    throw gone(
        "this invitation was withdrawn: the person who sent it can no longer grant this role; "
        "ask an admin of the organization for a new one");
  }
  return std::move(*joined);
}

InvitationPreview InvitationsService::preview(std::string_view token) {
  return db_.read([&](store::Tx& tx) {
    auto inv = usable_invitation(tx, token, now_unix_ms());
    auto org = store::orgs::find_org(tx, inv.org_id);
    if (!org) throw not_found("invitation");
    auto inviter = store::orgs::user_contact(tx, inv.invited_by);
    return InvitationPreview{org->name, inviter ? display_name(*inviter) : "A former member",
                             inv.email, inv.role, inv.expires_at};
  });
}

}  // namespace prism::services
