-- Server administration (issue 13): a server-wide administrator role,
-- separate from organization roles, and disabled accounts.
ALTER TABLE users ADD COLUMN is_admin BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
