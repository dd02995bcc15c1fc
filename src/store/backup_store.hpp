#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::backup {

// A column of a table's primary key; text keys are ordered byte by byte on
// both backends, so both list rows in the same order.
struct KeyColumn {
  std::string_view name;
  bool text = true;
};

// A table `prism backup` copies, with its primary key.
struct Table {
  std::string_view name;
  std::vector<KeyColumn> key;
};

// Every table holding PRISM's data, parents before children (so rows load
// with their foreign keys satisfied). Search indexes (SQLite's
// document_search, documents_fts, story_search and stories_fts, PostgreSQL's
// documents.search and stories.search) are not data: the triggers that keep
// them rebuild them as rows load.
const std::vector<Table>& tables();
const Table* find_table(std::string_view name);

// Tables in the database that are neither in tables() nor known to be
// derived (search indexes, schema_migrations): a schema this code does not
// know how to copy completely.
std::vector<std::string> unknown_tables(Tx& tx);

// The columns of `table` that hold data, in the table's order.
std::vector<std::string> columns(Tx& tx, const Table& table);

// At most `limit` rows of `table` (its `columns`) in key order, after the row
// whose key is `after` (empty: from the first).
std::vector<std::vector<Value>> read_page(Tx& tx, const Table& table,
                                          const std::vector<std::string>& columns,
                                          const std::vector<Value>& after, int limit);

// Positions of the key columns within `columns`.
std::vector<std::size_t> key_positions(const Table& table, const std::vector<std::string>& columns);

// Inserts `rows` (values for `columns`) in as few statements as the
// drivers' parameter limits allow.
void insert_rows(Tx& tx, const Table& table, const std::vector<std::string>& columns,
                 const std::vector<std::vector<Value>>& rows);

void delete_all(Tx& tx, const Table& table);

// Brings the search index of every document in line with its current title
// and version, where loading versions in order left it otherwise (a title
// changed without a new version).
void refresh_search(Tx& tx);

// Numbers the stories a backup made before story keys (migration 11) loaded
// without one, in creation order per project after the project's highest
// number, and raises each project's story counter to its highest number, as
// that migration did for the stories it found. Restoring a newer backup
// changes nothing.
void number_stories(Tx& tx);

// The highest migration applied to the database.
int schema_version(Tx& tx);

}  // namespace prism::store::backup
