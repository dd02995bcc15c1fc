#include "store/audit_store.hpp"

namespace prism::store::audit {

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO audit_log (id, org_id, actor_id, action, target_type, target_id, details, ip,"
    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

constexpr std::string_view kListForOrg =
    "SELECT id, org_id, actor_id, action, target_type, target_id, details, ip, created_at"
    " FROM audit_log WHERE org_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR id < ?2)"
    " ORDER BY id DESC LIMIT ?3";

constexpr std::string_view kListWithoutOrg =
    "SELECT id, org_id, actor_id, action, target_type, target_id, details, ip, created_at"
    " FROM audit_log WHERE org_id IS NULL AND (CAST(?1 AS TEXT) IS NULL OR id < ?1)"
    " ORDER BY id DESC LIMIT ?2";

Row from_row(const store::Row& row) {
  return Row{row.str(0), row.opt_str(1), row.opt_str(2), row.str(3), row.str(4),
             row.str(5), row.str(6),     row.str(7),     row.i64(8)};
}

}  // namespace

void insert(Tx& tx, const Row& r) {
  tx.exec(kInsert, {r.id, opt(r.org_id), opt(r.actor_id), r.action, r.target_type, r.target_id,
                    r.details_json, r.ip, r.created_at});
}

std::vector<Row> list_for_org(Tx& tx, const std::string& org_id,
                              const std::optional<std::string>& before_id, int limit) {
  std::vector<Row> out;
  for (const auto& row : tx.query(kListForOrg, {org_id, opt(before_id), std::int64_t{limit}})) {
    out.push_back(from_row(row));
  }
  return out;
}

std::vector<Row> list_without_org(Tx& tx, const std::optional<std::string>& before_id, int limit) {
  std::vector<Row> out;
  for (const auto& row : tx.query(kListWithoutOrg, {opt(before_id), std::int64_t{limit}})) {
    out.push_back(from_row(row));
  }
  return out;
}

}  // namespace prism::store::audit
