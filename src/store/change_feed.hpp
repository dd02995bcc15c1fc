#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace prism::store::changes {

// What changed in an organization's documents and backlogs, announced when
// the write commits (on every instance sharing the database), for readers
// that push updates to clients (MCP resource subscriptions). Payloads carry
// ids only, never content, and a unique tag: the process that commits hears
// its announcement twice on PostgreSQL (at once, and again through LISTEN),
// and the tag tells such a repeat from a new change.
inline constexpr std::string_view kChannel = "prism_resource_changes";

struct Change {
  enum class Kind { kDocument, kDocumentList, kBacklog };
  Kind kind = Kind::kDocument;
  std::string org_id;
  std::string id;   // the document (kDocument) or project (kBacklog); empty for kDocumentList
  std::string tag;  // unique per announcement
};

// A document got a new version.
void document_changed(Tx& tx, std::string_view org_id, std::string_view document_id);
// A document was created, deleted or restored in the organization.
void document_list_changed(Tx& tx, std::string_view org_id);
// A story of the project was added, changed or deleted.
void backlog_changed(Tx& tx, std::string_view org_id, std::string_view project_id);

// nullopt for a payload that is none of the above.
std::optional<Change> parse(std::string_view payload);

}  // namespace prism::store::changes
