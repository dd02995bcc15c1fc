#include "store/access_store.hpp"

namespace prism::store::access {

namespace {

constexpr std::string_view kOrgRole =
    "SELECT m.role FROM memberships m JOIN organizations o ON o.id = m.org_id"
    " WHERE m.org_id = ?1 AND m.user_id = ?2 AND o.deleted_at IS NULL";

constexpr std::string_view kProjectRole =
    "SELECT p.org_id, p.id, m.role FROM projects p"
    " JOIN organizations o ON o.id = p.org_id AND o.deleted_at IS NULL"
    " JOIN memberships m ON m.org_id = p.org_id AND m.user_id = ?2"
    " WHERE p.id = ?1 AND p.deleted_at IS NULL";

constexpr std::string_view kDocumentRole =
    "SELECT d.org_id, d.project_id, m.role FROM documents d"
    " JOIN projects p ON p.id = d.project_id AND p.deleted_at IS NULL"
    " JOIN organizations o ON o.id = d.org_id AND o.deleted_at IS NULL"
    " JOIN memberships m ON m.org_id = d.org_id AND m.user_id = ?2"
    " WHERE d.id = ?1 AND d.deleted_at IS NULL";

std::optional<ResourceRole> resource_role(Tx& tx, std::string_view sql, std::string_view user_id,
                                          std::string_view id) {
  auto row = tx.query_one(sql, {std::string(id), std::string(user_id)});
  if (!row) return std::nullopt;
  return ResourceRole{row->str(0), row->str(1), row->str(2)};
}

}  // namespace

std::optional<std::string> org_role(Tx& tx, std::string_view user_id, std::string_view org_id) {
  auto row = tx.query_one(kOrgRole, {std::string(org_id), std::string(user_id)});
  if (!row) return std::nullopt;
  return row->str(0);
}

std::optional<ResourceRole> project_role(Tx& tx, std::string_view user_id,
                                         std::string_view project_id) {
  return resource_role(tx, kProjectRole, user_id, project_id);
}

std::optional<ResourceRole> document_role(Tx& tx, std::string_view user_id,
                                          std::string_view document_id) {
  return resource_role(tx, kDocumentRole, user_id, document_id);
}

}  // namespace prism::store::access
