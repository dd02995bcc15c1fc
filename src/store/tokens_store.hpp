#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

// Secrets handed to clients (refresh tokens, personal API tokens, e-mail
// links). Only their SHA-256 hashes are stored, so a database leak does not
// leak usable credentials.
namespace prism::store::tokens {

// --- refresh tokens: one family per session, rotated on every use ---
struct RefreshToken {
  std::string token_hash;
  std::string session_id;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> used_at;
};
void insert_refresh(Tx& tx, std::string_view token_hash, std::string_view session_id,
                    std::int64_t now);
std::optional<RefreshToken> find_refresh(Tx& tx, std::string_view token_hash);
// Marks the token used; false when it already was (a replay).
bool use_refresh(Tx& tx, std::string_view token_hash, std::int64_t now);

// --- personal API tokens ---
struct ApiToken {
  std::string id;
  std::string user_id;
  std::string name;
  std::string token_hash;
  std::string prefix;  // the first characters, shown in lists to tell tokens apart
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;
  std::optional<std::int64_t> expires_at;
  std::optional<std::int64_t> revoked_at;
  std::string scopes = "read write";  // space-separated: "read" or "read write"
};
void insert_api_token(Tx& tx, const ApiToken& token);
std::optional<ApiToken> find_api_token_by_hash(Tx& tx, std::string_view token_hash);
// A token presented as a credential, with what authentication needs to know
// of its owner, read in one statement.
struct ApiCredential {
  ApiToken token;
  bool owner_email_verified = false;
};
std::optional<ApiCredential> find_api_credential(Tx& tx, std::string_view token_hash);
// The user's tokens that are neither revoked nor expired, newest first.
std::vector<ApiToken> list_api_tokens(Tx& tx, std::string_view user_id, std::int64_t now,
                                      const std::optional<std::string>& before_id, int limit);
// False when no live token with this id belongs to the user.
bool revoke_api_token(Tx& tx, std::string_view id, std::string_view user_id, std::int64_t now);
// Revokes every live token of the user; returns the ids it revoked.
std::vector<std::string> revoke_all_api_tokens(Tx& tx, std::string_view user_id, std::int64_t now);
// Records use at most once per `min_interval_ms`, so busy tokens do not turn
// every request into a write.
void touch_api_token(Tx& tx, std::string_view id, std::int64_t now, std::int64_t min_interval_ms);

// --- single-use e-mail links ('verify_email', 'reset_password') ---
struct EmailToken {
  std::string token_hash;
  std::string user_id;
  std::string purpose;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> used_at;
};
void insert_email_token(Tx& tx, const EmailToken& token);
std::optional<EmailToken> find_email_token(Tx& tx, std::string_view token_hash,
                                           std::string_view purpose);
// Marks the token used; false when it already was.
bool use_email_token(Tx& tx, std::string_view token_hash, std::int64_t now);
// Marks every unused token of this purpose used, so only the newest link works.
void retire_email_tokens(Tx& tx, std::string_view user_id, std::string_view purpose,
                         std::int64_t now);
// Marks every unused token of the user used, whatever its purpose.
void retire_all_email_tokens(Tx& tx, std::string_view user_id, std::int64_t now);

}  // namespace prism::store::tokens
