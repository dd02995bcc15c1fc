#pragma once

#include <string_view>

#include "services/documents/lint.hpp"
#include "services/documents/template_catalog.hpp"
#include "store/database.hpp"

namespace prism::services {

// Lints a document's current version against its template and the stories
// that cover its requirements.
class LintService {
 public:
  LintService(store::Database& db, TemplateCatalog& catalog) : db_(db), catalog_(catalog) {}

  // Any member of the document's organization.
  LintReport lint(std::string_view user_id, std::string_view document_id);

 private:
  store::Database& db_;
  TemplateCatalog& catalog_;
};

}  // namespace prism::services
