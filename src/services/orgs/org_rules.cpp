#include "services/orgs/org_rules.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace prism::services {

namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_upper_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr std::string_view kFallbackSlug = "org";

}  // namespace

bool is_valid_slug(std::string_view slug) {
  return slug.size() >= kMinSlugLength && slug.size() <= kMaxSlugLength &&
         std::all_of(slug.begin(), slug.end(),
                     [](char c) { return is_lower_alnum(c) || c == '-'; });
}

std::string slug_base_from_name(std::string_view name) {
  std::string out;
  bool pending_hyphen = false;
  for (char raw : name) {
    char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
    if (is_lower_alnum(c)) {
      if (pending_hyphen && !out.empty()) out.push_back('-');
      pending_hyphen = false;
      out.push_back(c);
      if (out.size() >= kMaxSlugLength) break;
    } else {
      pending_hyphen = true;
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty()) return std::string(kFallbackSlug);
  // A one-character name ("X") still needs two characters to be a valid slug.
  if (out.size() < kMinSlugLength) out += "-" + std::string(kFallbackSlug);
  return out;
}

std::string slug_with_suffix(std::string_view base, int n) {
  std::string suffix = "-" + std::to_string(n);
  std::string head(base.substr(0, kMaxSlugLength - std::min(suffix.size(), kMaxSlugLength)));
  while (!head.empty() && head.back() == '-') head.pop_back();
  return head + suffix;
}

bool is_valid_project_key(std::string_view key) {
  return key.size() >= 2 && key.size() <= 10 && std::all_of(key.begin(), key.end(), is_upper_alnum);
}

std::optional<std::string> trimmed_name(std::string_view name) {
  while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
  while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
  if (name.empty()) return std::nullopt;
  return std::string(name);
}

void check_role_change(Role actor, Role current, Role next, std::int64_t owner_count) {
  require_role(actor, Role::kAdmin);
  if ((current == Role::kOwner || next == Role::kOwner) && actor != Role::kOwner) {
    throw forbidden("only an owner may grant or revoke the owner role");
  }
  if (current == Role::kOwner && next != Role::kOwner && owner_count <= 1) {
    throw conflict("the last owner cannot be demoted; make another member an owner first");
  }
}

void check_member_removal(Role actor, bool self, Role target, std::int64_t owner_count) {
  if (!self) {
    require_role(actor, Role::kAdmin);
    if (target == Role::kOwner && actor != Role::kOwner) {
      throw forbidden("only an owner may remove an owner");
    }
  }
  if (target == Role::kOwner && owner_count <= 1) {
    throw conflict(
        "the last owner cannot be removed; make another member an owner first or delete the "
        "organization");
  }
}

bool may_grant(Role inviter, Role role) {
  if (inviter < Role::kAdmin) return false;
  return role != Role::kOwner || inviter == Role::kOwner;
}

void check_invitation_role(Role actor, Role role) {
  require_role(actor, Role::kAdmin);
  if (!may_grant(actor, role)) throw forbidden("only an owner may invite someone as owner");
}

}  // namespace prism::services
