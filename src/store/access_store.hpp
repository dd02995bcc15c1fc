#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace prism::store::access {

struct ResourceRole {
  std::string org_id;
  std::string project_id;
  std::string role;
};

// The caller's role in a live organization, if a member.
std::optional<std::string> org_role(Tx& tx, std::string_view user_id, std::string_view org_id);
// The caller's role in the organization owning a live project / document.
std::optional<ResourceRole> project_role(Tx& tx, std::string_view user_id,
                                         std::string_view project_id);
std::optional<ResourceRole> document_role(Tx& tx, std::string_view user_id,
                                          std::string_view document_id);

}  // namespace prism::store::access
