-- Personal token scopes (issue 16): "read" or "read write", space-separated.
-- Tokens made before scopes existed keep doing everything they did.
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read write';
