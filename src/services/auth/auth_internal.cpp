#include "services/auth/auth_internal.hpp"

#include "core/crypto.hpp"
#include "services/audit/audit.hpp"
#include "store/tokens_store.hpp"

namespace prism::services::auth_detail {

UserView to_view(const store::users::User& u) {
  return UserView{u.id, u.email, u.name, u.email_verified_at.has_value(), u.created_at, u.is_admin};
}

bool session_live(const store::sessions::Session& s, const SessionPolicy& policy,
                  std::int64_t now_ms) {
  auto idle_ms = std::chrono::duration_cast<std::chrono::milliseconds>(policy.idle).count();
  return !s.revoked_at && s.expires_at > now_ms && s.last_used_at + idle_ms > now_ms;
}

void record_account_event(store::Tx& tx, const std::string& user_id, AuditAction action,
                          std::string_view ip, json::object details) {
  AuditEntry entry{std::nullopt,       user_id,        action, "user", user_id,
                   std::move(details), std::string(ip)};
  auto orgs = store::users::memberships(tx, user_id);
  if (orgs.empty()) {
    record_audit(tx, entry);
    return;
  }
  for (const auto& m : orgs) {
    entry.org_id = m.org_id;
    record_audit(tx, entry);
  }
}

std::string clean_user_agent(std::string_view user_agent) {
  std::string out;
  for (unsigned char c : user_agent.substr(0, 256)) {
    out.push_back(c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '?');
  }
  return out;
}

std::optional<std::string> trimmed_text(std::string_view value, std::size_t max) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
  auto len = utf8_length(value);
  if (value.empty() || !len || *len > max) return std::nullopt;
  return std::string(value);
}

std::string token_hash(std::string_view secret) { return crypto::sha256_hex(secret); }

void revoke_credentials(store::Tx& tx, const std::string& user_id, std::string_view reason,
                        const std::optional<std::string>& keep_session, bool keep_api_tokens,
                        std::string_view ip, std::int64_t now_ms) {
  std::int64_t sessions =
      store::sessions::revoke_all_for_user(tx, user_id, reason, now_ms, keep_session);
  if (sessions > 0) {
    record_account_event(tx, user_id, "auth.sessions_revoked", ip,
                         {{"reason", std::string(reason)}, {"count", sessions}});
  }
  if (keep_api_tokens) return;
  for (const auto& id : store::tokens::revoke_all_api_tokens(tx, user_id, now_ms)) {
    record_account_event(tx, user_id, "auth.api_token_revoked", ip,
                         {{"token_id", id}, {"reason", std::string(reason)}});
  }
}

Error throttled(std::string why, std::int64_t wait_seconds, const auth::ThrottlePolicy& policy) {
  int wait = static_cast<int>(wait_seconds);
  return rate_limited(std::move(why), wait,
                      RateLimitInfo{policy.account_free_failures,
                                    static_cast<int>(policy.window.count()), 0, wait});
}

}  // namespace prism::services::auth_detail
