#include <algorithm>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "services/auth/auth_internal.hpp"
#include "services/auth/auth_service.hpp"
#include "store/tokens_store.hpp"

// Personal API tokens: `prism_pat_` + 256 random bits, shown once, stored as
// a SHA-256 hash, listed by name and prefix, revocable.
namespace prism::services {

using namespace auth_detail;

namespace {

constexpr std::size_t kShownPrefixLength = kApiTokenPrefix.size() + 4;
constexpr std::size_t kMaxApiTokenLength = 128;
constexpr std::int64_t kTouchIntervalMs = 60'000;  // last_used_at is written at most once a minute
constexpr std::int64_t kMaxLifetimeDays = 365;

std::vector<std::string> scope_list(std::string_view scopes) {
  std::vector<std::string> out;
  for (std::string_view s : {"read", "write"}) {
    if ((" " + std::string(scopes) + " ").find(" " + std::string(s) + " ") != std::string::npos) {
      out.emplace_back(s);
    }
  }
  return out;
}

ApiTokenView to_view(const store::tokens::ApiToken& t) {
  return ApiTokenView{
      t.id, t.name, t.prefix, t.created_at, t.last_used_at, t.expires_at, scope_list(t.scopes)};
}

// "read" or "read write"; 422 for anything else.
std::string checked_scopes(const std::optional<std::vector<std::string>>& scopes,
                           std::vector<FieldError>& errors) {
  if (!scopes) return "read write";
  bool read = false, write = false;
  for (const auto& s : *scopes) {
    if (s == "read") {
      read = true;
    } else if (s == "write") {
      write = true;
    } else {
      errors.push_back({"scopes", "\"" + s.substr(0, 20) + "\" is not a scope: use read, write"});
    }
  }
  if (!read)
    errors.push_back({"scopes", "must include read (a token that may write may also read)"});
  return write ? "read write" : "read";
}

}  // namespace

CreatedApiToken AuthService::create_api_token(
    const http::Principal& who, std::string_view name, std::optional<std::int64_t> expires_in_days,
    const std::optional<std::vector<std::string>>& scopes) {
  // A leaked token must not be able to mint more tokens that outlive it.
  if (who.session_id.empty()) {
    throw forbidden("personal API tokens cannot create tokens; sign in with your password");
  }
  std::vector<FieldError> errors;
  auto clean_name = trimmed_text(name, 100);
  if (!clean_name) errors.push_back({"name", "must be 1 to 100 characters"});
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > kMaxLifetimeDays)) {
    errors.push_back({"expires_in_days", "must be between 1 and 365"});
  }
  std::string scope_text = checked_scopes(scopes, errors);
  if (!errors.empty()) throw validation_failed(std::move(errors));
  if (!may_hold_api_tokens(who.user_id)) {
    throw Error(ErrorCode::kForbidden,
                "confirm your e-mail address before creating personal API tokens: open the link "
                "we sent you when you registered (a password reset link confirms it too)")
        .with_machine_code("email_not_verified");
  }

  std::int64_t now = now_unix_ms();
  std::string secret = std::string(kApiTokenPrefix) + crypto::random_token(32);
  store::tokens::ApiToken token{new_id(),
                                who.user_id,
                                *clean_name,
                                token_hash(secret),
                                secret.substr(0, kShownPrefixLength),
                                now,
                                std::nullopt,
                                std::nullopt,
                                std::nullopt,
                                scope_text};
  if (expires_in_days) token.expires_at = now + *expires_in_days * 86'400'000;
  db_.write([&](store::Tx& tx) {
    store::tokens::insert_api_token(tx, token);
    record_account_event(tx, who.user_id, "auth.api_token_created", "",
                         {{"token_id", token.id}, {"name", token.name}, {"scopes", scope_text}});
  });
  return CreatedApiToken{to_view(token), std::move(secret)};
}

bool AuthService::may_hold_api_tokens(const std::string& user_id) {
  if (!config_.email_verifiable) return true;
  auto user = db_.read([&](store::Tx& tx) { return store::users::find_by_id(tx, user_id); });
  return user && user->email_verified_at.has_value();
}

std::vector<ApiTokenView> AuthService::api_tokens(const http::Principal& who,
                                                  const std::optional<std::string>& before_id,
                                                  int limit) {
  std::int64_t now = now_unix_ms();
  auto rows = db_.read([&](store::Tx& tx) {
    return store::tokens::list_api_tokens(tx, who.user_id, now, before_id, limit + 1);
  });
  std::vector<ApiTokenView> out;
  for (const auto& t : rows) out.push_back(to_view(t));
  return out;
}

void AuthService::revoke_api_token(const http::Principal& who, std::string_view token_id) {
  std::int64_t now = now_unix_ms();
  db_.write([&](store::Tx& tx) {
    if (!store::tokens::revoke_api_token(tx, token_id, who.user_id, now)) {
      throw not_found("token");
    }
    record_account_event(tx, who.user_id, "auth.api_token_revoked", "",
                         {{"token_id", std::string(token_id)}});
  });
}

std::optional<http::Principal> AuthService::authenticate_api_token(std::string_view token) {
  if (token.size() > kMaxApiTokenLength) return std::nullopt;
  std::string hash = token_hash(token);
  std::int64_t now = now_unix_ms();
  auto credential =
      db_.read([&](store::Tx& tx) { return store::tokens::find_api_credential(tx, hash); });
  if (!credential) return std::nullopt;
  const auto* found = &credential->token;
  if (found->revoked_at || (found->expires_at && *found->expires_at <= now)) return std::nullopt;
  // A token made before the rule below applied (or before SMTP was set up)
  // stays unusable until the owner of the address confirms it.
  if (config_.email_verifiable && !credential->owner_email_verified) return std::nullopt;
  if (!found->last_used_at || *found->last_used_at <= now - kTouchIntervalMs) {
    db_.write([&](store::Tx& tx) {
      store::tokens::touch_api_token(tx, found->id, now, kTouchIntervalMs);
    });
  }
  auto scopes = scope_list(found->scopes);
  bool may_write = std::find(scopes.begin(), scopes.end(), "write") != scopes.end();
  return http::Principal{found->user_id, "", found->id, !may_write};
}

}  // namespace prism::services
