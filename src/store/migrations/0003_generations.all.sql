-- AI generations (the history: every call, cached or not, with usage and
-- cost), user stories, and organization PRD templates.

CREATE TABLE generations (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,                 -- prd | section | stories
  status TEXT NOT NULL,               -- queued | running | succeeded | failed | cancelled
  input TEXT NOT NULL,                -- the request's input, JSON
  template TEXT NOT NULL DEFAULT '',  -- template id or built-in name
  template_version BIGINT NOT NULL DEFAULT 1,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',  -- temperature, max_tokens …, JSON
  cache_key TEXT NOT NULL,
  cached BIGINT NOT NULL DEFAULT 0,
  output TEXT NOT NULL DEFAULT '',    -- the streamed text so far / final
  result TEXT,                        -- JSON: proposal (section diff, stories) or created document
  document_id TEXT,
  document_version BIGINT,
  applied_at BIGINT,
  tokens_in BIGINT NOT NULL DEFAULT 0,
  tokens_out BIGINT NOT NULL DEFAULT 0,
  tokens_estimated BIGINT NOT NULL DEFAULT 0,
  cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
  latency_ms BIGINT,
  error_code TEXT,
  error_message TEXT,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT
);
CREATE INDEX generations_project ON generations (project_id, id);
CREATE INDEX generations_org_created ON generations (org_id, created_at);
CREATE INDEX generations_cache ON generations (org_id, cache_key, status, finished_at);
CREATE INDEX generations_running ON generations (org_id, status);

CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  document_id TEXT,
  generation_id TEXT,
  title TEXT NOT NULL,
  as_a TEXT NOT NULL DEFAULT '',
  i_want TEXT NOT NULL DEFAULT '',
  so_that TEXT NOT NULL DEFAULT '',
  acceptance_criteria TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
  points BIGINT,
  priority TEXT NOT NULL DEFAULT 'medium',         -- low | medium | high | critical
  status TEXT NOT NULL DEFAULT 'todo',             -- todo | in_progress | done
  requirement_ref TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX stories_project ON stories (project_id, id);
CREATE INDEX stories_document ON stories (document_id);

CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  sections TEXT NOT NULL,            -- JSON [{title, guidance, required}]
  version BIGINT NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE UNIQUE INDEX templates_org_name ON templates (org_id, name) WHERE deleted_at IS NULL;
