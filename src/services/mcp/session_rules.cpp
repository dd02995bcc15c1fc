#include "services/mcp/session_rules.hpp"

namespace prism::services::mcp {

bool usable(const std::optional<store::mcp_sessions::Session>& s, std::string_view user_id,
            std::int64_t now, const SessionPolicy& policy) {
  return s && !s->ended_at && s->user_id == user_id && now - s->last_seen_at < policy.idle_ms;
}

bool stale(const store::mcp_sessions::Session& s, std::int64_t now, const SessionPolicy& policy) {
  return now - s.last_seen_at >= policy.touch_interval_ms();
}

}  // namespace prism::services::mcp
