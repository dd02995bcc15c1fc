-- MCP sessions (issue 16): an Mcp-Session-Id is served by any instance, so
-- the session lives in the database, bound to the user (and token) that
-- opened it.
CREATE TABLE mcp_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_id TEXT,
  protocol_version TEXT NOT NULL,
  client_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE INDEX mcp_sessions_user ON mcp_sessions (user_id);
