#pragma once

#include "core/json.hpp"
#include "http/router.hpp"
#include "services/audit/audit_log_service.hpp"
#include "store/audit_store.hpp"

namespace prism::api {

// An audit entry as the API shows it: the stored fields, the actor and the
// target user by name and e-mail, the action's label and the entry in one
// sentence (summary).
json::object audit_json(const store::audit::NamedRow& entry);

// GET /orgs/{org}/audit (filtered, paged), GET /orgs/{org}/audit/export and
// GET /audit/actions (the catalogue of action codes with their labels).
void register_audit_routes(http::Router& router, services::AuditLogService& audit);

}  // namespace prism::api
