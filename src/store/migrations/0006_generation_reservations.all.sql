-- Budget reservations (issue 11, finding 6): a generation's admission
-- reserves what it may cost (its estimate), in the same write transaction
-- that checks the organization's budget. A reservation counts only while
-- its generation is queued or running, so ending the generation in any way
-- (done, failed, cancelled, or interrupted by a restart) releases it. The
-- estimate is kept afterwards as a record of what was held.
ALTER TABLE generations ADD COLUMN tokens_reserved BIGINT NOT NULL DEFAULT 0;
ALTER TABLE generations ADD COLUMN cost_reserved_usd DOUBLE PRECISION NOT NULL DEFAULT 0;

-- The per-user cap (finding 4) counts a user's queued and running
-- generations across all of their organizations.
CREATE INDEX generations_user_running ON generations (user_id, status);
