#include "store/trash_store.hpp"

namespace prism::store::trash {

namespace {

// Newest deletion first; (deleted_at, id) is the cursor, so documents
// deleted in the same millisecond still page without gaps or repeats.
constexpr std::string_view kList =
    "SELECT d.id, d.org_id, d.project_id, p.name, p.key, d.title, d.status, d.current_version,"
    " d.deleted_at, d.deleted_by, COALESCE(u.name, ''),"
    " (SELECT COUNT(*) FROM document_shares s WHERE s.document_id = d.id"
    "   AND s.revoked_at IS NULL AND s.expires_at > ?4)"
    " FROM documents d"
    " JOIN projects p ON p.id = d.project_id AND p.deleted_at IS NULL"
    " LEFT JOIN users u ON u.id = d.deleted_by"
    " WHERE d.org_id = ?1 AND d.deleted_at IS NOT NULL"
    " AND (CAST(?2 AS BIGINT) IS NULL OR d.deleted_at < ?2 OR (d.deleted_at = ?2 AND d.id < ?3))"
    " ORDER BY d.deleted_at DESC, d.id DESC LIMIT ?5";

constexpr std::string_view kFindRestoreTarget =
    "SELECT d.id, d.org_id, d.project_id, d.title, d.deleted_at, d.deleted_by, m.role"
    " FROM documents d"
    " JOIN projects p ON p.id = d.project_id AND p.deleted_at IS NULL"
    " JOIN organizations o ON o.id = d.org_id AND o.deleted_at IS NULL"
    " LEFT JOIN memberships m ON m.org_id = d.org_id AND m.user_id = ?2"
    " WHERE d.id = ?1";

constexpr std::string_view kRestore =
    "UPDATE documents SET deleted_at = NULL, deleted_by = NULL, updated_at = ?2"
    " WHERE id = ?1 AND deleted_at IS NOT NULL";

constexpr std::string_view kWorkingShares =
    "SELECT COUNT(*) FROM document_shares"
    " WHERE document_id = ?1 AND revoked_at IS NULL AND expires_at > ?2";

constexpr std::string_view kCountExpired =
    "SELECT COUNT(*) FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?1";

constexpr std::string_view kCountExpiredVersions =
    "SELECT COUNT(*) FROM document_versions v JOIN documents d ON d.id = v.document_id"
    " WHERE d.deleted_at IS NOT NULL AND d.deleted_at < ?1";

constexpr std::string_view kExpiredBatch =
    "SELECT d.id, d.org_id, d.title, d.deleted_at,"
    " (SELECT COUNT(*) FROM document_versions v WHERE v.document_id = d.id)"
    " FROM documents d WHERE d.deleted_at IS NOT NULL AND d.deleted_at < ?1"
    " ORDER BY d.deleted_at, d.id LIMIT ?2";

// stories.document_id has no foreign key (a story outlives its document).
constexpr std::string_view kUnlinkStories =
    "UPDATE stories SET document_id = NULL WHERE document_id = ?1";

constexpr std::string_view kPurge =
    "DELETE FROM documents WHERE id = ?1 AND deleted_at IS NOT NULL";

}  // namespace

std::vector<TrashedDocument> list(Tx& tx, std::string_view org_id,
                                  const std::optional<TrashCursor>& after, int limit,
                                  std::int64_t now) {
  std::vector<Value> params{std::string(org_id), after ? Value(after->deleted_at) : Value(nullptr),
                            after ? Value(after->id) : Value(nullptr), now, std::int64_t{limit}};
  std::vector<TrashedDocument> out;
  for (auto& r : tx.query(kList, params)) {
    TrashedDocument d;
    d.id = r.take_str(0);
    d.org_id = r.take_str(1);
    d.project_id = r.take_str(2);
    d.project_name = r.take_str(3);
    d.project_key = r.take_str(4);
    d.title = r.take_str(5);
    d.status = r.take_str(6);
    d.current_version = r.i64(7);
    d.deleted_at = r.i64(8);
    d.deleted_by = r.take_opt_str(9);
    d.deleted_by_name = r.take_str(10);
    d.share_links = r.i64(11);
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<RestoreTarget> find_restore_target(Tx& tx, std::string_view user_id,
                                                 std::string_view id) {
  return tx.query_one_as(kFindRestoreTarget, {std::string(id), std::string(user_id)}, [](Row& r) {
    return RestoreTarget{r.take_str(0), r.take_str(1),     r.take_str(2),    r.take_str(3),
                         r.opt_i64(4),  r.take_opt_str(5), r.take_opt_str(6)};
  });
}

bool restore(Tx& tx, std::string_view id, std::int64_t now) {
  return tx.exec(kRestore, {std::string(id), now}) == 1;
}

std::int64_t working_share_links(Tx& tx, std::string_view document_id, std::int64_t now) {
  return tx.query_one(kWorkingShares, {std::string(document_id), now})->i64(0);
}

std::int64_t count_expired(Tx& tx, std::int64_t cutoff) {
  return tx.query_one(kCountExpired, {cutoff})->i64(0);
}

std::int64_t count_expired_versions(Tx& tx, std::int64_t cutoff) {
  return tx.query_one(kCountExpiredVersions, {cutoff})->i64(0);
}

std::vector<Expired> expired_batch(Tx& tx, std::int64_t cutoff, int limit) {
  std::vector<Expired> out;
  for (auto& r : tx.query(kExpiredBatch, {cutoff, std::int64_t{limit}})) {
    out.push_back(Expired{r.take_str(0), r.take_str(1), r.take_str(2), r.i64(3), r.i64(4)});
  }
  return out;
}

bool purge(Tx& tx, std::string_view id) {
  if (tx.exec(kPurge, {std::string(id)}) != 1) return false;
  tx.exec(kUnlinkStories, {std::string(id)});
  return true;
}

}  // namespace prism::store::trash
