#include "store/fulltext.hpp"

namespace prism::store::fulltext {

namespace {

std::string quoted_words(const std::vector<std::string>& words, char quote, std::string_view sep,
                         std::string_view last_suffix) {
  std::string q;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!q.empty()) q += sep;
    q += quote;
    for (char c : words[i]) {
      q += c;
      if (c == quote) q += c;
    }
    q += quote;
    if (i + 1 == words.size()) q += last_suffix;
  }
  return q;
}

}  // namespace

std::string fts5_query(const std::vector<std::string>& words) {
  return quoted_words(words, '"', " ", "*");
}

std::string fts5_column_query(std::string_view column, const std::vector<std::string>& words) {
  return "{" + std::string(column) + "} : (" + fts5_query(words) + ")";
}

std::string tsquery(const std::vector<std::string>& words) {
  return quoted_words(words, '\'', " & ", ":*");
}

}  // namespace prism::store::fulltext
