#include "store/search_store.hpp"

#include <unordered_map>

#include "core/json.hpp"
#include "store/fulltext.hpp"

namespace prism::store::search {

namespace {

// Each ranks the organization's matches by (every word in the title, the
// index's rank, newest) and reads only the first `limit`; the body texts of
// documents are read afterwards for those alone (body_texts).
//
// SQLite: documents_fts (0004) with BM25, the title weighted ten times the
// content; "every word in the title" is the same query on the title column.
constexpr std::string_view kDocumentsSqlite =
    "SELECT d.id, d.project_id, p.name, p.key, d.title, d.status, d.updated_at,"
    " f.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?3) AS in_title,"
    " -bm25(documents_fts, 0.0, 10.0, 1.0) AS score"
    " FROM documents_fts f"
    " JOIN document_search s ON s.id = f.rowid"
    " JOIN documents d ON d.id = s.document_id"
    " JOIN projects p ON p.id = d.project_id AND p.deleted_at IS NULL"
    " WHERE documents_fts MATCH ?2 AND d.org_id = ?1 AND d.deleted_at IS NULL"
    " ORDER BY in_title DESC, score DESC, d.id DESC LIMIT ?4";

// PostgreSQL: documents.search (0002) with ts_rank; the title's own vector
// is computed for the matches only.
constexpr std::string_view kDocumentsPostgres =
    "SELECT d.id, d.project_id, p.name, p.key, d.title, d.status, d.updated_at,"
    " CASE WHEN prism_search_vector(d.title) @@ q.q THEN 1 ELSE 0 END AS in_title,"
    " ts_rank(d.search, q.q) AS score"
    " FROM documents d"
    " JOIN projects p ON p.id = d.project_id AND p.deleted_at IS NULL"
    " CROSS JOIN (SELECT to_tsquery('simple', prism_search_fold(?2)) AS q) q"
    " WHERE d.org_id = ?1 AND d.deleted_at IS NULL AND d.search @@ q.q"
    " ORDER BY in_title DESC, score DESC, d.id DESC LIMIT ?3";

constexpr std::string_view kStoriesSqlite =
    "SELECT st.id, st.project_id, p.name, p.key, st.title, st.status, st.updated_at,"
    " f.rowid IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?3) AS in_title,"
    " -bm25(stories_fts, 0.0, 10.0, 1.0) AS score, st.number, st.i_want, st.acceptance_criteria"
    " FROM stories_fts f"
    " JOIN story_search ss ON ss.id = f.rowid"
    " JOIN stories st ON st.id = ss.story_id"
    " JOIN projects p ON p.id = st.project_id AND p.deleted_at IS NULL"
    " WHERE stories_fts MATCH ?2 AND st.org_id = ?1 AND st.deleted_at IS NULL"
    " ORDER BY in_title DESC, score DESC, st.id DESC LIMIT ?4";

constexpr std::string_view kStoriesPostgres =
    "SELECT st.id, st.project_id, p.name, p.key, st.title, st.status, st.updated_at,"
    " CASE WHEN prism_search_vector(st.title) @@ q.q THEN 1 ELSE 0 END AS in_title,"
    " ts_rank(st.search, q.q) AS score,"
    " st.number, st.i_want, st.acceptance_criteria"
    " FROM stories st"
    " JOIN projects p ON p.id = st.project_id AND p.deleted_at IS NULL"
    " CROSS JOIN (SELECT to_tsquery('simple', prism_search_fold(?2)) AS q) q"
    " WHERE st.org_id = ?1 AND st.deleted_at IS NULL AND st.search @@ q.q"
    " ORDER BY in_title DESC, score DESC, st.id DESC LIMIT ?3";

constexpr std::string_view kStoryByKey =
    "SELECT st.id, st.project_id, p.name, p.key, st.title, st.status, st.updated_at,"
    " 1, 0.0, st.number, st.i_want, st.acceptance_criteria"
    " FROM stories st"
    " JOIN projects p ON p.id = st.project_id AND p.deleted_at IS NULL"
    " WHERE st.org_id = ?1 AND p.key = ?2 AND st.number = ?3 AND st.deleted_at IS NULL";

// Followed by the placeholders of the ids: (?2, ?3, …).
constexpr std::string_view kBodyTexts =
    "SELECT v.document_id, substr(v.content, 1, CAST(?1 AS INTEGER)) FROM documents d"
    " JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version"
    " WHERE d.id IN ";

Hit hit_from(Row& r, Hit::Kind kind) {
  Hit h;
  h.kind = kind;
  h.id = r.take_str(0);
  h.project_id = r.take_str(1);
  h.project_name = r.take_str(2);
  h.project_key = r.take_str(3);
  h.title = r.take_str(4);
  h.status = r.take_str(5);
  h.updated_at = r.i64(6);
  h.in_title = r.i64(7) != 0;
  h.score = r.f64(8);
  return h;
}

// What a story says beyond its title: i_want, then each criterion on a line.
std::string story_body(const std::string& i_want, const std::string& criteria_json) {
  std::string out = i_want;
  boost::system::error_code ec;
  json::value v = json::parse(criteria_json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_string()) continue;
    if (!out.empty()) out += '\n';
    out += item.as_string();
  }
  return out;
}

Hit story_from(Row& r) {
  Hit h = hit_from(r, Hit::Kind::kStory);
  h.number = r.i64(9);
  h.body = story_body(r.str(10), r.str(11));
  return h;
}

std::vector<Value> ranked_params(Tx& tx, std::string_view org_id,
                                 const std::vector<std::string>& words, int limit) {
  if (tx.dialect() == Dialect::kPostgres) {
    return {std::string(org_id), fulltext::tsquery(words), std::int64_t{limit}};
  }
  return {std::string(org_id), fulltext::fts5_query(words),
          fulltext::fts5_column_query("title", words), std::int64_t{limit}};
}

}  // namespace

std::vector<Hit> documents(Tx& tx, std::string_view org_id, const std::vector<std::string>& words,
                           int limit) {
  bool pg = tx.dialect() == Dialect::kPostgres;
  std::vector<Hit> out;
  for (auto& r : tx.query(pg ? kDocumentsPostgres : kDocumentsSqlite,
                          ranked_params(tx, org_id, words, limit))) {
    out.push_back(hit_from(r, Hit::Kind::kDocument));
  }
  return out;
}

std::vector<Hit> stories(Tx& tx, std::string_view org_id, const std::vector<std::string>& words,
                         int limit) {
  bool pg = tx.dialect() == Dialect::kPostgres;
  std::vector<Hit> out;
  for (auto& r :
       tx.query(pg ? kStoriesPostgres : kStoriesSqlite, ranked_params(tx, org_id, words, limit))) {
    out.push_back(story_from(r));
  }
  return out;
}

std::optional<Hit> story_by_key(Tx& tx, std::string_view org_id, std::string_view project_key,
                                std::int64_t number) {
  return tx.query_one_as(kStoryByKey, {std::string(org_id), std::string(project_key), number},
                         [](Row& r) { return story_from(r); });
}

void body_texts(Tx& tx, std::vector<Hit>& documents) {
  if (documents.empty()) return;
  std::string sql(kBodyTexts);
  std::vector<Value> params{kMaxBodyChars};
  for (const auto& d : documents) {
    params.emplace_back(d.id);
    sql += params.size() == 2 ? "(?" : ", ?";
    sql += std::to_string(params.size());
  }
  sql += ")";
  std::unordered_map<std::string, std::string> bodies;
  for (auto& r : tx.query(sql, params)) bodies.emplace(r.take_str(0), r.take_str(1));
  for (auto& d : documents) {
    if (auto it = bodies.find(d.id); it != bodies.end()) d.body = std::move(it->second);
  }
}

}  // namespace prism::store::search
