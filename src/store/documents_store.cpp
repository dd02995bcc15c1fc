#include "store/documents_store.hpp"

#include "store/fulltext.hpp"

namespace prism::store::documents {

namespace {

constexpr std::string_view kInsertDocument =
    "INSERT INTO documents (id, org_id, project_id, title, status, template, current_version,"
    " created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

constexpr std::string_view kFindDocument =
    "SELECT d.id, d.org_id, d.project_id, d.title, d.status, d.template, d.current_version,"
    " d.created_by, d.created_at, d.updated_at FROM documents d"
    " JOIN projects p ON p.id = d.project_id AND p.deleted_at IS NULL"
    " JOIN organizations o ON o.id = d.org_id AND o.deleted_at IS NULL"
    " WHERE d.id = ?1 AND d.deleted_at IS NULL";

constexpr std::string_view kListDocuments =
    "SELECT d.id, d.org_id, d.project_id, d.title, d.status, d.template, d.current_version,"
    " d.created_by, d.created_at, d.updated_at FROM documents d"
    " WHERE d.project_id = ?1 AND d.deleted_at IS NULL AND (CAST(?2 AS TEXT) IS NULL OR d.status = "
    "?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR d.id < ?3) ORDER BY d.id DESC LIMIT ?4";

// SQLite: the FTS5 table kept by triggers (migration 0002) holds each
// document's current title and content.
constexpr std::string_view kSearchSqlite =
    "SELECT d.id, d.org_id, d.project_id, d.title, d.status, d.template, d.current_version,"
    " d.created_by, d.created_at, d.updated_at FROM documents d"
    " WHERE d.project_id = ?1 AND d.deleted_at IS NULL AND (CAST(?2 AS TEXT) IS NULL OR d.status = "
    "?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR d.id < ?3)"
    " AND d.id IN (SELECT document_id FROM documents_fts WHERE documents_fts MATCH ?5)"
    " ORDER BY d.id DESC LIMIT ?4";

// PostgreSQL: documents.search, the tsvector of the current title and
// content kept by a trigger and GIN-indexed (migration 0002, postgres), with
// the query folded like the indexed text (lower case, no diacritics).
constexpr std::string_view kSearchPostgres =
    "SELECT d.id, d.org_id, d.project_id, d.title, d.status, d.template, d.current_version,"
    " d.created_by, d.created_at, d.updated_at FROM documents d"
    " WHERE d.project_id = ?1 AND d.deleted_at IS NULL AND (CAST(?2 AS TEXT) IS NULL OR d.status = "
    "?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR d.id < ?3)"
    " AND d.search @@ to_tsquery('simple', prism_search_fold(?5))"
    " ORDER BY d.id DESC LIMIT ?4";

constexpr std::string_view kUpdateDocument =
    "UPDATE documents SET current_version = ?3, title = ?4, status = ?5, updated_at = ?6"
    " WHERE id = ?1 AND current_version = ?2 AND deleted_at IS NULL";

constexpr std::string_view kSoftDelete =
    "UPDATE documents SET deleted_at = ?2, deleted_by = ?3, updated_at = ?2"
    " WHERE id = ?1 AND deleted_at IS NULL";

constexpr std::string_view kInsertVersion =
    "INSERT INTO document_versions (document_id, version, title, content, author_id, source,"
    " generation_id, summary, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

constexpr std::string_view kFindVersion =
    "SELECT v.document_id, v.version, v.title, v.content, v.author_id, COALESCE(u.name, ''),"
    " v.source, v.generation_id, v.summary, v.created_at FROM document_versions v"
    " LEFT JOIN users u ON u.id = v.author_id WHERE v.document_id = ?1 AND v.version = ?2";

// find_document and find_version of its current version in one statement,
// with the role of ?2 in the document's organization (NULL when ?2 is NULL or
// not a member; a member has one membership per organization).
constexpr std::string_view kFindCurrent =
    "SELECT d.id, d.org_id, d.project_id, d.title, d.status, d.template, d.current_version,"
    " d.created_by, d.created_at, d.updated_at,"
    " v.document_id, v.version, v.title, v.content, v.author_id, COALESCE(u.name, ''),"
    " v.source, v.generation_id, v.summary, v.created_at, m.role FROM documents d"
    " JOIN projects p ON p.id = d.project_id AND p.deleted_at IS NULL"
    " JOIN organizations o ON o.id = d.org_id AND o.deleted_at IS NULL"
    " JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version"
    " LEFT JOIN memberships m ON m.org_id = d.org_id AND m.user_id = ?2"
    " LEFT JOIN users u ON u.id = v.author_id"
    " WHERE d.id = ?1 AND d.deleted_at IS NULL";

constexpr std::string_view kListVersions =
    "SELECT v.document_id, v.version, v.title, '', v.author_id, COALESCE(u.name, ''),"
    " v.source, v.generation_id, v.summary, v.created_at FROM document_versions v"
    " LEFT JOIN users u ON u.id = v.author_id"
    " WHERE v.document_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR v.version < ?2)"
    " ORDER BY v.version DESC LIMIT ?3";

// Both read ten columns, starting at column `at`, and move the text out of the row.
Document document_from(Row& r, std::size_t at = 0) {
  return Document{r.take_str(at),     r.take_str(at + 1), r.take_str(at + 2), r.take_str(at + 3),
                  r.take_str(at + 4), r.take_str(at + 5), r.i64(at + 6),      r.take_str(at + 7),
                  r.i64(at + 8),      r.i64(at + 9)};
}

Version version_from(Row& r, std::size_t at = 0) {
  Version v;
  v.document_id = r.take_str(at);
  v.version = r.i64(at + 1);
  v.title = r.take_str(at + 2);
  v.content = r.take_str(at + 3);
  v.author_id = r.take_opt_str(at + 4);
  v.author_name = r.take_str(at + 5);
  v.source = r.take_str(at + 6);
  v.generation_id = r.take_opt_str(at + 7);
  v.summary = r.take_str(at + 8);
  v.created_at = r.i64(at + 9);
  return v;
}

}  // namespace

void insert_document(Tx& tx, const Document& d) {
  tx.exec(kInsertDocument, {d.id, d.org_id, d.project_id, d.title, d.status, d.template_name,
                            d.current_version, d.created_by, d.created_at, d.updated_at});
}

std::optional<Document> find_document(Tx& tx, std::string_view id) {
  return tx.query_one_as(kFindDocument, {std::string(id)}, [](Row& r) { return document_from(r); });
}

std::vector<Document> list_documents(Tx& tx, const ListFilter& f) {
  std::vector<Value> params{f.project_id, opt(f.status), opt(f.before_id), std::int64_t{f.limit}};
  std::string_view sql = kListDocuments;
  if (!f.words.empty()) {
    bool pg = tx.dialect() == Dialect::kPostgres;
    sql = pg ? kSearchPostgres : kSearchSqlite;
    params.emplace_back(pg ? fulltext::tsquery(f.words) : fulltext::fts5_query(f.words));
  }
  std::vector<Document> out;
  for (auto& row : tx.query(sql, params)) out.push_back(document_from(row));
  return out;
}

bool update_document(Tx& tx, std::string_view id, std::int64_t expected_version,
                     std::int64_t new_version, const std::string& title, const std::string& status,
                     std::int64_t now) {
  return tx.exec(kUpdateDocument,
                 {std::string(id), expected_version, new_version, title, status, now}) == 1;
}

bool soft_delete_document(Tx& tx, std::string_view id, std::string_view deleted_by,
                          std::int64_t now) {
  return tx.exec(kSoftDelete, {std::string(id), now, std::string(deleted_by)}) == 1;
}

void insert_version(Tx& tx, const Version& v) {
  tx.exec(kInsertVersion, {v.document_id, v.version, v.title, v.content, opt(v.author_id), v.source,
                           opt(v.generation_id), v.summary, v.created_at});
}

std::optional<Version> find_version(Tx& tx, std::string_view document_id, std::int64_t version) {
  return tx.query_one_as(kFindVersion, {std::string(document_id), version},
                         [](Row& r) { return version_from(r); });
}

std::optional<Current> find_current(Tx& tx, std::string_view id) {
  auto row = tx.query_one(kFindCurrent, {std::string(id), nullptr});
  if (!row) return std::nullopt;
  return Current{document_from(*row), version_from(*row, 10)};
}

std::optional<CurrentWithRole> find_current_as(Tx& tx, std::string_view user_id,
                                               std::string_view id) {
  auto row = tx.query_one(kFindCurrent, {std::string(id), std::string(user_id)});
  if (!row || row->is_null(20)) return std::nullopt;
  return CurrentWithRole{row->take_str(20), Current{document_from(*row), version_from(*row, 10)}};
}

std::vector<Version> list_versions(Tx& tx, std::string_view document_id,
                                   std::optional<std::int64_t> before_version, int limit) {
  std::vector<Version> out;
  for (auto& row : tx.query(kListVersions,
                            {std::string(document_id), opt(before_version), std::int64_t{limit}})) {
    out.push_back(version_from(row));
  }
  return out;
}

}  // namespace prism::store::documents
