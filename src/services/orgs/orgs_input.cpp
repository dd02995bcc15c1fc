#include "services/orgs/orgs_input.hpp"

#include "auth/email_address.hpp"
#include "services/orgs/org_rules.hpp"

namespace prism::services {

namespace {

constexpr std::string_view kRoleRule = "must be one of viewer, member, admin, owner";
constexpr double kMaxBudgetUsd = 1e12;
constexpr std::int64_t kMaxBudgetTokens = 1'000'000'000'000'000;

// Reads a name that must be present; blank names are rejected, the rest trimmed.
std::optional<std::string> name_field(JsonReader& r, std::string_view field, bool required) {
  if (!required && r.is_null(field)) {
    r.optional_string(field);  // marks the field as read, so finish() does not call it unknown
    r.add_error(field, "must not be null");
    return std::nullopt;
  }
  std::optional<std::string> raw = required
                                       ? std::optional(r.required_string(field, 1, kMaxNameLength))
                                       : r.optional_string(field, 1, kMaxNameLength);
  if (!raw || raw->empty()) return std::nullopt;
  auto name = trimmed_name(*raw);
  if (!name) r.add_error(field, "must not be blank");
  return name;
}

std::optional<Role> role_field(JsonReader& r) {
  std::string text = r.required_string("role", 1, 20);
  if (text.empty()) return std::nullopt;
  auto role = parse_role(text);
  if (!role) r.add_error("role", std::string(kRoleRule));
  return role;
}

std::optional<std::string> key_field(JsonReader& r, bool required) {
  if (!required && r.is_null("key")) {
    r.optional_string("key");  // marks the field as read
    r.add_error("key", "must not be null");
    return std::nullopt;
  }
  std::optional<std::string> key =
      required ? std::optional(r.required_string("key", 1, 100)) : r.optional_string("key", 1, 100);
  if (key && !key->empty() && !is_valid_project_key(*key)) {
    r.add_error("key", std::string(kProjectKeyRule));
  }
  return key;
}

}  // namespace

std::string checked_name(std::string_view field, std::string_view name) {
  auto len = utf8_length(name);
  if (!len || *len > kMaxNameLength) {
    throw validation_failed(std::string(field), "must be 1–100 characters of valid UTF-8");
  }
  auto trimmed = trimmed_name(name);
  if (!trimmed) throw validation_failed(std::string(field), "must not be blank");
  return *trimmed;
}

constexpr std::int64_t kMaxRequiredApprovals = 10;

CreateOrgInput parse_create_org(const json::object& body) {
  JsonReader r(body);
  CreateOrgInput in;
  in.name = name_field(r, "name", true).value_or("");
  in.slug = r.optional_string("slug", 1, 100);
  if (in.slug && !is_valid_slug(*in.slug)) r.add_error("slug", std::string(kSlugRule));
  r.finish();
  return in;
}

UpdateOrgInput parse_update_org(const json::object& body) {
  JsonReader r(body);
  UpdateOrgInput in;
  in.name = name_field(r, "name", false);
  in.set_budget_tokens = r.has("monthly_budget_tokens");
  in.monthly_budget_tokens = r.optional_int("monthly_budget_tokens", 0, kMaxBudgetTokens);
  in.set_budget_usd = r.has("monthly_budget_usd");
  in.monthly_budget_usd = r.optional_number("monthly_budget_usd", 0, kMaxBudgetUsd);
  in.required_approvals = r.optional_int("required_approvals", 0, kMaxRequiredApprovals);
  in.viewers_can_comment = r.optional_bool("viewers_can_comment");
  r.finish();
  return in;
}

Role parse_role_change(const json::object& body) {
  JsonReader r(body);
  auto role = role_field(r);
  r.finish();
  return *role;
}

InvitationInput parse_invitation(const json::object& body) {
  JsonReader r(body);
  InvitationInput in;
  std::string email = r.required_string("email", 1, 254);
  // The same rule and canonical form as registration, so an invitation is
  // always to an address someone can sign up with.
  auto normalized = auth::normalize_email(email);
  if (!email.empty() && !normalized) {
    r.add_error("email", "must be an e-mail address such as ada@example.com");
  }
  in.email = normalized.value_or("");
  auto role = role_field(r);
  r.finish();
  in.role = *role;
  return in;
}

CreateProjectInput parse_create_project(const json::object& body) {
  JsonReader r(body);
  CreateProjectInput in;
  in.name = name_field(r, "name", true).value_or("");
  in.key = key_field(r, true).value_or("");
  in.description = r.optional_string("description", 0, kMaxDescriptionLength).value_or("");
  r.finish();
  return in;
}

UpdateProjectInput parse_update_project(const json::object& body) {
  JsonReader r(body);
  UpdateProjectInput in;
  in.name = name_field(r, "name", false);
  in.key = key_field(r, false);
  bool clear_description = r.is_null("description");
  in.description = r.optional_string("description", 0, kMaxDescriptionLength);
  if (clear_description) in.description = std::string{};
  r.finish();
  return in;
}

}  // namespace prism::services
