#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace prism::store::mcp_sessions {

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
// False when it had already ended (or never existed).
bool end(Tx& tx, std::string_view id, std::int64_t now);
// Ends the sessions idle since before `idle_before`; returns how many.
std::int64_t end_idle(Tx& tx, std::int64_t idle_before, std::int64_t now);

}  // namespace prism::store::mcp_sessions
