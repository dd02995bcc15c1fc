#pragma once

// Helpers shared by the files that implement AuthService; not a public API.

#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "services/audit/audit_catalog.hpp"
#include "services/auth/auth_service.hpp"
#include "store/database.hpp"
#include "store/sessions_store.hpp"
#include "store/users_store.hpp"

namespace prism::services::auth_detail {

inline constexpr std::string_view kPurposeReset = "reset_password";
inline constexpr std::string_view kPurposeVerify = "verify_email";

UserView to_view(const store::users::User& user);

// Whether the session may still be used at `now_ms`.
bool session_live(const store::sessions::Session& s, const SessionPolicy& policy,
                  std::int64_t now_ms);

// Records an account event (login, password change …) in the audit log of
// every organization the user belongs to, since each org's admins review
// their members' sign-ins; users without an organization get one entry
// without org.
void record_account_event(store::Tx& tx, const std::string& user_id, AuditAction action,
                          std::string_view ip, json::object details = {});

// What a client sent as User-Agent, reduced to printable ASCII and 256
// characters so it is safe to store and show.
std::string clean_user_agent(std::string_view user_agent);

// The value without surrounding whitespace; nullopt when that is empty, not
// UTF-8 or longer than `max` code points.
std::optional<std::string> trimmed_text(std::string_view value, std::size_t max);

std::string token_hash(std::string_view secret);

// Ends the user's sessions (and with them their refresh-token families),
// except `keep_session` when given, and unless `keep_api_tokens` every
// personal API token, auditing each revocation with `reason` so the user's
// organizations can see what was cut off and why.
void revoke_credentials(store::Tx& tx, const std::string& user_id, std::string_view reason,
                        const std::optional<std::string>& keep_session, bool keep_api_tokens,
                        std::string_view ip, std::int64_t now_ms);

// The 429 for a throttled password attempt, with Retry-After and the
// per-account quota as RateLimit headers.
Error throttled(std::string why, std::int64_t wait_seconds, const auth::ThrottlePolicy& policy);

}  // namespace prism::services::auth_detail
