#include "store/projects_store.hpp"

namespace prism::store::projects {

namespace {

Project project_from(const Row& r) {
  return Project{r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.i64(6), r.i64(7)};
}

std::string s(std::string_view v) { return std::string(v); }

}  // namespace

constexpr std::string_view kInsert =
    "INSERT INTO projects (id, org_id, name, key, description, created_by, created_at,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

void insert(Tx& tx, const Project& p) {
  tx.exec(kInsert,
          {p.id, p.org_id, p.name, p.key, p.description, p.created_by, p.created_at, p.updated_at});
}

constexpr std::string_view kFind =
    "SELECT p.id, p.org_id, p.name, p.key, p.description, p.created_by, p.created_at,"
    " p.updated_at FROM projects p JOIN organizations o ON o.id = p.org_id"
    " AND o.deleted_at IS NULL WHERE p.id = ?1 AND p.deleted_at IS NULL";

std::optional<Project> find(Tx& tx, std::string_view project_id) {
  return tx.query_one_as(kFind, {s(project_id)}, project_from);
}

constexpr std::string_view kListForOrg =
    "SELECT id, org_id, name, key, description, created_by, created_at, updated_at FROM projects"
    " WHERE org_id = ?1 AND deleted_at IS NULL AND (CAST(?2 AS TEXT) IS NULL OR id > ?2) ORDER BY id LIMIT ?3";

std::vector<Project> list_for_org(Tx& tx, std::string_view org_id,
                                  const std::optional<std::string>& after_id, int limit) {
  std::vector<Project> out;
  for (const auto& row : tx.query(kListForOrg, {s(org_id), opt(after_id), std::int64_t{limit}})) {
    out.push_back(project_from(row));
  }
  return out;
}

constexpr std::string_view kKeyTaken =
    "SELECT 1 FROM projects WHERE org_id = ?1 AND key = ?2 AND id <> ?3 AND deleted_at IS NULL";

bool key_taken(Tx& tx, std::string_view org_id, std::string_view key, std::string_view except_id) {
  return tx.query_one(kKeyTaken, {s(org_id), s(key), s(except_id)}).has_value();
}

constexpr std::string_view kUpdate =
    "UPDATE projects SET name = ?2, key = ?3, description = ?4, updated_at = ?5"
    " WHERE id = ?1 AND deleted_at IS NULL";

void update(Tx& tx, const Project& p) {
  tx.exec(kUpdate, {p.id, p.name, p.key, p.description, p.updated_at});
}

constexpr std::string_view kSoftDelete =
    "UPDATE projects SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL";

void soft_delete(Tx& tx, std::string_view project_id, std::int64_t now) {
  tx.exec(kSoftDelete, {s(project_id), now});
}

}  // namespace prism::store::projects
