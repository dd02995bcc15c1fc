#pragma once

#include <string_view>
#include <vector>

#include "ai/templates.hpp"
#include "services/caller.hpp"
#include "services/documents/template_catalog.hpp"
#include "services/documents/templates_input.hpp"
#include "store/database.hpp"

namespace prism::services {

// PRD templates: every member reads the built-ins and the organization's own;
// admins create, change and delete the organization's (built-ins are fixed).
class TemplatesService {
 public:
  TemplatesService(store::Database& db, TemplateCatalog& catalog) : db_(db), catalog_(catalog) {}

  // Any member: built-ins first, then the org's by name.
  std::vector<ai::Template> list(std::string_view user_id, std::string_view org_id);
  // Admin or higher; 409 when the org has a template with the name or a
  // built-in has it.
  ai::Template create(const Caller& caller, std::string_view org_id, const TemplateInput& input);
  // A built-in by name (any signed-in user) or an org template (any member of its org).
  ai::Template get(std::string_view user_id, std::string_view id);
  // Admin or higher; every change bumps `version`, so generations record which
  // version they used. `if_match` is the version the caller edited: another
  // version answers 412 version_conflict (no last write wins). Built-ins
  // answer 403.
  ai::Template update(const Caller& caller, std::string_view id, std::int64_t if_match,
                      const TemplateChanges& changes);
  // Admin or higher (soft delete); documents made from it keep their text.
  void remove(const Caller& caller, std::string_view id);

 private:
  store::Database& db_;
  TemplateCatalog& catalog_;
};

}  // namespace prism::services
