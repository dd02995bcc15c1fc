#include "services/documents/template_catalog.hpp"

namespace prism::services {

ai::Template TemplateCatalog::from_row(const store::templates::OrgTemplate& row) {
  ai::Template t;
  t.id = row.id;
  t.name = row.name;
  t.label = row.name;
  t.description = row.description;
  t.version = row.version;
  t.builtin = false;
  boost::system::error_code ec;
  auto sections = json::parse(row.sections, ec);
  if (!ec) t.sections = ai::sections_from_json(sections);
  t.org_id = row.org_id;
  t.created_at = row.created_at;
  t.updated_at = row.updated_at;
  return t;
}

std::optional<ai::Template> TemplateCatalog::resolve(store::Tx& tx, std::string_view org_id,
                                                     std::string_view name_or_id) const {
  if (const auto* builtin = ai::find_builtin(name_or_id)) return *builtin;
  auto row = store::templates::find(tx, name_or_id);
  if (row && row->org_id == org_id) return from_row(*row);
  row = store::templates::find_by_name(tx, org_id, name_or_id);
  if (row) return from_row(*row);
  return std::nullopt;
}

std::optional<ai::Template> TemplateCatalog::resolve(std::string_view org_id,
                                                     std::string_view name_or_id) const {
  return db_.read([&](store::Tx& tx) { return resolve(tx, org_id, name_or_id); });
}

std::vector<ai::Template> TemplateCatalog::list(store::Tx& tx, std::string_view org_id) const {
  std::vector<ai::Template> out = ai::builtin_templates();
  for (const auto& row : store::templates::list_for_org(tx, org_id)) out.push_back(from_row(row));
  return out;
}

std::optional<std::string> TemplateCatalog::document_skeleton(store::Tx& tx,
                                                              std::string_view org_id,
                                                              std::string_view name) {
  auto t = resolve(tx, org_id, name);
  if (!t) return std::nullopt;
  return ai::skeleton_markdown(*t);
}

}  // namespace prism::services
