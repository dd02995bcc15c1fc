#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/jwt.hpp"
#include "auth/request_limiter.hpp"
#include "auth/throttle.hpp"
#include "auth/verified_tokens.hpp"
#include "cache/cache.hpp"
#include "http/authenticator.hpp"
#include "mail/mailer.hpp"
#include "services/auth/session_cache.hpp"
#include "services/background_queue.hpp"
#include "services/orgs/orgs_service.hpp"
#include "store/database.hpp"

namespace prism::services {

struct SessionPolicy {
  // A session whose refresh token is unused this long ends (idle expiry) …
  std::chrono::milliseconds idle{std::chrono::days(14)};
  // … and every session ends this long after login, however active.
  std::chrono::milliseconds absolute{std::chrono::days(60)};
};

struct AuthConfig {
  auth::JwtSettings jwt;
  std::string public_url;  // links in e-mails point here
  // When set, an account must confirm its e-mail before it can sign in.
  bool verification_required = false;
  // When set (SMTP is configured, so an address can be confirmed), an
  // account whose address is unconfirmed may hold no personal API token:
  // it cannot create one, and one made earlier does not authenticate. Such
  // an account may have been registered by someone else than the address's
  // owner, who must be able to take it over with a reset.
  bool email_verifiable = false;
  SessionPolicy sessions;
  auth::ThrottlePolicy throttle;
  // Per client address and in total; the defaults (none) suit unit tests,
  // the application sets the configured ones.
  auth::RequestLimit registrations;
  auth::RequestLimit password_resets;
  // Requests to send the verification e-mail again.
  auth::RequestLimit verification_resends;
  // What the organization made at registration starts with (its budget).
  OrgDefaults org_defaults;
};

inline constexpr std::chrono::seconds kResetLinkLifetime = std::chrono::hours(1);
inline constexpr std::chrono::seconds kVerifyLinkLifetime = std::chrono::hours(48);
// Password-reset e-mails per account and hour; more requests still answer 202.
inline constexpr int kResetMailsPerHour = 5;
// Verification e-mails sent again per account and hour; likewise.
inline constexpr int kVerifyMailsPerHour = 3;
inline constexpr std::string_view kApiTokenPrefix = "prism_pat_";

struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

struct UserView {
  std::string id;
  std::string email;
  std::string name;
  bool email_verified = false;
  std::int64_t created_at = 0;  // Unix ms
  bool is_admin = false;        // a server administrator (not an organization role)
};

struct IssuedTokens {
  std::string access_token;
  std::int64_t expires_in = 0;  // seconds
  std::string refresh_token;
  std::int64_t refresh_max_age = 0;  // seconds until the session's absolute end
};

struct AuthResult {
  UserView user;
  // Absent when the account must verify its e-mail before signing in.
  std::optional<IssuedTokens> tokens;
};

struct RegisterInput {
  std::string email;
  std::string password;
  std::string name;
  std::optional<std::string> organization_name;
};

struct MembershipView {
  std::string org_id;
  std::string org_name;
  std::string role;
};

struct MeView {
  UserView user;
  std::vector<MembershipView> memberships;
};

struct SessionView {
  std::string id;
  std::string user_agent;
  std::string ip;
  std::int64_t created_at = 0;
  std::int64_t last_used_at = 0;
  std::int64_t expires_at = 0;
  bool current = false;
};

struct ApiTokenView {
  std::string id;
  std::string name;
  std::string prefix;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;
  std::optional<std::int64_t> expires_at;
  std::vector<std::string> scopes;  // "read", or "read" and "write"
};

struct CreatedApiToken {
  ApiTokenView token;
  std::string secret;  // shown once, never stored
};

// Accounts, sessions and credentials. Every operation validates its input and
// throws prism::Error; none of them reveals whether an e-mail has an account
// except registration's 409.
class AuthService final : public http::Authenticator {
 public:
  AuthService(store::Database& db, cache::Cache& cache, mail::Mailer& mailer, AuthConfig config);

  AuthResult register_account(const RegisterInput& input, const ClientInfo& client);
  AuthResult login(std::string_view email, std::string_view password, const ClientInfo& client);
  // Rotates the refresh token. A token presented a second time revokes its
  // whole session (it was stolen or replayed) and answers 401.
  AuthResult refresh(std::string_view refresh_token, const ClientInfo& client);
  // Ends the session named by the refresh token and/or the caller's access
  // token; succeeds when there is nothing to end.
  void logout(std::string_view refresh_token, std::string_view bearer);

  MeView me(const http::Principal& who);
  // The caller's own name: trimmed, 1–100 characters (422 otherwise, never
  // shortened); audited in each of their organizations when it changed.
  MeView update_name(const http::Principal& who, std::string_view name, const ClientInfo& client);
  // Active sessions, newest first; up to `limit + 1` so callers can page.
  std::vector<SessionView> sessions(const http::Principal& who,
                                    const std::optional<std::string>& before_id, int limit);
  void revoke_session(const http::Principal& who, std::string_view session_id);
  // Ends every other session of the user and, unless `keep_api_tokens`, every
  // personal API token.
  void change_password(const http::Principal& who, std::string_view current_password,
                       std::string_view new_password, bool keep_api_tokens,
                       const ClientInfo& client);

  // Always succeeds for a well-formed address (unless the client is over the
  // request limit, whatever the address); mails a link only when an account
  // exists, after the same work either way.
  void forgot_password(std::string_view email, const ClientInfo& client);
  // Single use. Ends every credential of the user: sessions with their
  // refresh tokens, personal API tokens and unused e-mail links.
  void reset_password(std::string_view token, std::string_view new_password,
                      const ClientInfo& client);
  void verify_email(std::string_view token);
  // Sends a new verification link to `email` when an account with that
  // address has not confirmed it yet (the earlier link stops working).
  // Like forgot_password it answers the same for every well-formed address
  // (422 otherwise, 429 past the per-client limit), and each account gets
  // at most kVerifyMailsPerHour of these e-mails.
  void resend_verification(std::string_view email, const ClientInfo& client);

  // `scopes`: "read" alone (every write route answers 403) or "read" and
  // "write" (the default when none are given).
  CreatedApiToken create_api_token(const http::Principal& who, std::string_view name,
                                   std::optional<std::int64_t> expires_in_days,
                                   const std::optional<std::vector<std::string>>& scopes = {});
  std::vector<ApiTokenView> api_tokens(const http::Principal& who,
                                       const std::optional<std::string>& before_id, int limit);
  void revoke_api_token(const http::Principal& who, std::string_view token_id);

  // An access token (JWT) whose session is still live, or a personal API token.
  std::optional<http::Principal> authenticate(std::string_view bearer);
  std::optional<http::Principal> authenticate(std::string_view bearer,
                                              const http::Request&) override {
    return authenticate(bearer);
  }

  const AuthConfig& config() const { return config_; }
  // Blocks until every background job queued so far (e-mails, audit of failed
  // logins) has finished.
  void wait_for_background_jobs() { background_.wait_idle(); }

 private:
  IssuedTokens start_session(store::Tx& tx, const std::string& user_id, const ClientInfo& client,
                             std::int64_t now_ms);
  std::optional<http::Principal> authenticate_api_token(std::string_view token);
  // False when the account's address must be confirmed first (email_verifiable).
  bool may_hold_api_tokens(const std::string& user_id);
  void send_verification(const std::string& user_id, const std::string& email);
  // The same, on the calling thread (a background job already).
  void mail_verification(const std::string& user_id, const std::string& email);
  // Runs `job` on the background queue: requests never wait on (or fail
  // because of) SMTP, and work that depends on whether an account exists
  // stays invisible to the caller's clock. Failures are logged.
  void in_background(std::string what, std::function<void()> job);

  store::Database& db_;
  cache::Cache& cache_;
  mail::Mailer& mailer_;
  AuthConfig config_;
  auth::LoginThrottle throttle_;
  auth::RequestLimiter registration_limiter_;
  auth::RequestLimiter reset_limiter_;
  auth::RequestLimiter verification_limiter_;
  auth::VerifiedTokens verified_tokens_;
  SessionCache sessions_;
  BackgroundQueue background_{"auth background"};  // last: drained before the rest goes away
};

}  // namespace prism::services
