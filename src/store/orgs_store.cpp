#include "store/orgs_store.hpp"

namespace prism::store::orgs {

namespace {

Org org_from(const Row& row) {
  return Org{row.str(0), row.str(1), row.str(2), row.opt_i64(3), row.opt_f64(4),
             row.i64(5), row.i64(6), row.i64(7), row.i64(8) != 0};
}

Member member_from(const Row& row) {
  return Member{row.str(0), row.str(1), row.str(2), row.str(3), row.i64(4)};
}

std::string s(std::string_view v) { return std::string(v); }

}  // namespace

constexpr std::string_view kInsertOrg =
    "INSERT INTO organizations (id, name, slug, monthly_budget_tokens, monthly_budget_usd,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

void insert_org(Tx& tx, const Org& o) {
  tx.exec(kInsertOrg, {o.id, o.name, o.slug, opt(o.monthly_budget_tokens),
                       opt(o.monthly_budget_usd), o.created_at, o.updated_at});
}

constexpr std::string_view kSlugTaken =
    "SELECT 1 FROM organizations WHERE slug = ?1 AND deleted_at IS NULL";

bool slug_taken(Tx& tx, std::string_view slug) {
  return tx.query_one(kSlugTaken, {s(slug)}).has_value();
}

constexpr std::string_view kFindOrg =
    "SELECT o.id, o.name, o.slug, o.monthly_budget_tokens, o.monthly_budget_usd, o.created_at,"
    " o.updated_at, o.required_approvals, o.viewers_can_comment FROM organizations o"
    " WHERE o.id = ?1 AND o.deleted_at IS NULL";

std::optional<Org> find_org(Tx& tx, std::string_view org_id) {
  return tx.query_one_as(kFindOrg, {s(org_id)}, org_from);
}

constexpr std::string_view kListForUser =
    "SELECT o.id, o.name, o.slug, o.monthly_budget_tokens, o.monthly_budget_usd, o.created_at,"
    " o.updated_at, o.required_approvals, o.viewers_can_comment, m.role FROM memberships m JOIN "
    "organizations o ON o.id = m.org_id"
    " WHERE m.user_id = ?1 AND o.deleted_at IS NULL AND (CAST(?2 AS TEXT) IS NULL OR o.id > ?2)"
    " ORDER BY o.id LIMIT ?3";

std::vector<OrgMembership> list_for_user(Tx& tx, std::string_view user_id,
                                         const std::optional<std::string>& after_id, int limit) {
  std::vector<OrgMembership> out;
  for (const auto& row : tx.query(kListForUser, {s(user_id), opt(after_id), std::int64_t{limit}})) {
    out.push_back(OrgMembership{org_from(row), row.str(9)});
  }
  return out;
}

constexpr std::string_view kUpdateOrg =
    "UPDATE organizations SET name = ?2, monthly_budget_tokens = ?3, monthly_budget_usd = ?4,"
    " updated_at = ?5, required_approvals = ?6, viewers_can_comment = ?7"
    " WHERE id = ?1 AND deleted_at IS NULL";

void update_org(Tx& tx, const Org& o) {
  tx.exec(kUpdateOrg,
          {o.id, o.name, opt(o.monthly_budget_tokens), opt(o.monthly_budget_usd), o.updated_at,
           o.required_approvals, std::int64_t{o.viewers_can_comment ? 1 : 0}});
}

constexpr std::string_view kSoftDeleteOrg =
    "UPDATE organizations SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS "
    "NULL";

void soft_delete_org(Tx& tx, std::string_view org_id, std::int64_t now) {
  tx.exec(kSoftDeleteOrg, {s(org_id), now});
}

constexpr std::string_view kInsertMembership =
    "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?1, ?2, ?3, ?4)";

void insert_membership(Tx& tx, std::string_view org_id, std::string_view user_id,
                       std::string_view role, std::int64_t now) {
  tx.exec(kInsertMembership, {s(org_id), s(user_id), s(role), now});
}

constexpr std::string_view kFindMember =
    "SELECT m.user_id, u.name, u.email, m.role, m.created_at FROM memberships m"
    " JOIN users u ON u.id = m.user_id WHERE m.org_id = ?1 AND m.user_id = ?2";

std::optional<Member> find_member(Tx& tx, std::string_view org_id, std::string_view user_id) {
  return tx.query_one_as(kFindMember, {s(org_id), s(user_id)}, member_from);
}

constexpr std::string_view kListMembers =
    "SELECT m.user_id, u.name, u.email, m.role, m.created_at FROM memberships m"
    " JOIN users u ON u.id = m.user_id WHERE m.org_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR "
    "m.user_id > ?2)"
    " ORDER BY m.user_id LIMIT ?3";

std::vector<Member> list_members(Tx& tx, std::string_view org_id,
                                 const std::optional<std::string>& after_user_id, int limit) {
  std::vector<Member> out;
  for (const auto& row :
       tx.query(kListMembers, {s(org_id), opt(after_user_id), std::int64_t{limit}})) {
    out.push_back(member_from(row));
  }
  return out;
}

constexpr std::string_view kUpdateMemberRole =
    "UPDATE memberships SET role = ?3 WHERE org_id = ?1 AND user_id = ?2";

void update_member_role(Tx& tx, std::string_view org_id, std::string_view user_id,
                        std::string_view role) {
  tx.exec(kUpdateMemberRole, {s(org_id), s(user_id), s(role)});
}

constexpr std::string_view kDeleteMembership =
    "DELETE FROM memberships WHERE org_id = ?1 AND user_id = ?2";

void delete_membership(Tx& tx, std::string_view org_id, std::string_view user_id) {
  tx.exec(kDeleteMembership, {s(org_id), s(user_id)});
}

constexpr std::string_view kCountOwners =
    "SELECT COUNT(*) FROM memberships WHERE org_id = ?1 AND role = 'owner'";

std::int64_t count_owners(Tx& tx, std::string_view org_id) {
  auto row = tx.query_one(kCountOwners, {s(org_id)});
  return row ? row->i64(0) : 0;
}

constexpr std::string_view kEmailIsMember =
    "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id"
    " WHERE m.org_id = ?1 AND lower(u.email) = lower(?2)";

bool email_is_member(Tx& tx, std::string_view org_id, std::string_view email) {
  return tx.query_one(kEmailIsMember, {s(org_id), s(email)}).has_value();
}

constexpr std::string_view kUserContact = "SELECT email, name FROM users WHERE id = ?1";

std::optional<UserContact> user_contact(Tx& tx, std::string_view user_id) {
  auto row = tx.query_one(kUserContact, {s(user_id)});
  if (!row) return std::nullopt;
  return UserContact{row->str(0), row->str(1)};
}

constexpr std::string_view kListAll =
    "SELECT o.id, o.name, o.slug, o.created_at,"
    " (SELECT COUNT(*) FROM memberships m WHERE m.org_id = o.id),"
    " (SELECT COUNT(*) FROM projects p WHERE p.org_id = o.id AND p.deleted_at IS NULL),"
    " (SELECT COUNT(*) FROM documents d JOIN projects p ON p.id = d.project_id"
    "  AND p.deleted_at IS NULL WHERE d.org_id = o.id AND d.deleted_at IS NULL)"
    " FROM organizations o WHERE o.deleted_at IS NULL"
    " AND (CAST(?1 AS TEXT) IS NULL OR o.id > ?1) ORDER BY o.id LIMIT ?2";

std::vector<OrgSummary> list_all(Tx& tx, const std::optional<std::string>& after_id, int limit) {
  std::vector<OrgSummary> out;
  for (auto& r : tx.query(kListAll, {opt(after_id), std::int64_t{limit}})) {
    out.push_back(
        {r.take_str(0), r.take_str(1), r.take_str(2), r.i64(3), r.i64(4), r.i64(5), r.i64(6)});
  }
  return out;
}

}  // namespace prism::store::orgs
