-- Teams review PRDs together (issue 15): comments with replies and
-- mentions, review requests and reviews, in-app notifications with e-mail
-- preferences, and the organization's review settings.
ALTER TABLE organizations ADD COLUMN required_approvals BIGINT NOT NULL DEFAULT 1;
ALTER TABLE organizations ADD COLUMN viewers_can_comment BIGINT NOT NULL DEFAULT 1;

-- A thread is a comment without parent_id; replies name the thread's first
-- comment. section is the `##` title the thread is anchored to ('' for the
-- text before the first heading, NULL for the document as a whole);
-- anchor_hash is the SHA-256 of that section's text at anchor_version, so a
-- later version that changes it marks the thread outdated.
CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  parent_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  section TEXT,
  quote TEXT,
  anchor_version BIGINT NOT NULL,
  anchor_hash TEXT,
  resolved_at BIGINT,
  resolved_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  edited_at BIGINT,
  deleted_at BIGINT
);
CREATE INDEX comments_document ON comments (document_id, id);

-- Who was asked to review a document, and at which version.
CREATE TABLE review_requests (
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  requested_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (document_id, reviewer_id)
);

-- Every decision, with the version it was made on: an approval counts only
-- while that version is the document's current one.
CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  decision TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX reviews_document ON reviews (document_id, id);

CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  document_id TEXT REFERENCES documents (id) ON DELETE CASCADE,
  comment_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
  review_id TEXT REFERENCES reviews (id) ON DELETE CASCADE,
  excerpt TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, id);

-- Only the choices a user changed; every kind is e-mailed by default.
CREATE TABLE notification_preferences (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  email BIGINT NOT NULL,
  PRIMARY KEY (user_id, kind)
);
