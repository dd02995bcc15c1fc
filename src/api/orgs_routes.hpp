#pragma once

#include "http/router.hpp"
#include "services/orgs/orgs_service.hpp"

namespace prism::api {

// /api/v1/orgs and /api/v1/orgs/{org}.
void register_orgs_routes(http::Router& router, services::OrgsService& orgs);

}  // namespace prism::api
