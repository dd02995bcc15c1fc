#include "auth/email_address.hpp"
#include "auth/password.hpp"
#include "cache/keys.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "services/auth/auth_internal.hpp"
#include "services/auth/auth_service.hpp"
#include "store/tokens_store.hpp"

// Links sent by e-mail: password reset (1 hour, single use, ends every
// credential) and e-mail verification.
namespace prism::services {

using namespace auth_detail;

namespace {

constexpr std::size_t kMaxLinkTokenLength = 256;

std::int64_t to_ms(std::chrono::milliseconds s) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(s).count();
}

Error dead_link(std::string_view what) {
  return Error(
      ErrorCode::kGone,
      "this " + std::string(what) + " link is invalid, already used or expired; request a new one");
}

// A fresh single-use link token of `purpose` for the user; earlier unused
// ones stop working so only the newest e-mail counts.
std::string new_link_token(store::Tx& tx, const std::string& user_id, std::string_view purpose,
                           std::chrono::seconds lifetime, std::int64_t now) {
  std::string token = crypto::random_token(32);
  store::tokens::retire_email_tokens(tx, user_id, purpose, now);
  store::tokens::insert_email_token(tx, {token_hash(token), user_id, std::string(purpose), now,
                                         now + to_ms(lifetime), std::nullopt});
  return token;
}

// The unused, unexpired link token of `purpose`, if `token` is one.
std::optional<store::tokens::EmailToken> live_link(store::Tx& tx, std::string_view token,
                                                   std::string_view purpose, std::int64_t now) {
  if (token.empty() || token.size() > kMaxLinkTokenLength) return std::nullopt;
  auto found = store::tokens::find_email_token(tx, token_hash(token), purpose);
  if (!found || found->used_at || found->expires_at <= now) return std::nullopt;
  return found;
}

}  // namespace

void AuthService::forgot_password(std::string_view email, const ClientInfo& client) {
  auto account = auth::normalize_email(email);
  if (!account) throw validation_failed("email", "must be a valid e-mail address");
  // Counted for every address alike, so the 429 reveals nothing either.
  reset_limiter_.admit(client.ip);
  // The request itself does the same thing for every address: it queues one
  // job. Whether an account exists only changes what that job does later.
  in_background("password reset e-mail", [this, account = *account, ip = client.ip] {
    std::int64_t now = now_unix_ms();
    auto user = db_.read([&](store::Tx& tx) { return store::users::find_by_email(tx, account); });
    if (!user) return;
    // Limits how many e-mails a stranger can make us send to someone.
    if (cache_.incr(std::string(cache::keys::kResetMail) + crypto::sha256_hex(account),
                    std::chrono::hours(1)) > kResetMailsPerHour) {
      return;
    }
    std::string token = db_.write([&](store::Tx& tx) {
      record_account_event(tx, user->id, "auth.password_reset_requested", ip);
      return new_link_token(tx, user->id, kPurposeReset, kResetLinkLifetime, now);
    });
    mailer_.send({user->email, "Reset your PRISM password",
                  "Someone, hopefully you, asked to reset the password of the PRISM account " +
                      user->email + ".\n\nOpen this link within one hour to choose a new " +
                      "password:\n" + config_.public_url + "/reset-password?token=" + token +
                      "\n\nIf you did not ask for this, ignore this e-mail: your password stays "
                      "as it is.\n"});
  });
}

void AuthService::reset_password(std::string_view token, std::string_view new_password,
                                 const ClientInfo& client) {
  std::int64_t now = now_unix_ms();
  auto link = db_.read([&](store::Tx& tx) { return live_link(tx, token, kPurposeReset, now); });
  if (!link) throw dead_link("password reset");
  auto user = db_.read([&](store::Tx& tx) { return store::users::find_by_id(tx, link->user_id); });
  if (!user) throw dead_link("password reset");
  if (auto problem = auth::password_problem(new_password, {user->email, user->name})) {
    throw validation_failed("new_password", *problem);
  }
  std::string hash = auth::hash_password(new_password);
  db_.write([&](store::Tx& tx) {
    // Checked again under the write lock: two resets with one link race here.
    if (!store::tokens::use_email_token(tx, link->token_hash, now)) {
      throw dead_link("password reset");
    }
    store::users::update_password(tx, user->id, hash, now);
    // Whoever held the account before (perhaps someone who registered the
    // address without owning it) keeps no way in: no session, refresh token,
    // personal token or e-mail link outlives the reset.
    store::tokens::retire_all_email_tokens(tx, user->id, now);
    revoke_credentials(tx, user->id, "password_reset", std::nullopt, false, client.ip, now);
    // Receiving the link proves the address belongs to the user.
    store::users::mark_email_verified(tx, user->id, now);
    record_account_event(tx, user->id, "auth.password_reset", client.ip);
  });
  throttle_.record_success(user->email);
}

void AuthService::verify_email(std::string_view token) {
  std::int64_t now = now_unix_ms();
  db_.write([&](store::Tx& tx) {
    auto link = live_link(tx, token, kPurposeVerify, now);
    if (!link || !store::tokens::use_email_token(tx, link->token_hash, now)) {
      throw dead_link("verification");
    }
    store::users::mark_email_verified(tx, link->user_id, now);
  });
}

void AuthService::send_verification(const std::string& user_id, const std::string& email) {
  in_background("verification e-mail",
                [this, user_id, email] { mail_verification(user_id, email); });
}

void AuthService::mail_verification(const std::string& user_id, const std::string& email) {
  std::int64_t now = now_unix_ms();
  std::string token = db_.write([&](store::Tx& tx) {
    return new_link_token(tx, user_id, kPurposeVerify, kVerifyLinkLifetime, now);
  });
  mailer_.send({email, "Confirm your e-mail address for PRISM",
                "Welcome to PRISM.\n\nOpen this link to confirm that " + email +
                    " is your address:\n" + config_.public_url + "/verify-email?token=" + token +
                    "\n\nIf you did not create a PRISM account, ignore this e-mail.\n"});
}

}  // namespace prism::services
