#include "store/templates_store.hpp"

namespace prism::store::templates {

namespace {

OrgTemplate template_from(const Row& r) {
  return OrgTemplate{r.str(0), r.str(1), r.str(2), r.str(3), r.str(4),
                     r.i64(5), r.str(6), r.i64(7), r.i64(8)};
}

std::string s(std::string_view v) { return std::string(v); }

}  // namespace

constexpr std::string_view kInsert =
    "INSERT INTO templates (id, org_id, name, description, sections, version, created_by,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

void insert(Tx& tx, const OrgTemplate& t) {
  tx.exec(kInsert, {t.id, t.org_id, t.name, t.description, t.sections, t.version, t.created_by,
                    t.created_at, t.updated_at});
}

constexpr std::string_view kFind =
    "SELECT t.id, t.org_id, t.name, t.description, t.sections, t.version, t.created_by,"
    " t.created_at, t.updated_at FROM templates t JOIN organizations o ON o.id = t.org_id"
    " AND o.deleted_at IS NULL WHERE t.id = ?1 AND t.deleted_at IS NULL";

std::optional<OrgTemplate> find(Tx& tx, std::string_view id) {
  return tx.query_one_as(kFind, {s(id)}, template_from);
}

constexpr std::string_view kFindByName =
    "SELECT id, org_id, name, description, sections, version, created_by, created_at,"
    " updated_at FROM templates WHERE org_id = ?1 AND name = ?2 AND deleted_at IS NULL";

std::optional<OrgTemplate> find_by_name(Tx& tx, std::string_view org_id, std::string_view name) {
  return tx.query_one_as(kFindByName, {s(org_id), s(name)}, template_from);
}

constexpr std::string_view kListForOrg =
    "SELECT id, org_id, name, description, sections, version, created_by, created_at,"
    " updated_at FROM templates WHERE org_id = ?1 AND deleted_at IS NULL ORDER BY name, id";

std::vector<OrgTemplate> list_for_org(Tx& tx, std::string_view org_id) {
  std::vector<OrgTemplate> out;
  for (const auto& row : tx.query(kListForOrg, {s(org_id)})) out.push_back(template_from(row));
  return out;
}

constexpr std::string_view kUpdate =
    "UPDATE templates SET name = ?2, description = ?3, sections = ?4, version = ?5,"
    " updated_at = ?6 WHERE id = ?1 AND version = ?7 AND deleted_at IS NULL";

bool update(Tx& tx, const OrgTemplate& t, std::int64_t expected_version) {
  return tx.exec(kUpdate, {t.id, t.name, t.description, t.sections, t.version, t.updated_at,
                           expected_version}) == 1;
}

constexpr std::string_view kSoftDelete =
    "UPDATE templates SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL";

void soft_delete(Tx& tx, std::string_view id, std::int64_t now) {
  tx.exec(kSoftDelete, {s(id), now});
}

}  // namespace prism::store::templates
