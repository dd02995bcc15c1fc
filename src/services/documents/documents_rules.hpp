#pragma once

// Checks and helpers shared by the documents services (not a public API).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "docs/status.hpp"
#include "services/documents/documents_service.hpp"

namespace prism::services {

// Trimmed, 1..kMaxTitleChars characters, one line; 422 otherwise.
std::string checked_title(std::string_view title);
// 413 when larger than kMaxDocumentBytes.
void check_content_size(std::string_view content);
// 422 on field "status" for an unknown name.
docs::Status checked_status(std::string_view name);
// 409 when the workflow does not allow the move.
void check_transition(docs::Status from, docs::Status to);
// 409 approval_required unless the organization needs no approvals
// (required_approvals 0): otherwise a document is approved only by reviews.
void require_approval_without_review(store::Tx& tx, std::string_view org_id);
// 412 version_conflict unless the document is at `if_match`.
void check_version(const store::documents::Document& doc, std::int64_t if_match);
Error version_conflict(std::int64_t current, std::optional<std::int64_t> sent);

// The live document and its current version; 404 when gone.
DocumentState current_state(store::Tx& tx, std::string_view document_id);
// The version; 404 when the document has no such version.
store::documents::Version existing_version(store::Tx& tx, std::string_view document_id,
                                           std::int64_t number);

// "Renamed to “X”; edited Goals" for a new version.
std::string change_summary(const DocumentState& before, const NewVersion& after);

// A file name made of the title's ASCII letters and digits ("document" when none).
std::string file_stem(std::string_view title);

}  // namespace prism::services
