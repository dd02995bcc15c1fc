-- Full-text search rows are found by rowid, not by scanning.
--
-- 0002 deleted a document's old search row with
-- `DELETE FROM documents_fts WHERE document_id = ?`, but an FTS5 table can
-- only look rows up by rowid or MATCH: every new version read the text of
-- every document in the database (thousands of page reads per save once a
-- few hundred PRDs exist). Each document now gets a stable integer in
-- document_search (an INTEGER PRIMARY KEY, which VACUUM keeps), used as its
-- FTS rowid. The index is rebuilt from the current versions.
DROP TRIGGER document_versions_fts;
DROP TRIGGER documents_fts_title;
DROP TABLE documents_fts;

CREATE TABLE document_search (
  id INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE
);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
  document_id UNINDEXED,
  title,
  content,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO document_search (document_id) SELECT id FROM documents ORDER BY created_at, id;
INSERT INTO documents_fts (rowid, document_id, title, content)
  SELECT s.id, d.id, d.title, v.content
  FROM document_search s
  JOIN documents d ON d.id = s.document_id
  JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version;

CREATE TRIGGER document_versions_fts AFTER INSERT ON document_versions BEGIN
  INSERT OR IGNORE INTO document_search (document_id) VALUES (NEW.document_id);
  DELETE FROM documents_fts
    WHERE rowid = (SELECT id FROM document_search WHERE document_id = NEW.document_id);
  INSERT INTO documents_fts (rowid, document_id, title, content)
    VALUES ((SELECT id FROM document_search WHERE document_id = NEW.document_id),
            NEW.document_id, NEW.title, NEW.content);
END;

CREATE TRIGGER documents_fts_title AFTER UPDATE OF title ON documents BEGIN
  UPDATE documents_fts SET title = NEW.title
    WHERE rowid = (SELECT id FROM document_search WHERE document_id = NEW.id);
END;

CREATE TRIGGER documents_fts_delete BEFORE DELETE ON documents BEGIN
  DELETE FROM documents_fts
    WHERE rowid = (SELECT id FROM document_search WHERE document_id = OLD.id);
END;
