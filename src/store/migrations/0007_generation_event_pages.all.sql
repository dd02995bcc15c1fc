-- Generations across instances (issue 12). A generation runs on the
-- instance that accepted it. That instance writes the generation's SSE
-- events to the database in pages (one page per generation per interval,
-- never a write per token), so that a browser whose connection lands on
-- another instance reads the same events with the same ids, and it renews
-- heartbeat_at while the generation is queued or running: a generation
-- whose instance stopped renewing it is marked failed (interrupted) by any
-- instance.
ALTER TABLE generations ADD COLUMN heartbeat_at BIGINT;

CREATE TABLE generation_event_pages (
  generation_id TEXT NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
  last_event_id BIGINT NOT NULL,
  events TEXT NOT NULL,
  final INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (generation_id, last_event_id)
);

CREATE INDEX generations_heartbeat ON generations (status, heartbeat_at);
