#include "store/storage_store.hpp"

namespace prism::store::storage {

namespace {

constexpr std::string_view kSqliteDatabaseBytes =
    "SELECT p.page_count * s.page_size FROM pragma_page_count() AS p, pragma_page_size() AS s";
constexpr std::string_view kPostgresDatabaseBytes = "SELECT pg_database_size(current_database())";
// Each b-tree (a table or an index) by the table it belongs to.
constexpr std::string_view kSqliteTableBytes =
    "SELECT m.tbl_name, SUM(s.pgsize) FROM dbstat AS s JOIN sqlite_master AS m ON m.name = s.name"
    " GROUP BY m.tbl_name ORDER BY m.tbl_name";
constexpr std::string_view kPostgresTableBytes =
    "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class AS c"
    " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
    " WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname";
constexpr std::string_view kSqliteHasCreatedAt =
    "SELECT 1 FROM pragma_table_info(?1) WHERE name = 'created_at'";
constexpr std::string_view kPostgresHasCreatedAt =
    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
    " AND table_name = ?1 AND column_name = 'created_at'";

std::string quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

}  // namespace

std::int64_t database_bytes(Tx& tx) {
  bool sqlite = tx.dialect() == Dialect::kSqlite;
  return tx.query_one(sqlite ? kSqliteDatabaseBytes : kPostgresDatabaseBytes)->i64(0);
}

std::vector<std::pair<std::string, std::int64_t>> table_bytes(Tx& tx) {
  bool sqlite = tx.dialect() == Dialect::kSqlite;
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (auto& row : tx.query(sqlite ? kSqliteTableBytes : kPostgresTableBytes)) {
    out.emplace_back(row.take_str(0), row.i64(1));
  }
  return out;
}

// `table` is one of the schema's own table names (never user input).
std::int64_t count_rows(Tx& tx, std::string_view table) {
  return tx.query_one("SELECT COUNT(*) FROM " + quoted(table))->i64(0);
}

std::optional<std::int64_t> rows_created_since(Tx& tx, std::string_view table,
                                               std::int64_t since_ms) {
  bool sqlite = tx.dialect() == Dialect::kSqlite;
  if (!tx.query_one(sqlite ? kSqliteHasCreatedAt : kPostgresHasCreatedAt, {std::string(table)})) {
    return std::nullopt;
  }
  return tx
      .query_one("SELECT COUNT(*) FROM " + quoted(table) + " WHERE created_at >= ?1", {since_ms})
      ->i64(0);
}

}  // namespace prism::store::storage
