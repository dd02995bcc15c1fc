#include "services/orgs/projects_service.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/access.hpp"
#include "services/audit/audit.hpp"
#include "services/orgs/org_rules.hpp"

namespace prism::services {

namespace {

const char* const kKeyTaken = "another project of this organization already uses this key";

store::projects::Project load(store::Tx& tx, std::string_view project_id) {
  auto project = store::projects::find(tx, project_id);
  if (!project) throw not_found("project");
  return std::move(*project);
}

}  // namespace

store::projects::Project ProjectsService::create(const Caller& caller, std::string_view org_id,
                                                 const CreateProjectInput& input) {
  std::string name = checked_name("name", input.name);
  if (!is_valid_project_key(input.key))
    throw validation_failed("key", std::string(kProjectKeyRule));
  if (utf8_length(input.description).value_or(kMaxDescriptionLength + 1) > kMaxDescriptionLength) {
    throw validation_failed("description", "must be at most 5000 characters of valid UTF-8");
  }
  try {
    return db_.write([&](store::Tx& tx) {
      require_org(tx, caller.user_id, org_id, Role::kAdmin);
      if (store::projects::key_taken(tx, org_id, input.key)) throw conflict(kKeyTaken);
      std::int64_t now = now_unix_ms();
      store::projects::Project p{new_id(),          std::string(org_id), name, input.key,
                                 input.description, caller.user_id,      now,  now};
      store::projects::insert(tx, p);
      record_audit(tx, AuditEntry{p.org_id, caller.user_id, "project.created", "project", p.id,
                                  json::object{{"name", p.name}, {"key", p.key}}, caller.ip});
      return p;
    });
  } catch (const store::ConstraintError&) {
    throw conflict(kKeyTaken);
  }
}

std::vector<store::projects::Project> ProjectsService::list(
    std::string_view user_id, std::string_view org_id, const std::optional<std::string>& cursor,
    int limit) {
  return db_.read([&](store::Tx& tx) {
    require_org(tx, user_id, org_id, Role::kViewer);
    return store::projects::list_for_org(tx, org_id, cursor, limit + 1);
  });
}

store::projects::Project ProjectsService::get(std::string_view user_id,
                                              std::string_view project_id) {
  return db_.read([&](store::Tx& tx) {
    require_project(tx, user_id, project_id, Role::kViewer);
    return load(tx, project_id);
  });
}

store::projects::Project ProjectsService::update(const Caller& caller, std::string_view project_id,
                                                 const UpdateProjectInput& input) {
  try {
    return db_.write([&](store::Tx& tx) {
      require_project(tx, caller.user_id, project_id, Role::kAdmin);
      auto p = load(tx, project_id);
      json::object changes;
      if (input.name && *input.name != p.name) {
        changes["name"] = json::object{{"from", p.name}, {"to", *input.name}};
        p.name = *input.name;
      }
      if (input.key && *input.key != p.key) {
        if (store::projects::key_taken(tx, p.org_id, *input.key, p.id)) throw conflict(kKeyTaken);
        changes["key"] = json::object{{"from", p.key}, {"to", *input.key}};
        p.key = *input.key;
      }
      if (input.description && *input.description != p.description) {
        changes["description"] = true;
        p.description = *input.description;
      }
      if (!changes.empty()) {
        p.updated_at = now_unix_ms();
        store::projects::update(tx, p);
        record_audit(tx, AuditEntry{p.org_id, caller.user_id, "project.updated", "project", p.id,
                                    std::move(changes), caller.ip});
      }
      return p;
    });
  } catch (const store::ConstraintError&) {
    throw conflict(kKeyTaken);
  }
}

void ProjectsService::remove(const Caller& caller, std::string_view project_id) {
  db_.write([&](store::Tx& tx) {
    auto access = require_project(tx, caller.user_id, project_id, Role::kAdmin);
    auto p = load(tx, project_id);
    store::projects::soft_delete(tx, project_id, now_unix_ms());
    record_audit(tx, AuditEntry{access.org_id, caller.user_id, "project.deleted", "project", p.id,
                                json::object{{"name", p.name}, {"key", p.key}}, caller.ip});
  });
}

}  // namespace prism::services
