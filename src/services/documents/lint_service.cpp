#include "services/documents/lint_service.hpp"

#include "core/error.hpp"
#include "services/access.hpp"
#include "store/documents_store.hpp"
#include "store/stories_store.hpp"

namespace prism::services {

LintReport LintService::lint(std::string_view user_id, std::string_view document_id) {
  return db_.read([&](store::Tx& tx) {
    auto access = require_document(tx, user_id, document_id, Role::kViewer);
    auto doc = store::documents::find_document(tx, document_id);
    if (!doc) throw not_found("document");
    auto version = store::documents::find_version(tx, document_id, doc->current_version);
    if (!version) throw not_found("document");
    LintInput input;
    input.content = version->content;
    // A template deleted or renamed since leaves nothing to require.
    if (!doc->template_name.empty()) {
      if (auto t = catalog_.resolve(tx, access.org_id, doc->template_name)) {
        input.template_sections = t->sections;
      }
    }
    for (auto& ref : store::stories::covered_requirements(tx, document_id)) {
      input.covered_refs.insert(std::move(ref));
    }
    return lint_document(input);
  });
}

}  // namespace prism::services
