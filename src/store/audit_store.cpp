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

// The users an entry names are joined as they are now: a renamed member
// reads under their new name, a deleted account as nobody.
constexpr std::string_view kListNamed =
    "SELECT l.id, l.org_id, l.actor_id, l.action, l.target_type, l.target_id, l.details, l.ip,"
    " l.created_at, a.name, a.email, t.name, t.email FROM audit_log l"
    " LEFT JOIN users a ON a.id = l.actor_id"
    " LEFT JOIN users t ON l.target_type = 'user' AND t.id = l.target_id"
    " WHERE l.org_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR l.id < ?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR l.actor_id = ?3)"
    " AND (CAST(?4 AS TEXT) IS NULL OR l.action = ?4)"
    " AND (CAST(?5 AS TEXT) IS NULL OR substr(l.action, 1, length(CAST(?5 AS TEXT))) = ?5)"
    " AND (CAST(?6 AS BIGINT) IS NULL OR l.created_at >= ?6)"
    " AND (CAST(?7 AS BIGINT) IS NULL OR l.created_at < ?7)"
    " ORDER BY l.id DESC LIMIT ?8";

constexpr std::string_view kListWithoutOrg =
    "SELECT l.id, l.org_id, l.actor_id, l.action, l.target_type, l.target_id, l.details, l.ip,"
    " l.created_at, a.name, a.email, t.name, t.email FROM audit_log l"
    " LEFT JOIN users a ON a.id = l.actor_id"
    " LEFT JOIN users t ON l.target_type = 'user' AND t.id = l.target_id"
    " WHERE l.org_id IS NULL AND (CAST(?1 AS TEXT) IS NULL OR l.id < ?1)"
    " ORDER BY l.id DESC LIMIT ?2";

Row from_row(const store::Row& row) {
  return Row{row.str(0), row.opt_str(1), row.opt_str(2), row.str(3), row.str(4),
             row.str(5), row.str(6),     row.str(7),     row.i64(8)};
}

std::optional<Person> person_at(const store::Row& row, std::size_t name, std::size_t email) {
  auto n = row.opt_str(name);
  auto e = row.opt_str(email);
  if (!n && !e) return std::nullopt;
  return Person{n.value_or(""), e.value_or("")};
}

NamedRow named_from_row(const store::Row& row) {
  return NamedRow{from_row(row), person_at(row, 9, 10), person_at(row, 11, 12)};
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

std::vector<NamedRow> list_named(Tx& tx, const std::string& org_id, const Filter& f, int limit) {
  std::vector<NamedRow> out;
  for (const auto& row : tx.query(kListNamed, {org_id, opt(f.before_id), opt(f.actor_id),
                                               opt(f.action), opt(f.action_prefix), opt(f.from_ms),
                                               opt(f.until_ms), std::int64_t{limit}})) {
    out.push_back(named_from_row(row));
  }
  return out;
}

std::vector<NamedRow> list_without_org(Tx& tx, const std::optional<std::string>& before_id,
                                       int limit) {
  std::vector<NamedRow> out;
  for (const auto& row : tx.query(kListWithoutOrg, {opt(before_id), std::int64_t{limit}})) {
    out.push_back(named_from_row(row));
  }
  return out;
}

}  // namespace prism::store::audit
