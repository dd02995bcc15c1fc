#pragma once

#include "http/router.hpp"
#include "services/orgs/projects_service.hpp"

namespace prism::api {

// /api/v1/orgs/{org}/projects and /api/v1/projects/{id}.
void register_projects_routes(http::Router& router, services::ProjectsService& projects);

}  // namespace prism::api
