#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ai/templates.hpp"
#include "services/documents/documents_service.hpp"
#include "store/database.hpp"
#include "store/templates_store.hpp"

namespace prism::services {

// Every template an organization can use: the built-ins plus its own. It is
// the documents' TemplateSource (a new document's skeleton) and what the
// generation flow and lint use to find a template's sections and version.
class TemplateCatalog : public TemplateSource {
 public:
  explicit TemplateCatalog(store::Database& db) : db_(db) {}

  // A built-in by name, else the organization's template by id, else by name.
  std::optional<ai::Template> resolve(store::Tx& tx, std::string_view org_id,
                                      std::string_view name_or_id) const;
  // The same in its own read transaction.
  std::optional<ai::Template> resolve(std::string_view org_id, std::string_view name_or_id) const;
  // Built-ins first (in their fixed order), then the org's by name.
  std::vector<ai::Template> list(store::Tx& tx, std::string_view org_id) const;

  std::optional<std::string> document_skeleton(store::Tx& tx, std::string_view org_id,
                                               std::string_view name) override;

  static ai::Template from_row(const store::templates::OrgTemplate& row);

 private:
  store::Database& db_;
};

}  // namespace prism::services
