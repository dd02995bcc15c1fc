#include "store/backup_store.hpp"

#include <algorithm>
#include <stdexcept>

namespace prism::store::backup {

namespace {

// Parameters per statement, under SQLite's limit (32,766) and PostgreSQL's
// (65,535); rows per statement stay at most kMaxRowsPerInsert.
constexpr std::size_t kMaxParams = 30000;
constexpr std::size_t kMaxRowsPerInsert = 500;

constexpr std::string_view kSqliteTables =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    " ORDER BY name";
constexpr std::string_view kPostgresTables =
    "SELECT table_name FROM information_schema.tables"
    " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";
constexpr std::string_view kSqliteColumns = "SELECT name FROM pragma_table_info(?1) ORDER BY cid";
constexpr std::string_view kPostgresColumns =
    "SELECT column_name FROM information_schema.columns"
    " WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position";
constexpr std::string_view kSchemaVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

// Documents whose search entry loading left on an older title or version
// (the joins and condition after "FROM documents d …").
constexpr std::string_view kStaleSearch =
    " JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version"
    " WHERE v.title <> d.title OR EXISTS (SELECT 1 FROM document_versions w"
    " WHERE w.document_id = d.id AND w.version > d.current_version)) AS s";
constexpr std::string_view kPostgresRefreshSearch =
    "UPDATE documents SET search = prism_search_vector(s.title || ' ' || s.content)"
    " FROM (SELECT d.id, d.title, v.content FROM documents d";
constexpr std::string_view kPostgresRefreshWhere = " WHERE documents.id = s.id";
constexpr std::string_view kSqliteRefreshSearch =
    "UPDATE documents_fts SET title = s.title, content = s.content"
    " FROM (SELECT ds.id AS fts_rowid, d.title, v.content FROM documents d"
    " JOIN document_search ds ON ds.document_id = d.id";
constexpr std::string_view kSqliteRefreshWhere = " WHERE documents_fts.rowid = s.fts_rowid";

bool derived(Dialect dialect, std::string_view table) {
  if (table == "schema_migrations") return true;
  return dialect == Dialect::kSqlite &&
         (table == "document_search" || table == "documents_fts" ||
          table.starts_with("documents_fts_") || table == "story_search" ||
          table == "stories_fts" || table.starts_with("stories_fts_"));
}

std::string quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

std::string key_expr(Dialect dialect, const KeyColumn& k) {
  // PostgreSQL sorts text by the database's collation unless told; "C"
  // compares bytes, as SQLite does.
  return quoted(k.name) + (dialect == Dialect::kPostgres && k.text ? " COLLATE \"C\"" : "");
}

std::string column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + quoted(c);
  return out;
}

}  // namespace

const std::vector<Table>& tables() {
  static const std::vector<Table> kTables{
      {"users", {{"id"}}},
      {"organizations", {{"id"}}},
      {"memberships", {{"org_id"}, {"user_id"}}},
      {"org_ai_settings", {{"org_id"}}},
      {"sessions", {{"id"}}},
      {"refresh_tokens", {{"token_hash"}}},
      {"api_tokens", {{"id"}}},
      {"email_tokens", {{"token_hash"}}},
      {"invitations", {{"id"}}},
      {"audit_log", {{"id"}}},
      {"projects", {{"id"}}},
      {"templates", {{"id"}}},
      {"documents", {{"id"}}},
      {"document_versions", {{"document_id"}, {"version", false}}},
      {"document_shares", {{"id"}}},
      {"generations", {{"id"}}},
      {"generation_event_pages", {{"generation_id"}, {"last_event_id", false}}},
      {"stories", {{"id"}}},
      {"comments", {{"id"}}},
      {"review_requests", {{"document_id"}, {"reviewer_id"}}},
      {"reviews", {{"id"}}},
      {"notifications", {{"id"}}},
      {"notification_preferences", {{"user_id"}, {"kind"}}},
      {"mcp_sessions", {{"id"}}},
      {"mcp_subscriptions", {{"session_id"}, {"uri"}}},
      {"maintenance_runs", {{"name"}}},
  };
  return kTables;
}

const Table* find_table(std::string_view name) {
  for (const auto& t : tables()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::vector<std::string> unknown_tables(Tx& tx) {
  std::vector<std::string> out;
  auto rows = tx.query(tx.dialect() == Dialect::kSqlite ? kSqliteTables : kPostgresTables);
  for (auto& row : rows) {
    std::string name = row.take_str(0);
    if (!find_table(name) && !derived(tx.dialect(), name)) out.push_back(std::move(name));
  }
  return out;
}

std::vector<std::string> columns(Tx& tx, const Table& table) {
  bool sqlite = tx.dialect() == Dialect::kSqlite;
  std::vector<std::string> out;
  for (auto& row :
       tx.query(sqlite ? kSqliteColumns : kPostgresColumns, {std::string(table.name)})) {
    std::string name = row.take_str(0);
    // documents.search and stories.search are PostgreSQL's search indexes,
    // kept by triggers.
    if (!sqlite && (table.name == "documents" || table.name == "stories") && name == "search") {
      continue;
    }
    out.push_back(std::move(name));
  }
  if (out.empty()) throw std::runtime_error("table " + std::string(table.name) + " does not exist");
  return out;
}

std::vector<std::size_t> key_positions(const Table& table,
                                       const std::vector<std::string>& columns) {
  std::vector<std::size_t> out;
  for (const auto& k : table.key) {
    auto it = std::find(columns.begin(), columns.end(), k.name);
    if (it == columns.end()) {
      throw std::runtime_error("table " + std::string(table.name) + " has no column " +
                               std::string(k.name));
    }
    out.push_back(static_cast<std::size_t>(it - columns.begin()));
  }
  return out;
}

std::vector<std::vector<Value>> read_page(Tx& tx, const Table& table,
                                          const std::vector<std::string>& columns,
                                          const std::vector<Value>& after, int limit) {
  std::string order, left, right;
  for (std::size_t i = 0; i < table.key.size(); ++i) {
    std::string sep = i == 0 ? "" : ", ";
    order += sep + key_expr(tx.dialect(), table.key[i]);
    left += sep + key_expr(tx.dialect(), table.key[i]);
    right += sep + "?" + std::to_string(i + 1);
  }
  std::string sql = "SELECT " + column_list(columns) + " FROM " + quoted(table.name);
  std::vector<Value> params;
  if (!after.empty()) {
    sql += " WHERE (" + left + ") > (" + right + ")";
    params = after;
  }
  params.emplace_back(std::int64_t{limit});
  sql += " ORDER BY " + order + " LIMIT ?" + std::to_string(params.size());
  std::vector<std::vector<Value>> out;
  for (auto& row : tx.query(sql, params)) out.push_back(row.take_values());
  return out;
}

void insert_rows(Tx& tx, const Table& table, const std::vector<std::string>& columns,
                 const std::vector<std::vector<Value>>& rows) {
  if (columns.empty()) return;
  const std::size_t per_statement =
      std::max<std::size_t>(1, std::min(kMaxRowsPerInsert, kMaxParams / columns.size()));
  const std::string head =
      "INSERT INTO " + quoted(table.name) + " (" + column_list(columns) + ") VALUES ";
  std::vector<Value> params;
  for (std::size_t start = 0; start < rows.size(); start += per_statement) {
    std::size_t end = std::min(rows.size(), start + per_statement);
    std::string sql = head;
    params.clear();
    for (std::size_t r = start; r < end; ++r) {
      if (rows[r].size() != columns.size()) {
        throw std::runtime_error("a row of " + std::string(table.name) + " has " +
                                 std::to_string(rows[r].size()) + " values for " +
                                 std::to_string(columns.size()) + " columns");
      }
      sql += r == start ? "(" : ", (";
      for (std::size_t c = 0; c < columns.size(); ++c) {
        params.push_back(rows[r][c]);
        sql += (c == 0 ? "?" : ", ?") + std::to_string(params.size());
      }
      sql += ")";
    }
    tx.exec(sql, params);
  }
}

void delete_all(Tx& tx, const Table& table) { tx.exec("DELETE FROM " + quoted(table.name)); }

void refresh_search(Tx& tx) {
  bool sqlite = tx.dialect() == Dialect::kSqlite;
  tx.exec(std::string(sqlite ? kSqliteRefreshSearch : kPostgresRefreshSearch) +
          std::string(kStaleSearch) +
          std::string(sqlite ? kSqliteRefreshWhere : kPostgresRefreshWhere));
}

// Numbers stories restored from a backup made before migration 0011, as
// that migration does: in creation order per project, after any number the
// project already uses, ranked through a keyed table (an UPDATE … FROM a
// window query is quadratic on SQLite).
constexpr std::string_view kNumberStories[] = {
    "CREATE TABLE story_number_backfill (id TEXT PRIMARY KEY, n BIGINT NOT NULL)",
    "INSERT INTO story_number_backfill (id, n) SELECT s.id,"
    " (SELECT COALESCE(MAX(t.number), 0) FROM stories t WHERE t.project_id = s.project_id)"
    " + ROW_NUMBER() OVER (PARTITION BY s.project_id ORDER BY s.created_at, s.id)"
    " FROM stories s WHERE s.number IS NULL",
    "UPDATE stories SET number ="
    " (SELECT b.n FROM story_number_backfill b WHERE b.id = stories.id) WHERE number IS NULL",
    "DROP TABLE story_number_backfill",
    "UPDATE projects SET story_counter ="
    " (SELECT COALESCE(MAX(number), 0) FROM stories WHERE stories.project_id = projects.id)"
    " WHERE story_counter <"
    " (SELECT COALESCE(MAX(number), 0) FROM stories WHERE stories.project_id = projects.id)"};

void number_stories(Tx& tx) {
  for (auto sql : kNumberStories) tx.exec(sql);
}

int schema_version(Tx& tx) { return static_cast<int>(tx.query_one(kSchemaVersion)->i64(0)); }

}  // namespace prism::store::backup
