#include "store/tokens_store.hpp"

namespace prism::store::tokens {

namespace {

constexpr std::string_view kInsertRefresh =
    "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (?1, ?2, ?3)";

constexpr std::string_view kFindRefresh =
    "SELECT token_hash, session_id, created_at, used_at FROM refresh_tokens"
    " WHERE token_hash = ?1";

constexpr std::string_view kUseRefresh =
    "UPDATE refresh_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL";

constexpr std::string_view kInsertApiToken =
    "INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_at, expires_at,"
    " scopes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

constexpr std::string_view kFindApiTokenByHash =
    "SELECT id, user_id, name, token_hash, prefix, created_at, last_used_at, expires_at,"
    " revoked_at, scopes FROM api_tokens WHERE token_hash = ?1";

constexpr std::string_view kFindApiCredential =
    "SELECT t.id, t.user_id, t.name, t.token_hash, t.prefix, t.created_at, t.last_used_at,"
    " t.expires_at, t.revoked_at, t.scopes, u.email_verified_at IS NOT NULL FROM api_tokens t"
    " JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1";

constexpr std::string_view kLiveApiTokenIds =
    "SELECT id FROM api_tokens WHERE user_id = ?1 AND revoked_at IS NULL ORDER BY id";

constexpr std::string_view kRevokeAllApiTokens =
    "UPDATE api_tokens SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL";

constexpr std::string_view kListApiTokens =
    "SELECT id, user_id, name, token_hash, prefix, created_at, last_used_at, expires_at,"
    " revoked_at, scopes FROM api_tokens"
    " WHERE user_id = ?1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR id < ?3) ORDER BY id DESC LIMIT ?4";

constexpr std::string_view kRevokeApiToken =
    "UPDATE api_tokens SET revoked_at = ?3 WHERE id = ?1 AND user_id = ?2 AND revoked_at IS NULL";

constexpr std::string_view kTouchApiToken =
    "UPDATE api_tokens SET last_used_at = ?2"
    " WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at <= ?3)";

constexpr std::string_view kInsertEmailToken =
    "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

constexpr std::string_view kRetireAllEmailTokens =
    "UPDATE email_tokens SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL";

constexpr std::string_view kFindEmailToken =
    "SELECT token_hash, user_id, purpose, created_at, expires_at, used_at FROM email_tokens"
    " WHERE token_hash = ?1 AND purpose = ?2";

constexpr std::string_view kUseEmailToken =
    "UPDATE email_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL";

constexpr std::string_view kRetireEmailTokens =
    "UPDATE email_tokens SET used_at = ?3"
    " WHERE user_id = ?1 AND purpose = ?2 AND used_at IS NULL";

ApiToken api_token_from(const Row& r) {
  return ApiToken{r.str(0), r.str(1),     r.str(2),     r.str(3),     r.str(4),
                  r.i64(5), r.opt_i64(6), r.opt_i64(7), r.opt_i64(8), r.str(9)};
}

}  // namespace

void insert_refresh(Tx& tx, std::string_view token_hash, std::string_view session_id,
                    std::int64_t now) {
  tx.exec(kInsertRefresh, {std::string(token_hash), std::string(session_id), now});
}

std::optional<RefreshToken> find_refresh(Tx& tx, std::string_view token_hash) {
  auto r = tx.query_one(kFindRefresh, {std::string(token_hash)});
  if (!r) return std::nullopt;
  return RefreshToken{r->str(0), r->str(1), r->i64(2), r->opt_i64(3)};
}

bool use_refresh(Tx& tx, std::string_view token_hash, std::int64_t now) {
  return tx.exec(kUseRefresh, {std::string(token_hash), now}) > 0;
}

void insert_api_token(Tx& tx, const ApiToken& t) {
  tx.exec(kInsertApiToken, {t.id, t.user_id, t.name, t.token_hash, t.prefix, t.created_at,
                            opt(t.expires_at), t.scopes});
}

std::optional<ApiToken> find_api_token_by_hash(Tx& tx, std::string_view token_hash) {
  auto r = tx.query_one(kFindApiTokenByHash, {std::string(token_hash)});
  if (!r) return std::nullopt;
  return api_token_from(*r);
}

std::optional<ApiCredential> find_api_credential(Tx& tx, std::string_view token_hash) {
  auto r = tx.query_one(kFindApiCredential, {std::string(token_hash)});
  if (!r) return std::nullopt;
  return ApiCredential{api_token_from(*r), r->i64(10) != 0};
}

std::vector<ApiToken> list_api_tokens(Tx& tx, std::string_view user_id, std::int64_t now,
                                      const std::optional<std::string>& before_id, int limit) {
  std::vector<ApiToken> out;
  for (const auto& r :
       tx.query(kListApiTokens, {std::string(user_id), now, opt(before_id), std::int64_t{limit}})) {
    out.push_back(api_token_from(r));
  }
  return out;
}

bool revoke_api_token(Tx& tx, std::string_view id, std::string_view user_id, std::int64_t now) {
  return tx.exec(kRevokeApiToken, {std::string(id), std::string(user_id), now}) > 0;
}

std::vector<std::string> revoke_all_api_tokens(Tx& tx, std::string_view user_id, std::int64_t now) {
  std::vector<std::string> ids;
  for (const auto& r : tx.query(kLiveApiTokenIds, {std::string(user_id)})) ids.push_back(r.str(0));
  tx.exec(kRevokeAllApiTokens, {std::string(user_id), now});
  return ids;
}

void touch_api_token(Tx& tx, std::string_view id, std::int64_t now, std::int64_t min_interval_ms) {
  tx.exec(kTouchApiToken, {std::string(id), now, now - min_interval_ms});
}

void insert_email_token(Tx& tx, const EmailToken& t) {
  tx.exec(kInsertEmailToken, {t.token_hash, t.user_id, t.purpose, t.created_at, t.expires_at});
}

std::optional<EmailToken> find_email_token(Tx& tx, std::string_view token_hash,
                                           std::string_view purpose) {
  auto r = tx.query_one(kFindEmailToken, {std::string(token_hash), std::string(purpose)});
  if (!r) return std::nullopt;
  return EmailToken{r->str(0), r->str(1), r->str(2), r->i64(3), r->i64(4), r->opt_i64(5)};
}

bool use_email_token(Tx& tx, std::string_view token_hash, std::int64_t now) {
  return tx.exec(kUseEmailToken, {std::string(token_hash), now}) > 0;
}

void retire_email_tokens(Tx& tx, std::string_view user_id, std::string_view purpose,
                         std::int64_t now) {
  tx.exec(kRetireEmailTokens, {std::string(user_id), std::string(purpose), now});
}

void retire_all_email_tokens(Tx& tx, std::string_view user_id, std::int64_t now) {
  tx.exec(kRetireAllEmailTokens, {std::string(user_id), now});
}

}  // namespace prism::store::tokens
