#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::storage {

// The size of the whole database in bytes (PostgreSQL: of the database, as
// its provider counts it; SQLite: of its file's pages). One cheap query.
std::int64_t database_bytes(Tx& tx);

// Bytes on disk of every table of PRISM's schema, with its indexes (and, on
// PostgreSQL, its TOAST data), by table name. Reads catalogs (PostgreSQL) or
// walks every page (SQLite's dbstat): for reports, not for every request.
std::vector<std::pair<std::string, std::int64_t>> table_bytes(Tx& tx);

std::int64_t count_rows(Tx& tx, std::string_view table);
// Rows of `table` created at or after `since_ms`; nullopt for a table
// without a created_at column.
std::optional<std::int64_t> rows_created_since(Tx& tx, std::string_view table,
                                               std::int64_t since_ms);

}  // namespace prism::store::storage
