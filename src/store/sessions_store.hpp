#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::sessions {

struct Session {
  std::string id;
  std::string user_id;
  std::string user_agent;
  std::string ip;
  std::int64_t created_at = 0;
  std::int64_t last_used_at = 0;
  std::int64_t expires_at = 0;  // absolute end, whatever the activity
  std::optional<std::int64_t> revoked_at;
  std::optional<std::string> revoked_reason;
};

// Revocations are announced on this channel (Tx::notify), so that instances
// that keep validated sessions in memory drop them: the payload is
// session_change(id) for one session, user_change(id) for all of a user's.
inline constexpr std::string_view kChangesChannel = "prism_sessions";
std::string session_change(std::string_view session_id);
std::string user_change(std::string_view user_id);

void insert(Tx& tx, const Session& session);
std::optional<Session> find(Tx& tx, std::string_view id);
// Sessions neither revoked nor past `expires_at` nor idle since before
// `idle_since`, newest first, with ids below `before_id` when given.
std::vector<Session> list_active(Tx& tx, std::string_view user_id, std::int64_t now,
                                 std::int64_t idle_since,
                                 const std::optional<std::string>& before_id, int limit);
void touch(Tx& tx, std::string_view id, std::int64_t now);
// Returns false when the session was already revoked (or does not exist).
bool revoke(Tx& tx, std::string_view id, std::string_view reason, std::int64_t now);
// Revokes every live session of the user except `keep_id` (when given).
std::int64_t revoke_all_for_user(Tx& tx, std::string_view user_id, std::string_view reason,
                                 std::int64_t now, const std::optional<std::string>& keep_id);

}  // namespace prism::store::sessions
