#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "services/access.hpp"

namespace prism::services {

// Request bodies of the organization, member, invitation and project routes,
// validated field by field: every problem is reported at once as one 422.

struct CreateOrgInput {
  std::string name;
  std::optional<std::string> slug;  // derived from the name when absent
};

// PATCH semantics: an absent field keeps its value; a budget sent as null clears it.
struct UpdateOrgInput {
  std::optional<std::string> name;
  bool set_budget_tokens = false;
  std::optional<std::int64_t> monthly_budget_tokens;
  bool set_budget_usd = false;
  std::optional<double> monthly_budget_usd;
  std::optional<std::int64_t> required_approvals;
  std::optional<bool> viewers_can_comment;
};

struct InvitationInput {
  std::string email;  // normalized (lowercase)
  Role role = Role::kMember;
};

struct CreateProjectInput {
  std::string name;
  std::string key;
  std::string description;
};

struct UpdateProjectInput {
  std::optional<std::string> name;
  std::optional<std::string> key;
  std::optional<std::string> description;  // null clears it to ""
};

constexpr std::size_t kMaxNameLength = 100;
constexpr std::size_t kMaxDescriptionLength = 5000;

CreateOrgInput parse_create_org(const json::object& body);
UpdateOrgInput parse_update_org(const json::object& body);
Role parse_role_change(const json::object& body);
InvitationInput parse_invitation(const json::object& body);
CreateProjectInput parse_create_project(const json::object& body);
UpdateProjectInput parse_update_project(const json::object& body);

// Throws 422 on `field` unless `name` is 1–100 characters and not blank; returns it trimmed.
std::string checked_name(std::string_view field, std::string_view name);

}  // namespace prism::services
