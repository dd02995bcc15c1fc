-- Stories people can reference (issue 14, part 5): each story gets a number
-- within its project, shown with the project's key as CHK-12.
--
-- A number is never handed out twice in a project, even after its story is
-- deleted: projects.story_counter is the last number given, and a new story
-- takes the next one by incrementing it in the transaction that inserts the
-- story (the row lock serializes concurrent creators on PostgreSQL, where
-- MAX(number) + 1 would hand two of them the same number). Only the number
-- is stored: the key is the project's current key and the number, so keys
-- follow a renamed project.
--
-- stories.number is nullable only so that a backup made before this
-- migration can be restored: its stories load without numbers, and
-- backup_store numbers them the same way as below.
ALTER TABLE projects ADD COLUMN story_counter BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN number BIGINT;

-- Existing stories, deleted ones too (their numbers stay used), are numbered
-- in creation order per project; each project's counter is its last number.
-- The ranking goes through a keyed table: an UPDATE … FROM a window query
-- is quadratic on SQLite (30,000 stories took minutes; this takes 0.3 s).
CREATE TABLE story_number_backfill (id TEXT PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO story_number_backfill (id, n)
  SELECT s.id, ROW_NUMBER() OVER (PARTITION BY s.project_id ORDER BY s.created_at, s.id)
  FROM stories s;
UPDATE stories SET number = (SELECT b.n FROM story_number_backfill b WHERE b.id = stories.id);
DROP TABLE story_number_backfill;
UPDATE projects SET story_counter =
    (SELECT COALESCE(MAX(number), 0) FROM stories WHERE stories.project_id = projects.id);

CREATE UNIQUE INDEX stories_project_number ON stories (project_id, number);
