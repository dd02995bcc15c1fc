#include "config/retention_config.hpp"

namespace prism::config {

namespace {

std::optional<int> days(const Env& env, const std::string& name) {
  if (env_string(env, name).empty()) return std::nullopt;
  return env_int(env, name, 0, 1, 36500);
}

std::string shown(const std::optional<int>& d) { return d ? std::to_string(*d) : "(keep forever)"; }

}  // namespace

RetentionConfig load_retention_config(const Env& env) {
  return {days(env, "RETENTION_GENERATION_DAYS"), days(env, "RETENTION_AUDIT_DAYS"),
          env_int(env, "TRASH_RETENTION_DAYS", 30, 0, 36500),
          env_int(env, "MCP_SESSION_IDLE_SECONDS", 24 * 3600, 2, 365 * 24 * 3600)};
}

std::string describe(const RetentionConfig& c) {
  return "RETENTION_GENERATION_DAYS=" + shown(c.generation_days) + "\n" +
         "RETENTION_AUDIT_DAYS=" + shown(c.audit_days) + "\n" +
         "TRASH_RETENTION_DAYS=" + std::to_string(c.trash_days) + "\n" +
         "MCP_SESSION_IDLE_SECONDS=" + std::to_string(c.mcp_session_idle_seconds) + "\n";
}

}  // namespace prism::config
