#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::orgs {

struct Org {
  std::string id;
  std::string name;
  std::string slug;
  std::optional<std::int64_t> monthly_budget_tokens;
  std::optional<double> monthly_budget_usd;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  // Reviews: approvals a document needs on its current version to become
  // approved (0: it may be approved without review), and whether viewers
  // may comment.
  std::int64_t required_approvals = 1;
  bool viewers_can_comment = true;
};

// One of a user's organizations with the user's role in it.
struct OrgMembership {
  Org org;
  std::string role;
};

struct Member {
  std::string user_id;
  std::string name;
  std::string email;
  std::string role;
  std::int64_t joined_at = 0;
};

struct UserContact {
  std::string email;
  std::string name;
};

// Organizations. Only live (not soft-deleted) ones are ever returned.
// insert_org throws ConstraintError when a live organization has the slug.
void insert_org(Tx& tx, const Org& org);
bool slug_taken(Tx& tx, std::string_view slug);
std::optional<Org> find_org(Tx& tx, std::string_view org_id);
// In id (creation) order, after `after_id` when set.
std::vector<OrgMembership> list_for_user(Tx& tx, std::string_view user_id,
                                         const std::optional<std::string>& after_id, int limit);
// Every live organization with its members, live projects and live
// documents counted, in id (creation) order after `after_id` when set, at
// most `limit` (server administration).
struct OrgSummary {
  std::string id;
  std::string name;
  std::string slug;
  std::int64_t created_at = 0;
  std::int64_t members = 0;
  std::int64_t projects = 0;
  std::int64_t documents = 0;
};
std::vector<OrgSummary> list_all(Tx& tx, const std::optional<std::string>& after_id, int limit);
void update_org(Tx& tx, const Org& org);
void soft_delete_org(Tx& tx, std::string_view org_id, std::int64_t now);

// Memberships.
void insert_membership(Tx& tx, std::string_view org_id, std::string_view user_id,
                       std::string_view role, std::int64_t now);
std::optional<Member> find_member(Tx& tx, std::string_view org_id, std::string_view user_id);
// In user id order, after `after_user_id` when set.
std::vector<Member> list_members(Tx& tx, std::string_view org_id,
                                 const std::optional<std::string>& after_user_id, int limit);
void update_member_role(Tx& tx, std::string_view org_id, std::string_view user_id,
                        std::string_view role);
void delete_membership(Tx& tx, std::string_view org_id, std::string_view user_id);
std::int64_t count_owners(Tx& tx, std::string_view org_id);
// Whether a member of the organization has this e-mail (compared case-insensitively).
bool email_is_member(Tx& tx, std::string_view org_id, std::string_view email);

std::optional<UserContact> user_contact(Tx& tx, std::string_view user_id);

}  // namespace prism::store::orgs
