#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "services/access.hpp"

namespace prism::services {

// Pure rules for organizations, members and projects: no database, so each
// one is unit-tested on its own.

constexpr std::size_t kMinSlugLength = 2;
constexpr std::size_t kMaxSlugLength = 50;

// What a client is told when a slug or project key breaks the rule.
constexpr std::string_view kSlugRule =
    "must be 2–50 characters of lowercase letters, digits and hyphens";
constexpr std::string_view kProjectKeyRule = "must be 2–10 upper-case letters or digits, e.g. PRD";

// Lowercase ASCII letters, digits and hyphens, 2–50 characters.
bool is_valid_slug(std::string_view slug);

// The slug an organization named `name` gets when it asks for none: ASCII
// letters and digits lowercased, every other run of characters one hyphen,
// no leading or trailing hyphen; "org" when nothing usable remains.
std::string slug_base_from_name(std::string_view name);

// `base` with "-<n>" appended, shortened so the result still fits 50 characters.
std::string slug_with_suffix(std::string_view base, int n);

// 2–10 upper-case ASCII letters or digits, e.g. "PRD" or "WEB2".
bool is_valid_project_key(std::string_view key);

// Trims surrounding whitespace; nullopt when nothing else remains.
std::optional<std::string> trimmed_name(std::string_view name);

// May an `actor` change a member's role from `current` to `next`, when the
// organization has `owner_count` owners? Throws 403 or 409 with the reason.
void check_role_change(Role actor, Role current, Role next, std::int64_t owner_count);

// May an `actor` remove a member whose role is `target` (`self` when the actor
// is leaving)? Throws 403 or 409 with the reason.
void check_member_removal(Role actor, bool self, Role target, std::int64_t owner_count);

// May a member with role `inviter` grant `role` by invitation? Admins may
// grant up to admin, owners any role, members and viewers none. Checked when
// the invitation is sent and again when it is accepted.
bool may_grant(Role inviter, Role role);

// May an `actor` invite someone with `role`? Throws 403 for an owner invitation by a non-owner.
void check_invitation_role(Role actor, Role role);

}  // namespace prism::services
