#pragma once

// JSON shapes of documents, versions, diffs and shares (the API contract).

#include "api/version_text_cache.hpp"
#include "core/json.hpp"
#include "services/documents/document_shares_service.hpp"
#include "services/documents/documents_service.hpp"

namespace prism::api {

// A list item: no content.
json::object document_summary_json(const store::documents::Document& d, json::storage_ptr sp = {});
// The current version with content and its section outline, as JSON text:
// the summary's fields, then "content", "sections" and "last_change". The
// version's part comes from `cache` when it was made before.
std::string document_json(const services::DocumentState& s, VersionTextCache& cache);
// `with_content` for GET /versions/{n}; lists leave it out.
json::object version_json(const store::documents::Version& v, bool with_content,
                          json::storage_ptr sp = {});
json::object diff_json(const services::VersionDiff& d);
json::object share_json(const store::shares::Share& s);
json::object shared_document_json(const services::SharedDocument& s);

}  // namespace prism::api
