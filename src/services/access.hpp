#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"
#include "store/documents_store.hpp"

namespace prism::services {

// Roles are ordered: each includes everything the ones below it may do.
enum class Role { kViewer = 0, kMember = 1, kAdmin = 2, kOwner = 3 };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct OrgAccess {
  std::string org_id;
  Role role;
};

struct ProjectAccess {
  std::string org_id;
  std::string project_id;
  Role role;
};

struct DocumentAccess {
  std::string org_id;
  std::string project_id;
  std::string document_id;
  Role role;
};

// Tenant isolation lives here and only here: every lookup of an org-owned
// resource passes through one of these. A resource outside the caller's
// organizations (or deleted) is "not found" (404), never "forbidden", so its
// existence is not revealed; a resource the caller may see but whose change
// needs a higher role is "forbidden" (403).
OrgAccess require_org(store::Tx& tx, std::string_view user_id, std::string_view org_id,
                      Role min_role);
ProjectAccess require_project(store::Tx& tx, std::string_view user_id, std::string_view project_id,
                              Role min_role);
DocumentAccess require_document(store::Tx& tx, std::string_view user_id,
                                std::string_view document_id, Role min_role);

// require_document for work on the document as it is now: its access and the
// document with its current version, checked and read in one statement.
struct CurrentDocument {
  DocumentAccess access;
  store::documents::Current state;
};
CurrentDocument require_current_document(store::Tx& tx, std::string_view user_id,
                                         std::string_view document_id, Role min_role);

// Throws 403 unless `have` includes `need`.
void require_role(Role have, Role need);

}  // namespace prism::services
