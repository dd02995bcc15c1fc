#pragma once

#include <set>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace prism::store::story_refs {

// The requirement ids (FR-3 …) that the document's live stories cover.
std::set<std::string, std::less<>> covered_by_stories(Tx& tx, std::string_view document_id);

}  // namespace prism::store::story_refs
