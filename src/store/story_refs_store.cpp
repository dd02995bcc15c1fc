#include "store/story_refs_store.hpp"

namespace prism::store::story_refs {

constexpr std::string_view kCovered =
    "SELECT DISTINCT requirement_ref FROM stories WHERE document_id = ?1"
    " AND deleted_at IS NULL AND requirement_ref IS NOT NULL AND requirement_ref <> ''";

std::set<std::string, std::less<>> covered_by_stories(Tx& tx, std::string_view document_id) {
  std::set<std::string, std::less<>> out;
  for (const auto& row : tx.query(kCovered, {std::string(document_id)})) out.insert(row.str(0));
  return out;
}

}  // namespace prism::store::story_refs
