#include "services/documents/templates_service.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/access.hpp"
#include "services/audit/audit.hpp"

namespace prism::services {

namespace {

namespace tstore = store::templates;

const char* const kNameTaken = "a template with this name already exists in the organization";
const char* const kBuiltinFixed = "built-in templates cannot be changed; create your own instead";

void check_name_free(store::Tx& tx, std::string_view org_id, const std::string& name,
                     std::string_view except_id = {}) {
  if (ai::find_builtin(name)) throw conflict("a built-in template already uses this name");
  auto existing = tstore::find_by_name(tx, org_id, name);
  if (existing && existing->id != except_id) throw conflict(kNameTaken);
}

// The org template `id` if the user is a member of its org with `min_role`;
// another tenant's template is not found.
tstore::OrgTemplate load(store::Tx& tx, std::string_view user_id, std::string_view id,
                         Role min_role) {
  auto row = tstore::find(tx, id);
  if (!row) throw not_found("template");
  try {
    require_org(tx, user_id, row->org_id, Role::kViewer);
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kNotFound) throw not_found("template");
    throw;
  }
  require_org(tx, user_id, row->org_id, min_role);
  return std::move(*row);
}

Error version_conflict(std::int64_t current, std::int64_t sent) {
  return Error(ErrorCode::kPreconditionFailed,
               "you edited version " + std::to_string(sent) + " but the template is at version " +
                   std::to_string(current) + " now; reload it and apply your change again")
      .with_machine_code("version_conflict");
}

}  // namespace

std::vector<ai::Template> TemplatesService::list(std::string_view user_id,
                                                 std::string_view org_id) {
  return db_.read([&](store::Tx& tx) {
    require_org(tx, user_id, org_id, Role::kViewer);
    return catalog_.list(tx, org_id);
  });
}

ai::Template TemplatesService::create(const Caller& caller, std::string_view org_id,
                                      const TemplateInput& input) {
  try {
    return db_.write([&](store::Tx& tx) {
      require_org(tx, caller.user_id, org_id, Role::kAdmin);
      check_name_free(tx, org_id, input.name);
      std::int64_t now = now_unix_ms();
      tstore::OrgTemplate row{new_id(),
                              std::string(org_id),
                              input.name,
                              input.description,
                              json::serialize(ai::sections_json(input.sections)),
                              1,
                              caller.user_id,
                              now,
                              now};
      tstore::insert(tx, row);
      record_audit(tx, AuditEntry{row.org_id, caller.user_id, "template.created", "template",
                                  row.id, json::object{{"name", row.name}}, caller.ip});
      return TemplateCatalog::from_row(row);
    });
  } catch (const store::ConstraintError&) {
    throw conflict(kNameTaken);
  }
}

ai::Template TemplatesService::get(std::string_view user_id, std::string_view id) {
  if (const auto* builtin = ai::find_builtin(id)) return *builtin;
  return db_.read([&](store::Tx& tx) {
    return TemplateCatalog::from_row(load(tx, user_id, id, Role::kViewer));
  });
}

ai::Template TemplatesService::update(const Caller& caller, std::string_view id,
                                      std::int64_t if_match, const TemplateChanges& changes) {
  if (ai::find_builtin(id)) throw forbidden(kBuiltinFixed);
  try {
    return db_.write([&](store::Tx& tx) {
      auto row = load(tx, caller.user_id, id, Role::kAdmin);
      if (row.version != if_match) throw version_conflict(row.version, if_match);
      const std::int64_t edited = row.version;
      json::object changed;
      if (changes.name && *changes.name != row.name) {
        check_name_free(tx, row.org_id, *changes.name, row.id);
        changed["name"] = json::object{{"from", row.name}, {"to", *changes.name}};
        row.name = *changes.name;
      }
      if (changes.description && *changes.description != row.description) {
        changed["description"] = true;
        row.description = *changes.description;
      }
      if (changes.sections) {
        std::string sections = json::serialize(ai::sections_json(*changes.sections));
        if (sections != row.sections) {
          changed["sections"] = true;
          row.sections = std::move(sections);
        }
      }
      if (!changed.empty()) {
        row.version += 1;
        row.updated_at = now_unix_ms();
        if (!tstore::update(tx, row, edited)) {
          // Another writer got in between the read and this write.
          auto now_stored = tstore::find(tx, row.id);
          if (!now_stored) throw not_found("template");
          throw version_conflict(now_stored->version, if_match);
        }
        changed["version"] = row.version;
        record_audit(tx, AuditEntry{row.org_id, caller.user_id, "template.updated", "template",
                                    row.id, std::move(changed), caller.ip});
      }
      return TemplateCatalog::from_row(row);
    });
  } catch (const store::ConstraintError&) {
    throw conflict(kNameTaken);
  }
}

void TemplatesService::remove(const Caller& caller, std::string_view id) {
  if (ai::find_builtin(id)) throw forbidden(kBuiltinFixed);
  db_.write([&](store::Tx& tx) {
    auto row = load(tx, caller.user_id, id, Role::kAdmin);
    tstore::soft_delete(tx, row.id, now_unix_ms());
    record_audit(tx, AuditEntry{row.org_id, caller.user_id, "template.deleted", "template", row.id,
                                json::object{{"name", row.name}}, caller.ip});
  });
}

}  // namespace prism::services
