-- When each maintenance job last ran (issue 13): the daily cleanup runs on
-- whichever instance finds it due, and records that in the same write
-- transaction, so several instances run it once a day between them.
CREATE TABLE maintenance_runs (
  name TEXT PRIMARY KEY,
  last_run_at BIGINT NOT NULL,
  report TEXT NOT NULL DEFAULT '{}'
);
