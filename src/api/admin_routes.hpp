#pragma once

#include "http/router.hpp"
#include "services/operations/server_admin.hpp"

namespace prism::api {

// /api/v1/admin: server administration for server administrators
// (users.is_admin, not organization roles); everyone else gets 403.
void register_admin_routes(http::Router& router, services::operations::ServerAdmin& admin);

}  // namespace prism::api
