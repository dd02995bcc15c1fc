#pragma once

// The search words of a query (services::search_words) as each backend's
// full-text query, with no user input read as query syntax: every word must
// match, the last one also as a prefix (search as you type).

#include <string>
#include <string_view>
#include <vector>

namespace prism::store::fulltext {

// FTS5: "a" "b"*, double quotes doubled.
std::string fts5_query(const std::vector<std::string>& words);
// The same, matched in one column only: {column} : ("a" "b"*).
std::string fts5_column_query(std::string_view column, const std::vector<std::string>& words);
// PostgreSQL tsquery text: 'a' & 'b':*, single quotes doubled (the SQL folds
// it with prism_search_fold, like the indexed text).
std::string tsquery(const std::vector<std::string>& words);

}  // namespace prism::store::fulltext
