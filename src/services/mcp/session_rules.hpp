#pragma once

// When an MCP session may still be used: not ended, its user's, and used
// within the idle time (an idle one is answered 404, and the client
// initializes a new one, as the transport prescribes).
#include <cstdint>
#include <optional>
#include <string_view>

#include "store/mcp_sessions_store.hpp"

namespace prism::services::mcp {

struct SessionPolicy {
  std::int64_t idle_ms = 24LL * 3600 * 1000;
  // Use is recorded at most this often (a write per request would be one
  // per tool call); never less often than a fraction of the idle time.
  std::int64_t touch_interval_ms() const {
    return idle_ms / 4 < 60'000 ? idle_ms / 4 : std::int64_t{60'000};
  }
};

bool usable(const std::optional<store::mcp_sessions::Session>& s, std::string_view user_id,
            std::int64_t now, const SessionPolicy& policy);
// Whether its last use is old enough to be recorded again.
bool stale(const store::mcp_sessions::Session& s, std::int64_t now, const SessionPolicy& policy);

}  // namespace prism::services::mcp
