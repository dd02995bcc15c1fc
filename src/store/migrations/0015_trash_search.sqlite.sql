-- Trash and search everywhere (issue 15, part 1).
--
-- documents.deleted_at already says when a document went to the trash;
-- deleted_by says who moved it there (NULL for documents deleted before this
-- migration: only administrators may restore those). The trash of an
-- organization and the daily purge read the trashed documents only, through
-- partial indexes that hold nothing else.
ALTER TABLE documents ADD COLUMN deleted_by TEXT;
CREATE INDEX documents_trash ON documents (org_id, deleted_at, id) WHERE deleted_at IS NOT NULL;
CREATE INDEX documents_trash_expiry ON documents (deleted_at) WHERE deleted_at IS NOT NULL;

-- Full-text search over stories: the title, and as the body what the story
-- wants and its acceptance criteria (a JSON array, indexed as its texts), as
-- documents_fts does for documents (0004): a stable integer per story in
-- story_search is its FTS rowid, and triggers keep the index in step, so no
-- code path can forget it.
CREATE TABLE story_search (
  id INTEGER PRIMARY KEY,
  story_id TEXT NOT NULL UNIQUE REFERENCES stories (id) ON DELETE CASCADE
);

CREATE VIRTUAL TABLE stories_fts USING fts5 (
  story_id UNINDEXED,
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO story_search (story_id) SELECT id FROM stories ORDER BY created_at, id;
INSERT INTO stories_fts (rowid, story_id, title, body)
  SELECT ss.id, s.id, s.title, s.i_want || ' ' ||
    CASE WHEN json_valid(s.acceptance_criteria)
      THEN (SELECT COALESCE(group_concat(value, ' '), '') FROM json_each(s.acceptance_criteria))
      ELSE s.acceptance_criteria END
  FROM story_search ss JOIN stories s ON s.id = ss.story_id;

CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
  INSERT OR IGNORE INTO story_search (story_id) VALUES (NEW.id);
  INSERT INTO stories_fts (rowid, story_id, title, body)
    VALUES ((SELECT id FROM story_search WHERE story_id = NEW.id), NEW.id, NEW.title,
            NEW.i_want || ' ' ||
            CASE WHEN json_valid(NEW.acceptance_criteria)
              THEN (SELECT COALESCE(group_concat(value, ' '), '')
                    FROM json_each(NEW.acceptance_criteria))
              ELSE NEW.acceptance_criteria END);
END;

CREATE TRIGGER stories_fts_update AFTER UPDATE OF title, i_want, acceptance_criteria ON stories
BEGIN
  UPDATE stories_fts SET title = NEW.title, body = NEW.i_want || ' ' ||
      CASE WHEN json_valid(NEW.acceptance_criteria)
        THEN (SELECT COALESCE(group_concat(value, ' '), '')
              FROM json_each(NEW.acceptance_criteria))
        ELSE NEW.acceptance_criteria END
    WHERE rowid = (SELECT id FROM story_search WHERE story_id = NEW.id);
END;

CREATE TRIGGER stories_fts_delete BEFORE DELETE ON stories BEGIN
  DELETE FROM stories_fts WHERE rowid = (SELECT id FROM story_search WHERE story_id = OLD.id);
END;
