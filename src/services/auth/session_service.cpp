#include "auth/jwt.hpp"
#include "auth/password.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "services/auth/auth_internal.hpp"
#include "services/auth/auth_service.hpp"
#include "store/tokens_store.hpp"

// Sessions: refresh-token rotation with reuse detection, logout, listing and
// revoking sessions, password change, and access-token authentication.
namespace prism::services {

using namespace auth_detail;

namespace {

constexpr std::size_t kMaxRefreshTokenLength = 256;

Error invalid_refresh() {
  return unauthorized("the session has ended or the refresh token is invalid; sign in again");
}

}  // namespace

AuthResult AuthService::refresh(std::string_view refresh_token, const ClientInfo& client) {
  if (refresh_token.empty() || refresh_token.size() > kMaxRefreshTokenLength) {
    throw invalid_refresh();
  }
  std::string hash = token_hash(refresh_token);
  std::int64_t now = now_unix_ms();
  // Revocations must commit, so the transaction returns its verdict and the
  // error is thrown only after it.
  std::optional<AuthResult> issued = db_.write([&](store::Tx& tx) -> std::optional<AuthResult> {
    auto presented = store::tokens::find_refresh(tx, hash);
    if (!presented) return std::nullopt;
    auto session = store::sessions::find(tx, presented->session_id);
    if (!session || session->revoked_at) return std::nullopt;
    if (!session_live(*session, config_.sessions, now)) {
      store::sessions::revoke(tx, session->id, "expired", now);
      return std::nullopt;
    }
    if (presented->used_at || !store::tokens::use_refresh(tx, hash, now)) {
      // Someone holds a copy of a rotated token: end the whole family.
      store::sessions::revoke(tx, session->id, "refresh_token_reuse", now);
      record_account_event(tx, session->user_id, "auth.refresh_token_reuse", client.ip,
                           {{"session_id", session->id}});
      return std::nullopt;
    }
    auto user = store::users::find_by_id(tx, session->user_id);
    if (!user) return std::nullopt;
    std::string next = crypto::random_token(32);
    store::tokens::insert_refresh(tx, token_hash(next), session->id, now);
    store::sessions::touch(tx, session->id, now);
    return AuthResult{
        to_view(*user),
        IssuedTokens{
            auth::issue_access_token(config_.jwt, session->user_id, session->id, now / 1000),
            config_.jwt.access_ttl_seconds, std::move(next), (session->expires_at - now) / 1000}};
  });
  if (!issued) throw invalid_refresh();
  return std::move(*issued);
}

void AuthService::logout(std::string_view refresh_token, std::string_view bearer) {
  std::int64_t now = now_unix_ms();
  std::optional<auth::AccessClaims> claims;
  if (!bearer.empty()) claims = auth::verify_access_token(config_.jwt, bearer, now / 1000);
  if (refresh_token.size() > kMaxRefreshTokenLength) refresh_token = {};
  db_.write([&](store::Tx& tx) {
    if (!refresh_token.empty()) {
      if (auto presented = store::tokens::find_refresh(tx, token_hash(refresh_token))) {
        store::sessions::revoke(tx, presented->session_id, "logout", now);
      }
    }
    if (claims) {
      auto session = store::sessions::find(tx, claims->sid);
      if (session && session->user_id == claims->sub) {
        store::sessions::revoke(tx, session->id, "logout", now);
      }
    }
  });
}

std::vector<SessionView> AuthService::sessions(const http::Principal& who,
                                               const std::optional<std::string>& before_id,
                                               int limit) {
  std::int64_t now = now_unix_ms();
  std::int64_t idle_since =
      now - std::chrono::duration_cast<std::chrono::milliseconds>(config_.sessions.idle).count();
  auto rows = db_.read([&](store::Tx& tx) {
    return store::sessions::list_active(tx, who.user_id, now, idle_since, before_id, limit + 1);
  });
  std::vector<SessionView> out;
  for (auto& s : rows) {
    out.push_back(SessionView{s.id, s.user_agent, s.ip, s.created_at, s.last_used_at, s.expires_at,
                              s.id == who.session_id});
  }
  return out;
}

void AuthService::revoke_session(const http::Principal& who, std::string_view session_id) {
  std::int64_t now = now_unix_ms();
  db_.write([&](store::Tx& tx) {
    auto session = store::sessions::find(tx, session_id);
    // Another user's session is "not found", never "forbidden".
    if (!session || session->user_id != who.user_id ||
        !session_live(*session, config_.sessions, now)) {
      throw not_found("session");
    }
    store::sessions::revoke(tx, session->id, "revoked_by_user", now);
  });
}

void AuthService::change_password(const http::Principal& who, std::string_view current_password,
                                  std::string_view new_password, bool keep_api_tokens,
                                  const ClientInfo& client) {
  auto user = db_.read([&](store::Tx& tx) { return store::users::find_by_id(tx, who.user_id); });
  if (!user) throw unauthorized();
  // Guessing the current password through a stolen session is throttled like
  // guessing it at the login form.
  if (auto wait = throttle_.retry_after(user->email, client.ip); wait > 0) {
    throw throttled("too many wrong passwords; try again later", wait, config_.throttle);
  }
  if (!auth::verify_password(current_password, user->password_hash)) {
    throttle_.record_failure(user->email, client.ip);
    throw validation_failed("current_password", "is incorrect");
  }
  throttle_.record_success(user->email);
  if (new_password == current_password) {
    throw validation_failed("new_password", "must differ from the current password");
  }
  if (auto problem = auth::password_problem(new_password, {user->email, user->name})) {
    throw validation_failed("new_password", *problem);
  }
  std::string hash = auth::hash_password(new_password);
  std::int64_t now = now_unix_ms();
  std::optional<std::string> keep;
  if (!who.session_id.empty()) keep = who.session_id;
  db_.write([&](store::Tx& tx) {
    store::users::update_password(tx, user->id, hash, now);
    // A change is often made because the password leaked: personal tokens
    // made with it go too, unless the user chose to keep them.
    revoke_credentials(tx, user->id, "password_changed", keep, keep_api_tokens, client.ip, now);
    store::tokens::retire_email_tokens(tx, user->id, kPurposeReset, now);
    record_account_event(tx, user->id, "auth.password_changed", client.ip,
                         {{"kept_api_tokens", keep_api_tokens}});
  });
}

std::optional<http::Principal> AuthService::authenticate(std::string_view bearer) {
  if (bearer.starts_with(kApiTokenPrefix)) return authenticate_api_token(bearer);
  std::int64_t now = now_unix_ms();
  auto claims = verified_tokens_.verify(config_.jwt, bearer, now / 1000);
  if (!claims) return std::nullopt;
  // The session is checked on every request, so logout, revocation and a
  // password change take effect at once rather than when the token expires:
  // from memory when this instance read it before and heard of no change
  // since (SessionCache), else from the database.
  auto session = sessions_.find(claims->sid);
  if (!session || !session_live(*session, config_.sessions, now)) {
    auto ticket = sessions_.ticket();
    session = db_.read([&](store::Tx& tx) { return store::sessions::find(tx, claims->sid); });
    if (session) sessions_.put(*session, ticket);
  }
  if (!session || session->user_id != claims->sub ||
      !session_live(*session, config_.sessions, now)) {
    return std::nullopt;
  }
  return http::Principal{claims->sub, claims->sid, ""};
}

}  // namespace prism::services
