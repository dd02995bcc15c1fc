-- Full-text search on PostgreSQL: the counterpart of 0002/0004 (FTS5).
--
-- documents.search holds the tsvector of the document's current title and
-- content, kept by a trigger on new versions (as SQLite's triggers keep
-- documents_fts), so no code path can forget it, and a GIN index makes the
-- search an index lookup rather than a scan of every version's text.
--
-- Behaviour as FTS5's unicode61 tokenizer with remove_diacritics 2, seen
-- from the API: the 'simple' configuration (no stemming, no stop words, lower
-- case), and diacritics removed by prism_search_fold, a plain SQL function
-- (translate() over the Latin letters with diacritics), on both the indexed
-- text and the query. The `unaccent` extension would cover more scripts, but
-- creating an extension needs rights the app's non-superuser owner role may
-- not have (Neon allows it, a managed server may not), and the schema must
-- migrate with the app's own role everywhere.
CREATE FUNCTION prism_search_fold(t TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN lower(translate(t, 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳØøĐđĦħŁłŦŧıÐðĿŀ', 'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyooddhhllttiddll'));

-- A tsvector holds at most 1 MB; a document with more distinct words than
-- that (up to 1 MiB of text, e.g. a table of 60,000 distinct cells) is
-- indexed by its first 256 KiB instead of failing to save.
CREATE FUNCTION prism_search_vector(t TEXT) RETURNS TSVECTOR
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN to_tsvector('simple', prism_search_fold(t));
EXCEPTION WHEN program_limit_exceeded THEN
  RETURN to_tsvector('simple', prism_search_fold(left(t, 262144)));
END
$$;

ALTER TABLE documents ADD COLUMN search TSVECTOR NOT NULL DEFAULT ''::tsvector;
CREATE INDEX documents_search ON documents USING GIN (search);

CREATE FUNCTION document_versions_search() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE documents
    SET search = prism_search_vector(NEW.title || ' ' || NEW.content)
    WHERE id = NEW.document_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER document_versions_search AFTER INSERT ON document_versions
  FOR EACH ROW EXECUTE FUNCTION document_versions_search();

-- The title alone can change without a new version only through an UPDATE
-- that names it; keep the vector in step then too.
CREATE FUNCTION documents_title_search() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := prism_search_vector(NEW.title || ' ' || COALESCE(
    (SELECT content FROM document_versions
      WHERE document_id = NEW.id AND version = NEW.current_version), ''));
  RETURN NEW;
END
$$;

CREATE TRIGGER documents_title_search BEFORE UPDATE OF title ON documents
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
  EXECUTE FUNCTION documents_title_search();
