#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::mcp_sessions {

// Announces a session id when it ends (DELETE /mcp), so the instance that
// holds its GET stream closes it.
inline constexpr std::string_view kEndedChannel = "prism_mcp_sessions";

struct Session {
  std::string id;
  std::string user_id;
  std::optional<std::string> token_id;
  std::string protocol_version;
  std::string client_name;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::optional<std::int64_t> ended_at;
};

void insert(Tx& tx, const Session& s);
std::optional<Session> find(Tx& tx, std::string_view id);
// Records use at most once per `min_interval_ms`.
void touch(Tx& tx, std::string_view id, std::int64_t now, std::int64_t min_interval_ms);
// False when it had already ended (or never existed); announced on
// kEndedChannel when it ends.
bool end(Tx& tx, std::string_view id, std::int64_t now);

// Resource subscriptions of a session (resources/subscribe).
// False when it was already subscribed.
bool subscribe(Tx& tx, std::string_view session_id, std::string_view uri, std::int64_t now);
bool unsubscribe(Tx& tx, std::string_view session_id, std::string_view uri);
std::int64_t count_subscriptions(Tx& tx, std::string_view session_id);
// The live sessions subscribed to `uri`, with their users.
struct Subscriber {
  std::string session_id;
  std::string user_id;
};
std::vector<Subscriber> subscribers(Tx& tx, std::string_view uri);

}  // namespace prism::store::mcp_sessions
