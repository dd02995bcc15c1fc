#pragma once

#include "core/json.hpp"
#include "http/router.hpp"
#include "services/documents/templates_service.hpp"

namespace prism::api {

// {id, name, label, description, version, builtin, org_id, sections, created_at, updated_at};
// built-ins have null org_id and times.
json::object template_json(const ai::Template& t);

// /api/v1/orgs/{org}/templates and /api/v1/templates/{id}.
void register_templates_routes(http::Router& router, services::TemplatesService& templates);

}  // namespace prism::api
