#pragma once

#include <optional>
#include <string>

#include "config/env_values.hpp"

namespace prism::config {

// How long `prism cleanup` (and its daily run) keeps what would otherwise
// stay forever; unset keeps it forever. Expired sessions, tokens,
// invitations and share links go whatever these say.
struct RetentionConfig {
  std::optional<int> generation_days;  // RETENTION_GENERATION_DAYS: generation outputs
  std::optional<int> audit_days;       // RETENTION_AUDIT_DAYS: audit log entries
  // TRASH_RETENTION_DAYS: how long a deleted document stays restorable in its
  // organization's trash before the cleanup purges it with its versions;
  // 0 purges at the next cleanup.
  int trash_days = 30;
  // MCP_SESSION_IDLE_SECONDS: an MCP session unused this long is answered
  // 404 (its client initializes a new one) and removed by the cleanup.
  int mcp_session_idle_seconds = 24 * 3600;
};

// Validates the variables (1–36500 days; the trash 0–36500, default 30;
// MCP sessions 2 s to a year, default a day);
// throws ConfigError naming a bad one.
RetentionConfig load_retention_config(const Env& env);
std::string describe(const RetentionConfig& config);

}  // namespace prism::config
