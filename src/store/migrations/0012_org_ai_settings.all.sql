-- Bring your own key (issue 14): an organization's own AI provider. The key
-- is sealed (core/secret_box) with the organization's id as associated data
-- and never stored in the clear; key_hint is its last 4 characters.
CREATE TABLE org_ai_settings (
  org_id TEXT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  base_url TEXT,
  sealed_key TEXT,
  key_hint TEXT,
  updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
