-- Trash and search everywhere (issue 15, part 1): the PostgreSQL counterpart
-- of 0015_trash_search.sqlite.sql.
--
-- documents.deleted_at already says when a document went to the trash;
-- deleted_by says who moved it there (NULL for documents deleted before this
-- migration: only administrators may restore those). The trash of an
-- organization and the daily purge read the trashed documents only, through
-- partial indexes that hold nothing else.
ALTER TABLE documents ADD COLUMN deleted_by TEXT;
CREATE INDEX documents_trash ON documents (org_id, deleted_at, id) WHERE deleted_at IS NOT NULL;
CREATE INDEX documents_trash_expiry ON documents (deleted_at) WHERE deleted_at IS NOT NULL;

-- Full-text search over stories, as documents.search (0002) for documents:
-- stories.search holds the tsvector of the title, what the story wants and
-- its acceptance criteria (a JSON array, indexed as its texts), folded like
-- the documents' (prism_search_vector), kept by a trigger and GIN-indexed.
CREATE FUNCTION prism_criteria_text(criteria TEXT) RETURNS TEXT
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN COALESCE((SELECT string_agg(value, ' ') FROM json_array_elements_text(criteria::json)), '');
EXCEPTION WHEN others THEN
  -- Not a JSON array of strings (never written by PRISM): index it as text.
  RETURN criteria;
END
$$;

ALTER TABLE stories ADD COLUMN search TSVECTOR NOT NULL DEFAULT ''::tsvector;

CREATE FUNCTION stories_search() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := prism_search_vector(NEW.title || ' ' || NEW.i_want || ' ' ||
                                    prism_criteria_text(NEW.acceptance_criteria));
  RETURN NEW;
END
$$;

CREATE TRIGGER stories_search BEFORE INSERT OR UPDATE OF title, i_want, acceptance_criteria
  ON stories FOR EACH ROW EXECUTE FUNCTION stories_search();

UPDATE stories SET search = prism_search_vector(title || ' ' || i_want || ' ' ||
                                                prism_criteria_text(acceptance_criteria));
CREATE INDEX stories_search ON stories USING GIN (search);
