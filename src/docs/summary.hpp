#pragma once

#include <string>
#include <string_view>

namespace prism::docs {

// A one-line description of a content change for a version's summary, built
// from the per-section changes: "Edited Problem Statement; added Risks",
// "Edited Goals, Scope, Risks and 2 more sections". Text before the first
// section is called "introduction". Equal texts give "No content changes";
// changes only in blank lines give "Whitespace changes".
std::string summarize_change(std::string_view before, std::string_view after);

}  // namespace prism::docs
