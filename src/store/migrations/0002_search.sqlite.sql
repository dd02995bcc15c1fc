-- Full-text search over each document's current title and content (FTS5).
-- Triggers keep it in step with new versions, so no code path can forget it.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
  document_id UNINDEXED,
  title,
  content,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER document_versions_fts AFTER INSERT ON document_versions BEGIN
  DELETE FROM documents_fts WHERE document_id = NEW.document_id;
  INSERT INTO documents_fts (document_id, title, content)
    VALUES (NEW.document_id, NEW.title, NEW.content);
END;

CREATE TRIGGER documents_fts_title AFTER UPDATE OF title ON documents BEGIN
  UPDATE documents_fts SET title = NEW.title WHERE document_id = NEW.id;
END;
