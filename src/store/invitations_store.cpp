#include "store/invitations_store.hpp"

namespace prism::store::invitations {

namespace {

Invitation invitation_from(const Row& r) {
  return Invitation{r.str(0), r.str(1), r.str(2),     r.str(3),     r.str(4),     r.str(5),
                    r.i64(6), r.i64(7), r.opt_i64(8), r.opt_str(9), r.opt_i64(10)};
}

std::string s(std::string_view v) { return std::string(v); }

}  // namespace

constexpr std::string_view kInsert =
    "INSERT INTO invitations (id, org_id, email, role, token_hash, invited_by, created_at,"
    " expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

void insert(Tx& tx, const Invitation& i) {
  tx.exec(kInsert, {i.id, i.org_id, i.email, i.role, i.token_hash, i.invited_by, i.created_at,
                    i.expires_at});
}

constexpr std::string_view kFindByTokenHash =
    "SELECT i.id, i.org_id, i.email, i.role, i.token_hash, i.invited_by, i.created_at,"
    " i.expires_at, i.accepted_at, i.accepted_by, i.revoked_at FROM invitations i"
    " JOIN organizations o ON o.id = i.org_id AND o.deleted_at IS NULL WHERE i.token_hash = ?1";

std::optional<Invitation> find_by_token_hash(Tx& tx, std::string_view token_hash) {
  return tx.query_one_as(kFindByTokenHash, {s(token_hash)}, invitation_from);
}

constexpr std::string_view kFindPending =
    "SELECT id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at,"
    " accepted_by, revoked_at FROM invitations WHERE org_id = ?1 AND id = ?2"
    " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?3";

std::optional<Invitation> find_pending(Tx& tx, std::string_view org_id, std::string_view id,
                                       std::int64_t now) {
  return tx.query_one_as(kFindPending, {s(org_id), s(id), now}, invitation_from);
}

constexpr std::string_view kListPending =
    "SELECT id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at,"
    " accepted_by, revoked_at FROM invitations WHERE org_id = ?1 AND accepted_at IS NULL"
    " AND revoked_at IS NULL AND expires_at > ?2 AND (CAST(?3 AS TEXT) IS NULL OR id > ?3) ORDER BY id LIMIT ?4";

std::vector<Invitation> list_pending(Tx& tx, std::string_view org_id, std::int64_t now,
                                     const std::optional<std::string>& after_id, int limit) {
  std::vector<Invitation> out;
  for (const auto& row :
       tx.query(kListPending, {s(org_id), now, opt(after_id), std::int64_t{limit}})) {
    out.push_back(invitation_from(row));
  }
  return out;
}

constexpr std::string_view kListPendingByInviter =
    "SELECT id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at,"
    " accepted_by, revoked_at FROM invitations WHERE org_id = ?1 AND invited_by = ?2"
    " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?3 ORDER BY id";

std::vector<Invitation> list_pending_by_inviter(Tx& tx, std::string_view org_id,
                                                std::string_view inviter_id, std::int64_t now) {
  std::vector<Invitation> out;
  for (const auto& row : tx.query(kListPendingByInviter, {s(org_id), s(inviter_id), now})) {
    out.push_back(invitation_from(row));
  }
  return out;
}

constexpr std::string_view kFindPendingForEmail =
    "SELECT id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at,"
    " accepted_by, revoked_at FROM invitations WHERE org_id = ?1 AND lower(email) = lower(?2)"
    " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?3 ORDER BY id LIMIT 1";

std::optional<Invitation> find_pending_for_email(Tx& tx, std::string_view org_id,
                                                 std::string_view email, std::int64_t now) {
  return tx.query_one_as(kFindPendingForEmail, {s(org_id), s(email), now}, invitation_from);
}

bool has_pending_for_email(Tx& tx, std::string_view org_id, std::string_view email,
                           std::int64_t now) {
  return find_pending_for_email(tx, org_id, email, now).has_value();
}

constexpr std::string_view kRenew =
    "UPDATE invitations SET token_hash = ?2, expires_at = ?3 WHERE id = ?1"
    " AND accepted_at IS NULL AND revoked_at IS NULL";

bool renew(Tx& tx, std::string_view id, std::string_view token_hash, std::int64_t expires_at) {
  return tx.exec(kRenew, {s(id), s(token_hash), expires_at}) > 0;
}

constexpr std::string_view kMarkAccepted =
    "UPDATE invitations SET accepted_at = ?3, accepted_by = ?2 WHERE id = ?1";

void mark_accepted(Tx& tx, std::string_view id, std::string_view user_id, std::int64_t now) {
  tx.exec(kMarkAccepted, {s(id), s(user_id), now});
}

constexpr std::string_view kMarkRevoked =
    "UPDATE invitations SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";

void mark_revoked(Tx& tx, std::string_view id, std::int64_t now) {
  tx.exec(kMarkRevoked, {s(id), now});
}

}  // namespace prism::store::invitations
