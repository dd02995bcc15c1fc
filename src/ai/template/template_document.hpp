#pragma once

// Reading a PRD (Markdown) for what the offline template needs: who it is
// for and what it requires. Used by stories and section rewrites, which get
// the document rather than the brief.
#include <string>
#include <string_view>
#include <vector>

#include "ai/requirements.hpp"

namespace prism::ai::template_document {

struct Requirement {
  std::string id;    // "FR-3", or "" for a feature listed without an id
  std::string text;  // its first sentence, without the id and emphasis
};

// The personas the document names, each as one person ("small shop owner"):
// `###` headings or list items of a personas / target users section, else a
// "Built for …" or "Target audience: …" line. Empty when there is none.
std::vector<std::string> personas_in(std::string_view md);

// Functional requirements (FR-n) in document order, first definition of each
// id only; when there are none, the items listed in a features or
// requirements section, without ids.
std::vector<Requirement> requirements_in(std::string_view md);

// The persona a requirement speaks of ("Admins export the ledger" → the
// admin persona), else the first persona, else "user".
std::string persona_for(std::string_view requirement, const std::vector<std::string>& personas);

// Words that name the personas, singular and plural, for dropping them from
// the start of a requirement ("Shoppers pay by card").
std::vector<std::string> actor_words(const std::vector<std::string>& personas);

// The list and id readers every reading of a PRD shares.
using ai::leading_requirement;
using ai::list_item;
using ai::ListItem;
using ai::without_emphasis;

}  // namespace prism::ai::template_document
