#include "store/document_shares_store.hpp"

namespace prism::store::shares {

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO document_shares (id, org_id, document_id, token_hash, created_by, created_at,"
    " expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

constexpr std::string_view kFind =
    "SELECT id, org_id, document_id, token_hash, created_by, created_at, expires_at, revoked_at"
    " FROM document_shares WHERE id = ?1";

constexpr std::string_view kFindByTokenHash =
    "SELECT id, org_id, document_id, token_hash, created_by, created_at, expires_at, revoked_at"
    " FROM document_shares WHERE token_hash = ?1";

constexpr std::string_view kListActive =
    "SELECT id, org_id, document_id, token_hash, created_by, created_at, expires_at, revoked_at"
    " FROM document_shares WHERE document_id = ?1 AND revoked_at IS NULL AND expires_at > ?2"
    " ORDER BY id DESC";

constexpr std::string_view kRevoke =
    "UPDATE document_shares SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";

Share share_from(const Row& r) {
  return Share{r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.i64(6), r.opt_i64(7)};
}

}  // namespace

void insert(Tx& tx, const Share& s) {
  tx.exec(kInsert,
          {s.id, s.org_id, s.document_id, s.token_hash, s.created_by, s.created_at, s.expires_at});
}

std::optional<Share> find(Tx& tx, std::string_view id) {
  return tx.query_one_as(kFind, {std::string(id)}, share_from);
}

std::optional<Share> find_by_token_hash(Tx& tx, std::string_view token_hash) {
  return tx.query_one_as(kFindByTokenHash, {std::string(token_hash)}, share_from);
}

std::vector<Share> list_active(Tx& tx, std::string_view document_id, std::int64_t now) {
  std::vector<Share> out;
  for (const auto& row : tx.query(kListActive, {std::string(document_id), now})) {
    out.push_back(share_from(row));
  }
  return out;
}

bool revoke(Tx& tx, std::string_view id, std::int64_t now) {
  return tx.exec(kRevoke, {std::string(id), now}) == 1;
}

}  // namespace prism::store::shares
