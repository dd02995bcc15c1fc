#include "auth/email_address.hpp"
#include "cache/keys.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "services/auth/auth_internal.hpp"
#include "services/auth/auth_service.hpp"

// What users change about their own account besides credentials: their name,
// and another copy of the e-mail that confirms their address.
namespace prism::services {

using namespace auth_detail;

namespace {

constexpr std::size_t kMaxUserName = 100;

}  // namespace

MeView AuthService::update_name(const http::Principal& who, std::string_view name,
                                const ClientInfo& client) {
  auto clean = trimmed_text(name, kMaxUserName);
  if (!clean) {
    throw validation_failed("name", "must be 1 to " + std::to_string(kMaxUserName) +
                                        " characters (not counting spaces around it)");
  }
  db_.write([&](store::Tx& tx) {
    auto user = store::users::find_by_id(tx, who.user_id);
    if (!user) throw unauthorized();
    if (user->name == *clean) return;
    store::users::update_name(tx, user->id, *clean, now_unix_ms());
    record_account_event(tx, user->id, "auth.name_changed", client.ip,
                         {{"from", user->name}, {"to", *clean}});
  });
  return me(who);
}

void AuthService::resend_verification(std::string_view email, const ClientInfo& client) {
  auto account = auth::normalize_email(email);
  if (!account) throw validation_failed("email", "must be a valid e-mail address");
  verification_limiter_.admit(client.ip);
  // As with password resets, the request queues the same job for every
  // address; only the job learns whether there is an account to write to.
  in_background("verification e-mail", [this, account = *account] {
    auto user = db_.read([&](store::Tx& tx) { return store::users::find_by_email(tx, account); });
    if (!user || user->email_verified_at || user->disabled_at) return;
    if (cache_.incr(std::string(cache::keys::kVerifyMail) + crypto::sha256_hex(account),
                    std::chrono::hours(1)) > kVerifyMailsPerHour) {
      return;
    }
    mail_verification(user->id, user->email);
  });
}

}  // namespace prism::services
