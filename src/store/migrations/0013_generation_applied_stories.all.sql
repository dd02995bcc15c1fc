-- Story proposals accepted one by one (issue 14): the indexes of a stories
-- generation's proposals already added to the backlog, as a JSON array.
-- applied_at is set once every proposal is.
ALTER TABLE generations ADD COLUMN applied_stories TEXT;
