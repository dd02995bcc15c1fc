#include "services/access.hpp"

#include "core/error.hpp"
#include "store/access_store.hpp"

namespace prism::services {

namespace {

constexpr std::string_view kRoleNames[] = {"viewer", "member", "admin", "owner"};

Role role_or_throw(const std::string& text, std::string_view what) {
  auto role = parse_role(text);
  if (!role)
    throw Error(ErrorCode::kInternal, "internal error", "unknown role in " + std::string(what));
  return *role;
}

}  // namespace

std::string_view to_string(Role role) { return kRoleNames[static_cast<int>(role)]; }

std::optional<Role> parse_role(std::string_view text) {
  for (int i = 0; i < 4; ++i) {
    if (kRoleNames[i] == text) return static_cast<Role>(i);
  }
  return std::nullopt;
}

void require_role(Role have, Role need) {
  if (static_cast<int>(have) < static_cast<int>(need)) {
    throw forbidden("this needs the " + std::string(to_string(need)) + " role or higher");
  }
}

OrgAccess require_org(store::Tx& tx, std::string_view user_id, std::string_view org_id,
                      Role min_role) {
  auto role = store::access::org_role(tx, user_id, org_id);
  if (!role) throw not_found("organization");
  OrgAccess access{std::string(org_id), role_or_throw(*role, "membership")};
  require_role(access.role, min_role);
  return access;
}

ProjectAccess require_project(store::Tx& tx, std::string_view user_id, std::string_view project_id,
                              Role min_role) {
  auto found = store::access::project_role(tx, user_id, project_id);
  if (!found) throw not_found("project");
  ProjectAccess access{found->org_id, std::string(project_id),
                       role_or_throw(found->role, "project")};
  require_role(access.role, min_role);
  return access;
}

DocumentAccess require_document(store::Tx& tx, std::string_view user_id,
                                std::string_view document_id, Role min_role) {
  auto found = store::access::document_role(tx, user_id, document_id);
  if (!found) throw not_found("document");
  DocumentAccess access{found->org_id, found->project_id, std::string(document_id),
                        role_or_throw(found->role, "document")};
  require_role(access.role, min_role);
  return access;
}

CurrentDocument require_current_document(store::Tx& tx, std::string_view user_id,
                                         std::string_view document_id, Role min_role) {
  auto found = store::documents::find_current_as(tx, user_id, document_id);
  if (!found) {
    // Not the caller's to see (404), or (a broken database) a live document
    // without its current version.
    require_document(tx, user_id, document_id, min_role);
    throw Error(ErrorCode::kInternal, "internal error",
                "document " + std::string(document_id) + " lacks its current version");
  }
  const auto& doc = found->current.document;
  DocumentAccess access{doc.org_id, doc.project_id, doc.id, role_or_throw(found->role, "document")};
  require_role(access.role, min_role);
  return CurrentDocument{std::move(access), std::move(found->current)};
}

}  // namespace prism::services
